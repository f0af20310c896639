// 活动预算 end to end, as a user: rows by their labels, exact amounts, 大写,
// the funding split, undo, reload, the budget CSV and the print.
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
  toPrint,
  seedStorage,
} from './app.mjs';

const app = useApp();
const fresh = () => app.fresh();

const text = async (page, selector) => (await page.locator(selector).textContent()).trim();

test('three rows give exact amounts, 合计 and 合计（大写）', async () => {
  const { context, page } = await fresh();
  await fillBudget(page);
  assert.equal(await text(page, '#budget-1-amount'), '600.00');
  assert.equal(await text(page, '#budget-2-amount'), '1,600.00');
  assert.equal(await text(page, '#budget-3-amount'), '505.00');
  assert.equal(await text(page, '#budget-total'), '2,705.00');
  assert.equal(await text(page, '#budget-upper'), '合计（大写）：人民币贰仟柒佰零伍元整');
  // 1.5 × 0.33 = 0.495, rounded half-up to 分.
  await page.getByLabel('数量 第1行', { exact: true }).fill('1.5');
  await page.getByLabel('单价（元） 第1行', { exact: true }).fill('0.33');
  await waitForText(page.locator('#budget-1-amount'), '0.50');
  assert.equal(await text(page, '#budget-total'), '2,105.50');
  assert.equal(await text(page, '#budget-upper'), '合计（大写）：人民币贰仟壹佰零伍元伍角整');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('bad money is refused with a message naming row and column, and what was typed stays', async () => {
  const { context, page } = await fresh();
  await fillBudget(page, [['交通费', '', '', '2', '1.234']], ['', '', '']);
  const price = page.getByLabel('单价（元） 第1行', { exact: true });
  await price.blur();
  await waitForText(page.locator('#budget-1-price-message'), '第1行：单价（元）最多保留两位小数（到分）');
  assert.equal(await price.inputValue(), '1.234');
  assert.equal(await price.getAttribute('aria-invalid'), 'true');
  assert.equal(await text(page, '#budget-1-amount'), '');
  await price.fill('-3');
  await waitForText(page.locator('#budget-1-price-message'), '不能为负数');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a funding split that does not add up is reported with the difference', async () => {
  const { context, page } = await fresh();
  await fillBudget(page, undefined, ['2,000', '700', '']);
  await page.getByRole('button', { name: '检查' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '检查发现' });
  await summary.waitFor();
  const expected =
    '资金来源合计2,700.00元，比预算合计2,705.00元少5.00元：请调整申请市科协扶持、自筹或其他，使三项之和等于合计';
  const items = await summary.locator('li').allTextContents();
  assert.ok(items.includes(expected), items.join('\n'));
  assert.equal(await text(page, '#funding-city-message'), '错误：' + expected);
  await summary.getByRole('link', { name: /资金来源合计/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'funding-city');
  await page.getByLabel('其他（元）', { exact: true }).fill('5');
  await page.locator('#funding-city-message').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('rows can be removed with undo and moved, and survive a reload', async () => {
  const { context, page } = await fresh();
  await fillBudget(page);
  await page.getByRole('button', { name: '删除第2行' }).click();
  await waitForText(page.getByRole('status').filter({ hasText: '已删除' }), '已删除第2行（专家讲课费）');
  assert.equal(await page.locator('.budget-table tbody tr').count(), 2);
  assert.equal(await text(page, '#budget-total'), '1,105.00');
  await page.getByRole('button', { name: '撤销' }).click();
  await waitForText(page.locator('#budget-total'), '2,705.00');
  assert.equal(await page.getByLabel('支出项目 第2行', { exact: true }).inputValue(), '专家讲课费');
  await page.getByRole('button', { name: '上移第3行' }).click();
  await waitForText(page.locator('#budget-2-amount'), '505.00');
  assert.equal(await page.getByLabel('支出项目 第2行', { exact: true }).inputValue(), '志愿者补贴');
  await waitForText(page.locator('#page-shenbao .save-status'), '已保存');
  await page.reload();
  await page.getByRole('button', { name: '检查' }).waitFor();
  const items = [];
  for (let n = 1; n <= 3; n++) items.push(await page.getByLabel(`支出项目 第${n}行`, { exact: true }).inputValue());
  assert.deepEqual(items, ['宣传资料印制费', '志愿者补贴', '专家讲课费']);
  assert.equal(await text(page, '#budget-total'), '2,705.00');
  assert.equal(await page.getByLabel('单价（元） 第3行', { exact: true }).inputValue(), '¥800');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('导出预算CSV writes the table, 合计, 大写 and the funding split', async () => {
  const { context, page } = await fresh();
  await page.getByLabel('社区名称', { exact: true }).fill('河东社区');
  await fillBudget(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出预算CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^河东社区_活动预算_\d{6}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.equal(csv, '\ufeff' + BUDGET_CSV);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the printed budget has the 大写 line and repeats its header on every page of 40 rows', async () => {
  const context = await newContext(app.browser);
  const rows = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    item: `支出项目${i + 1}`,
    note: '',
    unit: '份',
    quantity: '1',
    price: '100',
    remark: '',
  }));
  const draft = {
    format: 2,
    app: 'test',
    saved_at: '',
    form: { community: '河东社区', budget: { rows, city: '4000' } },
  };
  await seedStorage(context, { 'kepu-forms:shenbao': JSON.stringify(draft) });
  const page = await openApp(context, app.server.url);
  assert.equal(await text(page, '#budget-total'), '4,000.00');
  await toPrint(page);
  const dir = await ensureArtifacts();
  const pdfPath = join(dir, 'budget-40.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true }));
  const pages = Number(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
  const budgetPages = [];
  for (let n = 1; n <= pages; n++) {
    const t = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdfPath, '-'], {
      encoding: 'utf8',
    });
    if (/支出项目\d/.test(t)) budgetPages.push(t);
  }
  assert.ok(budgetPages.length >= 2, `40 rows should take more than one page, got ${budgetPages.length}`);
  for (const t of budgetPages) {
    assert.match(
      t,
      /^\s*序号\s+支出项目\s+内容说明\s+单位\s+数量\s+单价（元）\s+金额（元）\s+备注\s*$/m,
      'header on every page',
    );
  }
  // Each row whole on one line of one page: no row split across pages.
  const printed = budgetPages.flatMap((t) => [
    ...t.matchAll(/^\s*(\d+)\s+支出项目(\d+)\s+份\s+1\s+100\.00\s+100\.00\s*$/gm),
  ]);
  assert.deepEqual(
    printed.map((m) => Number(m[1])),
    Array.from({ length: 40 }, (_, i) => i + 1),
  );
  assert.ok(printed.every((m) => m[1] === m[2]));
  assert.match(budgetPages.at(-1), /合计（大写）：人民币肆仟元整/);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '2', '-l', '4', pdfPath, join(dir, 'budget-print')]);
  assert.deepEqual(page.errors, []);
  await context.close();
});
