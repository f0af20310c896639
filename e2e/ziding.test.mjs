// 自定义表格 end to end, as a clerk: a notice's table pasted from Word (a real
// ClipboardEvent carrying the clipboard HTML Word gives), corrected in the
// builder, 完成, filled by its labels, checked, exported as CSV byte for byte
// and printed on A4; Excel's filled row; pastes that hold no table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useApp,
  newContext,
  openApp,
  waitForText,
  ensureArtifacts,
  axeViolations,
  printed,
  readWorkbook,
  goOffline,
  goOnline,
} from './app.mjs';
import { OFFLINE_LINE_CLASS } from '../scripts/contract.js';

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

/** Clicks the toolbar's `button` of `scope` and resolves to the download's name, path and bytes. */
async function download(page, scope, button) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(scope).getByRole('toolbar').getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(await ensureArtifacts(), `ziding-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, buffer: await readFile(path) };
}

const cells = (page, selector) => page.locator(selector).evaluateAll((els) => els.map((el) => el.textContent.trim()));

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

  const exported = await download(page, '#page-ziding', '导出CSV');
  assert.match(exported.name, /^柳城县科协_2023年全国科普日重点科普活动信息表_\d{8}\.csv$/);
  const lines = exported.buffer.toString('utf8').split('\r\n');
  assert.match(
    lines[0],
    /^\uFEFF自定义表格,2023年全国科普日重点科普活动信息表,编号,\d{8}-\d{6}-[0-9a-f]{4},版本,1,合计列,预计参与人数$/,
  );
  assert.deepEqual(lines.slice(1), [
    '填报单位（盖章）,柳城县科协',
    '填报人,',
    '联系电话,0772-2625843',
    '""',
    '序号,活动名称,活动时间,活动地点,活动形式（线上/线下）,活动简介（200字以内）,预计参与人数,联系人,联系电话,备注',
    '1,科普进社区,2023-09-16,,线下,,1200,,,',
    '',
  ]);

  const { text, info } = await printed(page, 'ziding');
  assert.match(info, /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/, 'ten columns print landscape');
  assert.ok(text.replace(/\s+/g, '').includes('2023年全国科普日重点科普活动信息表'), text);
  assert.match(text, /填报单位（盖章）：柳城县科协/);
  assert.match(text, /1\s+科普进社区\s+2023-09-16\s+线下\s+1200/);
  assert.match(text, /说明：1\.活动时间请填写具体日期/);

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
  // Kept in that browser, and there with the network off.
  await waitForText(there.locator(`#page-ziding .${OFFLINE_LINE_CLASS}`), '已保存到本机', 30000);
  await goOffline(other, app.server);
  try {
    await there.reload();
    await waitForText(there.locator('h1'), '全国科普日新疆活动联络员、审核员名单');
    assert.equal(await there.getByLabel('联络员手机号码 第1行').inputValue(), '1399946128');
  } finally {
    await goOnline(other, app.server);
  }

  const cut = link.slice(0, link.length - 12);
  const broken = await openApp(other, cut);
  await waitForText(broken.locator('body'), '分享链接不完整或已被改动');
  assert.deepEqual(there.errors, []);
  await other.close();
});

test('filled from the shared link in another browser, the returned files merge in 汇总 with exact totals', async () => {
  // The issuer pastes the notice's table, finishes it and shares it.
  const issuer = await newContext(app.browser);
  const page = await openZiding(issuer);
  await paste(page, { 'text/html': await fixture('word-xinxibiao.html') });
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('button', { name: '分享' }).click();
  const link = await page.getByLabel('分享链接').inputValue();

  // A county office opens the link and fills the table in for two units.
  const county = await newContext(app.browser);
  const there = await openApp(county, link);
  await waitForText(there.locator('h1'), '2023年全国科普日重点科普活动信息表');
  const fill = async (unit, rows) => {
    await there.getByLabel('填报单位（盖章）').fill(unit);
    for (const [i, [name, people]] of rows.entries()) {
      await there.getByRole('button', { name: '添加一行' }).click();
      await there.getByLabel(`活动名称 第${i + 1}行`).fill(name);
      await there.getByLabel(`预计参与人数 第${i + 1}行`).fill(people);
    }
    return download(there, '#page-ziding', '导出CSV');
  };
  const first = await fill('柳城县科协', [
    ['科普进社区', '1,200'],
    ['科普大篷车', '80'],
  ]);
  const book = readWorkbook((await download(there, '#page-ziding', '导出Excel')).path);
  const [sheet] = book.sheets;
  assert.equal(sheet.name, '自定义表格');
  const row = sheet.rows.find((r) => r.includes('科普进社区'));
  assert.deepEqual([row[0], row[1], row[7]], [1, '科普进社区', 1200], 'the count is a number in Excel');
  await there.locator('#page-ziding').getByRole('button', { name: '新建', exact: true }).click();
  await there.getByLabel('活动名称 第1行').waitFor({ state: 'detached' });
  const second = await fill('鹿寨县科协', [['天文科普', '300']]);
  assert.deepEqual(
    [first.name, second.name].map((n) => n.replace(/\d{8}/, 'DATE')),
    [
      '柳城县科协_2023年全国科普日重点科普活动信息表_DATE.csv',
      '鹿寨县科协_2023年全国科普日重点科普活动信息表_DATE.csv',
    ],
  );
  assert.deepEqual(there.errors, []);
  await county.close();

  // Back at the issuer, the 汇总 reads both.
  const merge = await openApp(issuer, app.server.url + '#huizong');
  const scope = merge.locator('#page-huizong');
  await scope.getByLabel('汇总单位', { exact: true }).fill('柳州市科协');
  await scope.getByLabel('应报单位', { exact: true }).fill('柳城县科协\n鹿寨县科协\n融安县科协');
  await scope
    .getByLabel('选择文件', { exact: true })
    .setInputFiles([first, second].map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: f.buffer })));
  const part = scope.locator('#huizong-table-0');
  await waitForText(part.locator('h2'), '2023年全国科普日重点科普活动信息表（第1版）汇总');
  assert.deepEqual(await cells(merge, '#huizong-table-0 .print-total > *'), [
    '合计',
    ...['', '', '', '', '', ''],
    '1580',
    ...['', ''],
    '2个单位，3行',
  ]);
  assert.deepEqual((await cells(merge, '#huizong-table-0 tbody tr > :is(td, th):nth-child(-n+2)')).slice(0, 6), [
    '柳城县科协',
    '科普进社区',
    '柳城县科协',
    '科普大篷车',
    '鹿寨县科协',
    '天文科普',
  ]);
  assert.deepEqual(await cells(merge, '#huizong-flags li'), [
    '缺报“2023年全国科普日重点科普活动信息表”缺报1个单位：融安县科协',
  ]);
  assert.deepEqual(await cells(merge, '#huizong-file-list tbody tr td:nth-child(3)'), [
    '柳城县科协 · 2023年全国科普日重点科普活动信息表（第1版） · 2行',
    '鹿寨县科协 · 2023年全国科普日重点科普活动信息表（第1版） · 1行',
  ]);
  const summary = await download(merge, '#page-huizong', '导出汇总CSV');
  const text = summary.buffer.toString('utf8');
  const section = text.split('2023年全国科普日重点科普活动信息表（第1版）汇总\r\n')[1];
  assert.equal(
    section,
    [
      '填报单位,活动名称,主办单位,活动时间,活动地点,活动形式（线上/线下）,活动简介（200字以内）,预计参与人数,联系人,联系电话,说明',
      '柳城县科协,科普进社区,,,,,,1200,,,计入',
      '柳城县科协,科普大篷车,,,,,,80,,,计入',
      '鹿寨县科协,天文科普,,,,,,300,,,计入',
      '合计,,,,,,,1580,,,2个单位，3行',
      '',
    ].join('\r\n'),
  );
  await merge.screenshot({ path: join(await ensureArtifacts(), 'huizong-ziding.png'), fullPage: true });
  const { text: summed } = await printed(merge, 'huizong-ziding');
  assert.ok(summed.replace(/\s+/g, '').includes('2023年全国科普日重点科普活动信息表（第1版）汇总'), summed);
  assert.match(summed, /合计\s+1580\s+2个单位，/);
  const merged = readWorkbook((await download(merge, '#page-huizong', '导出Excel')).path);
  const totalRow = merged.sheets[0].rows.find((r) => r[0] === '合计' && r.includes(1580));
  assert.ok(totalRow, JSON.stringify(merged.sheets[0].rows));
  assert.deepEqual(merge.errors, []);
  await issuer.close();
});

test('bad pastes say why in Chinese and run nothing; markup, formulas and Ext. B characters stay plain text', async () => {
  const context = await newContext(app.browser);
  const page = await openZiding(context);
  const message = page.locator('#ziding-paste-message');
  // An image, as a screenshot tool puts it on the clipboard.
  await page.locator('#ziding-paste').focus();
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'image.png', { type: 'image/png' }));
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    document.getElementById('ziding-paste').dispatchEvent(event);
  });
  await waitForText(message, '粘贴的是图片或文件，不是表格');
  const row = (n, cell) => `<tr>${Array.from({ length: n }, (_, i) => cell(i)).join('')}</tr>`;
  await paste(page, { 'text/html': `<table>${row(201, (i) => `<td>列${i}</td>`)}</table>` });
  await waitForText(message, '表格有201列，超过了200列');
  const rows = Array.from({ length: 5001 }, () => row(2, () => '<td></td>')).join('');
  await paste(page, { 'text/html': `<table>${row(2, (i) => `<td>列${i}</td>`)}${rows}</table>` });
  await waitForText(message, '表格有5002行，超过了5000行');

  // A 2 MB web page with scripts and handlers around and inside its table: the table is read, nothing runs.
  const news = '<p>新闻正文，与表格无关。<img src="x" onerror="window.ran = \'img\'"></p>'.repeat(35000);
  const web = `<html><head><script>window.ran = 'script'</script></head><body>${news}
    <table><tr><td colspan="2"><b>𠮷祥村科普志愿者名单</b></td></tr>
    <tr><td>姓名</td><td>备注</td></tr>
    <tr><td>张𠮷<script>window.ran = 'cell'</script></td><td>=1+2</td></tr>
    <tr><td>&lt;b&gt;李四&lt;/b&gt;</td><td><img src="y" onerror="window.ran = 'cell img'">-3</td></tr></table></body></html>`;
  assert.ok(web.length > 2_000_000, `${web.length} characters`);
  await paste(page, { 'text/html': web });
  await page.locator('#ziding-title').waitFor();
  assert.equal(await page.locator('#ziding-title').inputValue(), '𠮷祥村科普志愿者名单');
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByLabel('姓名 第1行').waitFor();
  assert.equal(await page.getByLabel('姓名 第1行').inputValue(), '张𠮷');
  assert.equal(await page.getByLabel('备注 第1行').inputValue(), '=1+2');
  assert.equal(await page.getByLabel('姓名 第2行').inputValue(), '<b>李四</b>');
  assert.equal(await page.evaluate(() => window.ran), undefined, 'no script or handler of the paste ran');
  await waitForText(page.locator('h1'), '𠮷祥村科普志愿者名单');
  const csv = (await download(page, '#page-ziding', '导出CSV')).buffer.toString('utf8');
  assert.ok(csv.endsWith("姓名,备注\r\n张𠮷,'=1+2\r\n<b>李四</b>,'-3\r\n"), csv);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a 申报书 is filled in its own grid, labels in the cells beside the blanks, and prints with its seal box', async () => {
  const context = await newContext(app.browser);
  const page = await openZiding(context);
  await paste(page, { 'text/html': await fixture('word-shenbaoshu.html') });
  await page.getByRole('button', { name: '完成' }).click();
  const grid = page.locator('.ziding-grid');
  await grid.waitFor();
  // Each label is the <label for> of the blank beside it, on one row, as on paper.
  assert.deepEqual(await cells(page, '.ziding-grid tr:nth-child(2) > *:is(th, td) > label'), ['申报单位', '单位性质']);
  await page.getByLabel('项目名称', { exact: true }).fill('乡村科普行');
  await page.getByLabel('申报单位', { exact: true }).fill('柳州市科技馆');
  await page.getByLabel('手机号码', { exact: true }).fill('1399946128');
  await page.getByLabel('申请经费（万元）', { exact: true }).fill('3.5');
  await page.getByRole('button', { name: '检查' }).click();
  await waitForText(page.locator('#ziding-summary'), '手机号码：请填写11位手机号码');
  await page.getByLabel('手机号码', { exact: true }).fill('13999461288');
  await page.getByLabel('项目实施方案', { exact: false }).fill('方案正文');
  // Its 字数 counted as it is typed, against the paper's 不少于1500字.
  await waitForText(page.locator('.ziding-grid .counter'), '字数：4');
  await waitForText(page.locator('.ziding-grid .counter'), '还差 1496 字');
  await waitForText(page.locator('.ziding-grid'), '签字盖章处：打印后手写、盖章');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(await ensureArtifacts(), 'ziding-grid.png'), fullPage: true });
  const csv = (await download(page, '#page-ziding', '导出CSV')).buffer.toString('utf8');
  assert.ok(csv.includes('\r\n申报单位,柳州市科技馆\r\n') && csv.includes('\r\n申请经费（万元）,3.5\r\n'), csv);

  const { text } = await printed(page, 'ziding-grid');
  assert.match(text, /申报单位\s+柳州市科技馆\s+单位性质/);
  assert.match(text, /申报单位意见：/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
