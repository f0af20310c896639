// 申报表 end to end, as a user: fill by label, count, check, reload, CSV, print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  useApp,
  newContext,
  openApp,
  waitForText,
  ensureArtifacts,
  fillBudget,
  BUDGET_CSV,
  axeViolations,
  storedDrafts,
  onlyDraft,
  toPrint,
  seedStorage,
} from './app.mjs';

const SENTENCE = '2024年3月25日，科协举办“科普进社区”活动，参与人数约300人（含AI讲座）。';
// 23 sentences of 35 字 each: 805 字, 966 字符.
const PLAN = Array.from({ length: 23 }, () => SENTENCE).join('\n');

const VALUES = [
  ['所在城区', '鱼峰区'],
  ['社区名称', '河东社区'],
  ['联系地址', '柳州市鱼峰区柳东新区文化广场A1区'],
  ['联系人', '姜锦红'],
  ['联系电话', '0772-2625843'],
  ['电子邮箱', 'lzkxkpb@163.com'],
  ['活动名称', '科普进社区·健康生活讲座'],
  ['开始日期', '2024-06-01'],
  ['结束日期', '2024-11-30'],
  ['活动方案', PLAN],
];

const app = useApp();
const fresh = () => app.fresh();

const field = (page, label) => page.locator('#page-shenbao').getByLabel(label, { exact: true });

async function fillAll(page) {
  for (const [label, value] of VALUES) await field(page, label).fill(value);
  await fillBudget(page);
}

/** The year a new draft starts on: the current year in China. */
function shanghaiYear() {
  return shanghaiYearMonth().slice(0, 4);
}

function shanghaiYearMonth() {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  return parts.find((p) => p.type === 'year').value + parts.find((p) => p.type === 'month').value;
}

test('every field of 申报表 has its paper label, title and deadline come from settings', async () => {
  const { context, page } = await fresh();
  // A new draft starts on this year; the deadline waits for the notice's date.
  assert.equal(await page.locator('h1').first().textContent(), `${shanghaiYear()}年柳州市社区特色科普活动申报表`);
  await waitForText(page.locator('.deadline'), '申报截止日期尚未设置');
  for (const [label] of VALUES) {
    const control = field(page, label);
    assert.equal(await control.count(), 1, label);
    const id = await control.getAttribute('id');
    assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, `label for ${label}`);
  }
  const period = page.getByRole('group', { name: '活动起止时间' });
  assert.equal(await period.getByLabel('开始日期').count(), 1);
  assert.equal(await period.getByLabel('结束日期').count(), 1);

  await page.getByText('设置：年度、城市、申报截止日期').click();
  await field(page, '年度').fill('2025');
  await field(page, '城市').fill('桂林市');
  await field(page, '申报截止日期').fill('2025-04-30');
  await waitForText(page.locator('h1').first(), '2025年桂林市社区特色科普活动申报表');
  await waitForText(page.locator('.deadline'), '2025年4月30日');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the 800-字 counter follows typing and ignores unfinished pinyin', async () => {
  const { context, page } = await fresh();
  const counter = page.locator('#plan-counter');
  assert.equal(await counter.textContent(), '字数：0字符数（不计空格）：0还差 800 字');
  await field(page, '活动方案').pressSequentially(SENTENCE);
  await waitForText(counter, '字数：35');
  assert.equal(await counter.textContent(), '字数：35字符数（不计空格）：42还差 765 字');

  // An input method composing "kepu": the text is not committed, the count stays.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'kepu', selectionStart: 4, selectionEnd: 4 });
  assert.equal(await field(page, '活动方案').inputValue(), SENTENCE + 'kepu');
  assert.equal(await counter.textContent(), '字数：35字符数（不计空格）：42还差 765 字');
  await cdp.send('Input.insertText', { text: '科普' });
  await waitForText(counter, '字数：37');
  assert.equal(await counter.textContent(), '字数：37字符数（不计空格）：44还差 763 字');

  await field(page, '活动方案').fill(PLAN);
  await waitForText(counter, '已满800字');
  assert.equal(await counter.textContent(), '字数：805字符数（不计空格）：966已满800字');
  // Read out to screen readers once typing pauses (one live region on the page).
  const live = page.locator('[aria-live="polite"]');
  assert.equal(await live.count(), 1);
  await waitForText(live, '字数805，已达到800字');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('检查 lists every problem in a focused summary whose links focus the fields', async () => {
  const { context, page } = await fresh();
  await field(page, '联系电话').fill('12345');
  await field(page, '活动方案').fill(SENTENCE);
  await page.getByRole('button', { name: '检查' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '检查发现' });
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'shenbao-summary');
  const items = await summary.locator('li').allTextContents();
  assert.deepEqual(items, [
    '请填写所在城区',
    '请填写社区名称',
    '请填写联系地址',
    '请填写联系人',
    '联系电话格式不正确：请填写11位手机号（如13877246160）或带区号的固定电话（如0772-2625843）',
    '请填写电子邮箱',
    '请填写活动名称',
    '请填写开始日期',
    '请填写结束日期',
    '活动方案不少于800字，现为35字，还差765字，请补充',
    '活动预算至少填写一项支出：请点击“添加一行”',
  ]);
  assert.equal(await summary.locator('h2').textContent(), '检查发现 11 个问题，请修改后再报送');

  await summary.getByRole('link', { name: /联系电话格式不正确/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'phone');
  assert.equal(new URL(page.url()).hash, '');
  const phoneMessage = page.locator('#phone-message');
  assert.match(await phoneMessage.textContent(), /联系电话格式不正确/);
  assert.equal(await field(page, '联系电话').getAttribute('aria-invalid'), 'true');

  // Fixing a field re-checks it as the user types.
  await field(page, '联系电话').fill('13877246160');
  await phoneMessage.waitFor({ state: 'detached' });
  assert.equal(await summary.locator('li').count(), 10);

  await fillAll(page);
  await waitForText(page.getByRole('alert'), '检查通过');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a field left once shows its message and clears it while being fixed', async () => {
  const { context, page } = await fresh();
  const email = field(page, '电子邮箱');
  await email.fill('lzkxkpb@163');
  assert.equal(await page.locator('#email-message').count(), 0);
  await email.blur();
  await waitForText(page.locator('#email-message'), '电子邮箱格式不正确');
  await email.fill('lzkxkpb@163.com');
  await page.locator('#email-message').waitFor({ state: 'detached' });
  await field(page, '联系电话').fill('2625843');
  await field(page, '联系电话').blur();
  await waitForText(page.locator('#phone-message'), '联系电话缺少区号');
  assert.equal(await field(page, '联系电话').getAttribute('aria-invalid'), null);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('every value survives a reload, and even a reload right after typing', async () => {
  const { context, page } = await fresh();
  await fillAll(page);
  await waitForText(page.locator('#page-shenbao .save-status'), '已保存');
  assert.match(await page.locator('#page-shenbao .save-status').textContent(), /^已保存 \d\d:\d\d:\d\d$/);
  await field(page, '联系人').fill('陈琰琰');
  // No wait for the timer: pagehide must save.
  await page.reload();
  await page.getByRole('button', { name: '检查' }).waitFor();
  for (const [label, value] of VALUES) {
    const expected = label === '联系人' ? '陈琰琰' : value;
    assert.equal(await field(page, label).inputValue(), expected, label);
  }
  assert.equal(await field(page, '单价（元） 第2行').inputValue(), '¥800');
  assert.equal(await field(page, '自筹（元）').inputValue(), '705');
  const stored = await onlyDraft(page, 'shenbao');
  assert.equal(stored.format, 2);
  assert.equal(stored.form.community, '河东社区');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('新建 starts a new draft that keeps the settings; the first stays in the list', async () => {
  const { context, page } = await fresh();
  await fillAll(page);
  await page.getByText('设置：年度、城市、申报截止日期').click();
  await field(page, '城市').fill('南宁市');
  await page.locator('#page-shenbao').getByRole('button', { name: '新建', exact: true }).click();
  assert.equal(await field(page, '社区名称').inputValue(), '');
  assert.equal(await field(page, '活动方案').inputValue(), '');
  assert.equal(await field(page, '城市').inputValue(), '南宁市');
  // Focus moves once the new draft is on screen (the next frame), not within the click.
  await page.waitForFunction(() => document.activeElement.id === 'community');
  const drafts = await storedDrafts(page, 'shenbao');
  assert.deepEqual(
    drafts.map((d) => [d.form.community, d.form.settings.city]),
    [
      ['河东社区', '南宁市'],
      ['', '南宁市'],
    ],
  );
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('unreadable stored data is kept aside and the user is told', async () => {
  const context = await newContext(app.browser);
  await seedStorage(context, { 'kepu-forms:shenbao:draft:1': '{"format":1,"form":{"plan":"写了一半' });
  const page = await openApp(context, app.server.url);
  const notice = page.getByRole('alert').filter({ hasText: '之前保存的草稿无法读取' });
  await notice.waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unreadable:')));
  assert.equal(keys.length, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), keys[0]), '{"format":1,"form":{"plan":"写了一半');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice.getByRole('button', { name: '下载无法读取的草稿' }).click(),
  ]);
  assert.equal(await readFile(await download.path(), 'utf8'), '{"format":1,"form":{"plan":"写了一半');
  await field(page, '社区名称').fill('新社区');
  assert.equal(await field(page, '社区名称').inputValue(), '新社区');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('导出CSV downloads one header row and one data row, BOM and CRLF', async () => {
  const { context, page } = await fresh();
  await fillAll(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出CSV', exact: true }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `河东社区_申报表_${shanghaiYearMonth()}.csv`);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const quotedPlan = '"' + PLAN.replaceAll('"', '""') + '"';
  const expected =
    '\ufeff年度,所在城区,社区名称,联系地址,联系人,联系电话,电子邮箱,活动名称,开始日期,结束日期,活动方案,活动方案字数,活动预算合计（元）,校验结果\r\n' +
    `${shanghaiYear()},鱼峰区,河东社区,柳州市鱼峰区柳东新区文化广场A1区,姜锦红,0772-2625843,lzkxkpb@163.com,科普进社区·健康生活讲座,2024-06-01,2024-11-30,${quotedPlan},805,2705.00,已通过校验\r\n` +
    '活动预算\r\n' +
    BUDGET_CSV;
  assert.equal(bytes.toString('utf8'), expected);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('print is the paper 附件1 on A4 with the labels, the plan and the seal boxes', async () => {
  const { context, page } = await fresh();
  await fillAll(page);
  const dir = await ensureArtifacts();
  await page.screenshot({ path: join(dir, 'shenbao-screen.png'), fullPage: true });
  await toPrint(page);
  assert.equal(await page.getByRole('button', { name: '检查' }).isVisible(), false);
  assert.equal(await page.locator('#plan-counter').isVisible(), false);
  const pdfPath = join(dir, 'shenbao.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 3, `the plan should flow onto a second page and the budget have its own, got ${pages}`);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  const squeezed = text.replace(/\s+/g, '');
  for (const label of [
    `${shanghaiYear()}年柳州市社区特色科普活动申报表`,
    '所在城区',
    '社区名称',
    '联系地址',
    '联系人',
    '联系电话',
    '电子邮箱',
    '活动名称',
    '活动起止时间',
    '活动方案',
    '活动预算',
    '城区科协意见',
    '市科协意见',
    '（盖章）',
    '2024年6月1日至',
    '11月30日',
    '河东社区',
    'lzkxkpb@163.com',
    '附：活动预算表',
    '合计（大写）：人民币贰仟柒佰零伍元整',
  ]) {
    assert.ok(squeezed.includes(label), `PDF lacks ${label}`);
  }
  assert.equal(squeezed.split('科协举办“科普进社区”活动').length - 1, 23, 'every sentence of the plan is printed');
  assert.ok(!squeezed.includes('未通过校验'));
  assert.ok(!squeezed.includes('检查') && !squeezed.includes('导出CSV') && !squeezed.includes('字数：'));
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdfPath, join(dir, 'shenbao-print')]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('打印 builds the sheet before the print dialog opens', async () => {
  const context = await newContext(app.browser);
  await context.addInitScript(() => {
    window.print = () => {
      window.printedTitle = document.querySelector('#page-shenbao .print-sheet .print-title')?.textContent ?? null;
    };
  });
  const page = await openApp(context, app.server.url);
  assert.equal(await page.locator('.print-sheet').count(), 0, 'no print sheet while typing');
  await page.locator('#page-shenbao').getByRole('button', { name: '打印' }).click();
  await page.waitForFunction(() => window.printedTitle !== undefined);
  assert.equal(await page.evaluate(() => window.printedTitle), `${shanghaiYear()}年柳州市社区特色科普活动申报表`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.locator('.print-sheet').first().waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an incomplete form prints with the 未通过校验 mark', async () => {
  const { context, page } = await fresh();
  await field(page, '社区名称').fill('河东社区');
  await toPrint(page);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const dir = await ensureArtifacts();
  await writeFile(join(dir, 'shenbao-unchecked.pdf'), pdf);
  const text = execFileSync('pdftotext', [join(dir, 'shenbao-unchecked.pdf'), '-'], { encoding: 'utf8' });
  assert.ok(text.includes('未通过校验'));
  await context.close();
});

test('no accessibility violations (axe-core), on the empty and the checked form', async () => {
  const { context, page } = await fresh();
  const run = () => axeViolations(page);
  assert.deepEqual(await run(), []);
  await page.getByRole('button', { name: '检查' }).click();
  await page.getByRole('alert').filter({ hasText: '检查发现' }).waitFor();
  assert.deepEqual(await run(), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});
