// 自定义表格 end to end, as a clerk: a notice's table pasted from Word (a real
// ClipboardEvent carrying the clipboard HTML Word gives), corrected in the
// builder, 完成, filled by its labels, checked, exported as CSV byte for byte
// and printed on A4; Excel's filled row; pastes that hold no table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { useApp, newContext, openApp, waitForText, ensureArtifacts, axeViolations, toPrint } from './app.mjs';

const app = useApp();
const fixtures = join(import.meta.dirname, '..', 'crates/kepu-core/tests/fixtures/paste');

async function openZiding(context) {
  const page = await openApp(context, app.server.url + '#ziding');
  await page.locator('#ziding-paste').waitFor();
  return page;
}

/** Pastes `data` ({ 'text/html': …, 'text/plain': … }) into the paste box as the browser would. */
async function paste(page, data) {
  await page.locator('#ziding-paste').focus();
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(data)) transfer.setData(type, value);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    document.getElementById('ziding-paste').dispatchEvent(event);
  }, data);
}

const fixture = (name) => readFile(join(fixtures, name), 'utf8');

test('a Word table pasted, corrected, finished, filled, checked, exported and printed', async () => {
  const context = await newContext(app.browser);
  const page = await openZiding(context);
  assert.deepEqual(await axeViolations(page), []);
  await paste(page, { 'text/html': await fixture('word-xinxibiao.html'), 'text/plain': '序号\t活动名称' });

  // The builder shows what was understood.
  await page.locator('#ziding-title').waitFor();
  assert.equal(await page.locator('#ziding-title').inputValue(), '2023年全国科普日重点科普活动信息表');
  assert.equal(await page.locator('#ziding-attachment').inputValue(), '附件1');
  assert.equal(await page.getByLabel('名称 第1项').inputValue(), '填报单位（盖章）');
  assert.equal(await page.getByLabel('类型 第3项').inputValue(), '电话');
  assert.equal(await page.getByLabel('名称 第5列').inputValue(), '活动形式（线上/线下）');
  assert.equal(await page.getByLabel('类型 第5列').inputValue(), '选择');
  assert.equal(await page.getByLabel('选项 第5列（用/分隔）').inputValue(), '线上/线下');
  assert.equal(await page.getByLabel('类型 第7列').inputValue(), '整数');
  assert.ok(await page.locator('#ziding-numbered').isChecked());
  // Corrected: 活动名称 required, 主办单位 removed, a column added at the end.
  await page.getByLabel('必填 第1列').check();
  await page.getByRole('button', { name: '删除第2列' }).click();
  assert.equal(await page.getByLabel('名称 第2列').inputValue(), '活动时间');
  await page.getByRole('button', { name: '添加列' }).click();
  await page.getByLabel('名称 第9列').fill('备注');
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: '完成' }).click();

  // Filled by its labels.
  await page.getByLabel('填报单位（盖章）').fill('柳城县科协');
  await page.getByLabel('联系电话').first().fill('2625843');
  // Leaving the field shows its message, which moves what is under it: leave first, as a user's Tab does.
  await page.getByLabel('联系电话').first().press('Tab');
  await waitForText(page.locator('#ziding-f2-message'), '固定电话请加区号');
  await page.getByRole('button', { name: '添加一行' }).click();
  await page.getByLabel('活动名称 第1行').fill('科普进社区');
  await page.getByLabel('活动时间 第1行').fill('2023-09-16');
  await page.getByLabel('活动形式（线上/线下） 第1行').selectOption('线下');
  await page.getByLabel('预计参与人数 第1行').fill('1,200');
  await page.getByRole('button', { name: '添加一行' }).click();
  await page.getByLabel('预计参与人数 第2行').fill('八十');
  await page.getByRole('button', { name: '检查' }).click();
  const summary = page.locator('#ziding-summary');
  await waitForText(summary, '联系电话：固定电话请加区号');
  await waitForText(summary, '请填写活动名称 第2行');
  await waitForText(summary, '预计参与人数 第2行：请填写整数');
  await page.getByRole('button', { name: '删除第2行' }).click();
  await page.getByLabel('联系电话').first().fill('0772-2625843');
  await page.getByRole('button', { name: '检查' }).click();
  await waitForText(summary, '检查通过');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('toolbar').getByRole('button', { name: '导出CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^柳城县科协_2023年全国科普日重点科普活动信息表_\d{8}\.csv$/);
  const dir = await ensureArtifacts();
  const csvPath = join(dir, 'ziding.csv');
  await download.saveAs(csvPath);
  const lines = (await readFile(csvPath, 'utf8')).split('\r\n');
  assert.match(lines[0], /^\uFEFF自定义表格,2023年全国科普日重点科普活动信息表,编号,\d{8}-\d{6}-[0-9a-f]{4},版本,1$/);
  assert.deepEqual(lines.slice(1), [
    '填报单位（盖章）,柳城县科协',
    '填报人,',
    '联系电话,0772-2625843',
    '序号,活动名称,活动时间,活动地点,活动形式（线上/线下）,活动简介（200字以内）,预计参与人数,联系人,联系电话,备注',
    '1,科普进社区,2023-09-16,,线下,,1200,,,',
    '',
  ]);

  await toPrint(page);
  const pdfPath = join(dir, 'ziding.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/, 'ten columns print landscape');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  assert.ok(text.replace(/\s+/g, '').includes('2023年全国科普日重点科普活动信息表'), text);
  assert.match(text, /填报单位（盖章）：柳城县科协/);
  assert.match(text, /1\s+科普进社区\s+2023-09-16\s+线下\s+1200/);
  assert.match(text, /说明：1\.活动时间请填写具体日期/);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfPath, join(dir, 'ziding-print')]);
  await page.emulateMedia({ media: 'screen' });

  // Kept over a reload, finished and filled.
  await page.reload();
  await page.getByLabel('活动名称 第1行').waitFor();
  assert.equal(await page.getByLabel('活动名称 第1行').inputValue(), '科普进社区');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("Excel's paste brings its filled row; a paste with no table says so and keeps the page", async () => {
  const context = await newContext(app.browser);
  const page = await openZiding(context);
  await paste(page, { 'text/html': '<p>只有一段文字</p>', 'text/plain': '' });
  await waitForText(page.locator('#ziding-paste-message'), '剪贴板里没有表格');
  await paste(page, { 'text/plain': '   ' });
  await waitForText(page.locator('#ziding-paste-message'), '剪贴板里没有表格');
  await paste(page, {
    'text/html': await fixture('excel-zhibo.html'),
    'text/plain': await fixture('excel-zhibo.tsv'),
  });
  await page.locator('#ziding-title').waitFor();
  assert.equal(await page.locator('#ziding-title').inputValue(), '优质科普活动直播申请表');
  assert.equal(await page.getByLabel('类型 第3列').inputValue(), '日期');
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByLabel('直播活动名称 第1行').waitFor();
  assert.equal(await page.getByLabel('直播活动名称 第1行').inputValue(), '走进天文台——星空下的科学课');
  assert.equal(await page.getByLabel('直播时长（分钟） 第1行').inputValue(), '90');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('分享: the link opens the same table, ready to fill, in another browser; a cut link says so', async () => {
  const context = await newContext(app.browser);
  const page = await openZiding(context);
  await paste(page, { 'text/html': await fixture('wps-lianluoyuan.html') });
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('button', { name: '分享' }).click();
  const link = await page.getByLabel('分享链接').inputValue();
  assert.ok(link.startsWith(app.server.url + '#ziding/'), link);
  assert.ok(link.length < 2000, `a nine-column table's link is ${link.length} characters`);
  await waitForText(page.locator('#ziding-share-note'), `链接共${link.length}个字符`);
  await writeFile(join(await ensureArtifacts(), 'ziding-link.txt'), link);
  await context.close();

  const other = await newContext(app.browser);
  const there = await openApp(other, link);
  await waitForText(there.locator('h1'), '全国科普日新疆活动联络员、审核员名单');
  await there.getByRole('button', { name: '添加一行' }).click();
  await there.getByLabel('联络员手机号码 第1行').fill('1399946128');
  await there.getByRole('button', { name: '检查' }).click();
  await waitForText(there.locator('#ziding-summary'), '联络员手机号码 第1行：请填写11位手机号码');
  assert.equal(await there.evaluate(() => location.hash), '#ziding', 'the address is the page’s own once opened');
  await there.reload();
  await waitForText(there.locator('h1'), '全国科普日新疆活动联络员、审核员名单');

  const cut = link.slice(0, link.length - 12);
  const broken = await openApp(other, cut);
  await waitForText(broken.locator('body'), '分享链接不完整或已被改动');
  assert.deepEqual(there.errors, []);
  await other.close();
});
