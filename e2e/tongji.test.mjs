// 活动统计表 end to end, as a user: header and rows by their labels, the
// out-of-month check, 合计, the due date, CSV out and back in, next month, print.
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
  axeViolations,
  storedDrafts,
  toPrint,
  seedStorage,
} from './app.mjs';

const app = useApp();

async function openTongji(context) {
  const page = await openApp(context, app.server.url + '#tongji');
  await page.getByRole('button', { name: '添加活动' }).waitFor();
  return page;
}

const label = (page, name) => page.locator('#page-tongji').getByLabel(name, { exact: true });

const ROWS = [
  ['科普进校园', '线下', '柳城县大埔镇中学', '2024-04-03', '120', '300', '4', '1', ''],
  ['防诈骗直播讲座', '线上', '抖音直播', '2024-04-18', '560', '0', '0', '2', '与公安联合'],
];
const COLS = [
  '活动内容',
  '活动形式',
  '活动地点',
  '活动时间',
  '参与人数',
  '发放科普宣传资料数量',
  '宣传展板数量',
  '媒体报道篇数',
  '备注',
];

async function fillHeader(page) {
  await label(page, '填报单位').fill('柳城县科协');
  await label(page, '统计月份').fill('2024-04');
  await label(page, '填报人').fill('陈琰琰');
  await label(page, '联系电话').fill('13877246160');
  await label(page, '填报日期').fill('2024-04-30');
}

async function fillRows(page, rows = ROWS) {
  for (const cells of rows) {
    await page.getByRole('button', { name: '添加活动' }).click();
    const n = await page.locator('.tongji-table tbody tr').count();
    for (const [i, value] of cells.entries()) {
      const cell = label(page, `${COLS[i]} 第${n}行`);
      if (i === 1) await cell.selectOption(value);
      else await cell.fill(value);
    }
  }
}

test('a bookmark opens the sheet, the menu switches forms', async () => {
  const context = await newContext(app.browser);
  const page = await openTongji(context);
  assert.equal(
    await page.locator('#page-tongji .form-header h1').textContent(),
    '“科普梦·乡村情”系列科普品牌活动统计表',
  );
  assert.equal(await page.locator('#page-shenbao').isVisible(), false);
  await page.getByRole('link', { name: '申报表' }).click();
  await page.locator('#page-shenbao').waitFor({ state: 'visible' });
  assert.equal(new URL(page.url()).hash, '#shenbao');
  assert.equal(await page.locator('#page-tongji').isVisible(), false);
  await page.getByRole('link', { name: '活动统计表' }).click();
  await page.locator('#page-tongji').waitFor({ state: 'visible' });
  assert.equal(await page.getByRole('link', { name: '活动统计表' }).getAttribute('aria-current'), 'page');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('two rows: an out-of-month date is rejected, 合计 and the due date are right', async () => {
  const context = await newContext(app.browser);
  const page = await openTongji(context);
  await fillHeader(page);
  await fillRows(page);
  await waitForText(page.locator('#tongji-due'), '报送截止：2024年4月30日');
  const total = (await page.locator('#tongji-total').innerText()).replace(/\s+/g, ' ').trim();
  assert.equal(total, '合计 共2项（线上1项，线下1项） 680 300 4 3');

  await label(page, '活动时间 第2行').fill('2024-05-02');
  await label(page, '活动时间 第2行').blur();
  await waitForText(
    page.locator('#tongji-2-date-message'),
    '第2行：活动时间2024年5月2日不在统计月份2024年4月内，请核对日期或统计月份',
  );
  await label(page, '参与人数 第1行').fill('');
  await page.locator('#page-tongji').getByRole('button', { name: '检查' }).click();
  const summary = page.locator('#page-tongji').getByRole('alert').filter({ hasText: '检查发现' });
  await summary.waitFor();
  assert.deepEqual(await summary.locator('li').allTextContents(), [
    '第1行：请填写参与人数（没有请填0）',
    '第2行：活动时间2024年5月2日不在统计月份2024年4月内，请核对日期或统计月份',
  ]);
  await label(page, '参与人数 第1行').fill('0');
  await label(page, '活动时间 第2行').fill('2024-04-18');
  await waitForText(page.locator('#page-tongji').getByRole('alert'), '检查通过');

  for (const [month, due] of [
    ['2022-01', '2022年1月30日'],
    ['2023-09', '2023年9月28日'],
    ['2025-01', '2025年1月27日'],
    ['2026-02', '2026年2月28日'],
  ]) {
    await label(page, '统计月份').fill(month);
    await waitForText(page.locator('#tongji-due'), `报送截止：${due}`);
    assert.equal(await page.locator('#tongji-due').textContent(), `报送截止：${due}`);
  }
  await label(page, '统计月份').fill('2030-11');
  await waitForText(page.locator('#tongji-due'), '报送截止：2030年11月29日（2030年的法定节假日安排尚未收录');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('rows can be duplicated and removed with undo', async () => {
  const context = await newContext(app.browser);
  const page = await openTongji(context);
  await fillHeader(page);
  await fillRows(page, [ROWS[0]]);
  await page.getByRole('button', { name: '复制第1行' }).click();
  assert.equal(await label(page, '活动内容 第2行').inputValue(), '科普进校园');
  await label(page, '活动地点 第2行').fill('柳城县古砦乡');
  await page.getByRole('button', { name: '删除第1行' }).click();
  await waitForText(page.getByRole('status').filter({ hasText: '已删除' }), '已删除第1行（科普进校园）');
  assert.equal(await label(page, '活动地点 第1行').inputValue(), '柳城县古砦乡');
  await page.locator('#page-tongji').getByRole('button', { name: '撤销' }).click();
  await waitForText(page.locator('#tongji-total'), '共2项');
  assert.equal(await label(page, '活动地点 第1行').inputValue(), '柳城县大埔镇中学');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a 1,000-row sheet opens at once, the rest of the rows follow, and a far row is edited, copied and saved', async () => {
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    id: i + 1,
    content: `科普活动${i + 1}`,
    mode: '线下',
    place: '柳城县大埔镇',
    date: '2024-04-10',
    participants: '10',
    materials: '20',
    boards: '1',
    reports: '0',
    remark: '',
  }));
  const head = {
    brand: '科普梦·乡村情',
    unit: '千行表',
    month: '2024-04',
    reporter: '陈琰琰',
    phone: '13877246160',
    filled_on: '2024-04-30',
  };
  const context = await newContext(app.browser);
  await seedStorage(context, {
    'kepu-forms:tongji:draft:big': JSON.stringify({
      format: 2,
      app: 'e2e',
      saved_at: '2024-04-01T08:00:00',
      form: { ...head, rows },
    }),
  });
  const page = await openTongji(context);
  await waitForText(page.locator('#tongji-total'), '共1000项');
  await page.waitForFunction(() => document.querySelectorAll('.tongji-table tbody tr').length === 1000);
  // Only rows near the screen are laid out; a far row still scrolls into view and takes typing.
  const far = label(page, '参与人数 第900行');
  await far.fill('15');
  await waitForText(page.locator('#tongji-total td.numeric').first(), '10005');
  await page.getByRole('button', { name: '复制第950行' }).click();
  await waitForText(page.locator('#tongji-total'), '共1001项');
  await page.waitForFunction(() => document.activeElement?.id === 'tongji-951-place');
  assert.equal(await label(page, '活动内容 第951行').inputValue(), '科普活动950');
  await page.waitForFunction(() => {
    const d = JSON.parse(localStorage.getItem('kepu-forms:tongji:draft:big'));
    return d.form.rows.length === 1001 && d.form.rows[899].participants === '15';
  });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('export, then import the file into a new draft and compare; a broken file changes nothing', async () => {
  const context = await newContext(app.browser);
  const page = await openTongji(context);
  await fillHeader(page);
  await fillRows(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#page-tongji').getByRole('button', { name: '导出CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '柳城县科协_活动统计表_202404.csv');
  const dir = await ensureArtifacts();
  const csvPath = join(dir, 'tongji.csv');
  await download.saveAs(csvPath);
  const csv = await readFile(csvPath, 'utf8');
  assert.equal(
    csv,
    '\ufeff填报单位,柳城县科协\r\n统计月份,2024-04\r\n填报人,陈琰琰\r\n联系电话,13877246160\r\n填报日期,2024-04-30\r\n品牌名,科普梦·乡村情\r\n' +
      '活动内容,活动形式（线上/线下）,活动地点,活动时间,参与人数,发放科普宣传资料数量,宣传展板数量,媒体报道篇数,备注\r\n' +
      '科普进校园,线下,柳城县大埔镇中学,2024-04-03,120,300,4,1,\r\n' +
      '防诈骗直播讲座,线上,抖音直播,2024-04-18,560,0,0,2,与公安联合\r\n' +
      '合计,共2项（线上1项，线下1项）,,,680,300,4,3,\r\n',
  );

  // A new draft, then the file back in: it becomes a draft of its own.
  await page.locator('#page-tongji').getByRole('button', { name: '新建', exact: true }).click();
  assert.equal(await page.locator('.tongji-table tbody tr').count(), 0);
  assert.equal(await label(page, '填报单位').inputValue(), '柳城县科协', '新建 keeps the header');
  await page.locator('#page-tongji input[type=file]').setInputFiles(csvPath);
  await waitForText(page.locator('#tongji-total'), '共2项');
  for (const [r, cells] of ROWS.entries()) {
    for (const [i, value] of cells.entries()) {
      assert.equal(await label(page, `${COLS[i]} 第${r + 1}行`).inputValue(), value, `${COLS[i]} 第${r + 1}行`);
    }
  }
  assert.equal(await label(page, '统计月份').inputValue(), '2024-04');
  assert.equal(await label(page, '填报单位').inputValue(), '柳城县科协');

  // Excel/WPS re-saved as GB18030 with LF and their own date format.
  const resaved = csv
    .slice(1)
    .replaceAll('\r\n', '\n')
    .replace('2024-04-03', '2024/4/3')
    .replace('统计月份,2024-04', '统计月份,2024年4月');
  const gbPath = join(dir, 'tongji-gb18030.csv');
  execFileSync(
    'python3',
    ['-c', 'import sys; open(sys.argv[1], "wb").write(sys.stdin.read().encode("gb18030"))', gbPath],
    {
      input: resaved,
      encoding: 'utf8',
    },
  );
  assert.throws(
    () => new TextDecoder('utf-8', { fatal: true }).decode(execFileSync('cat', [gbPath])),
    'really GB18030',
  );
  await label(page, '填报人').fill('临时改动');
  await page.locator('#page-tongji input[type=file]').setInputFiles(gbPath);
  await page.waitForFunction(() => document.querySelector('#tongji-reporter').value === '陈琰琰');
  // Nothing replaced: the first sheet, the 新建 one, the first import (with its edit) and this import.
  const drafts = await storedDrafts(page, 'tongji');
  assert.deepEqual(
    drafts.map((d) => [d.form.reporter, d.form.rows.length]),
    [
      ['陈琰琰', 2],
      ['陈琰琰', 0],
      ['临时改动', 2],
      ['陈琰琰', 2],
    ],
  );
  assert.equal(await label(page, '活动时间 第1行').inputValue(), '2024-04-03');
  assert.equal(await label(page, '活动内容 第2行').inputValue(), '防诈骗直播讲座');

  // A malformed file: a message naming line and column, the draft untouched.
  const badPath = join(dir, 'tongji-bad.csv');
  await writeFile(badPath, '填报单位,甲\n活动内容,活动形式,活动地点\n');
  await page.locator('#page-tongji input[type=file]').setInputFiles(badPath);
  const notice = page.locator('#page-tongji').getByRole('alert').filter({ hasText: '未能导入' });
  await notice.waitFor();
  assert.match(await notice.textContent(), /第2行第2列：应为“活动形式（线上\/线下）”，实为“活动形式”/);
  assert.equal(await label(page, '填报单位').inputValue(), '柳城县科协');
  assert.equal(await page.locator('.tongji-table tbody tr').count(), 2);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('以上月为模板新建 keeps the header and starts next month', async () => {
  const context = await newContext(app.browser);
  const page = await openTongji(context);
  await fillHeader(page);
  await fillRows(page);
  await page.getByRole('button', { name: '以上月为模板新建' }).click();
  await page.getByRole('button', { name: /保留活动行/ }).click();
  await page.waitForFunction(() => document.querySelector('#tongji-month').value === '2024-05');
  assert.equal(await label(page, '填报单位').inputValue(), '柳城县科协');
  assert.equal(await label(page, '活动时间 第2行').inputValue(), '2024-05-18');
  assert.equal(await label(page, '参与人数 第2行').inputValue(), '');
  await waitForText(page.locator('#tongji-due'), '报送截止：2024年5月31日');
  const drafts = await storedDrafts(page, 'tongji');
  assert.deepEqual(
    drafts.map((d) => [d.form.month, d.form.rows.length]),
    [
      ['2024-04', 2],
      ['2024-05', 2],
    ],
  );
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a 40-row sheet prints on A4 landscape with the header on every page and 合计 last', async () => {
  const context = await newContext(app.browser);
  const rows = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    content: `活动${i + 1}`,
    mode: i % 2 ? '线上' : '线下',
    place: '大埔镇',
    date: '2024-04-10',
    participants: '10',
    materials: '5',
    boards: '1',
    reports: '0',
    remark: '',
  }));
  const draft = {
    format: 2,
    app: 'test',
    saved_at: '',
    form: {
      brand: '科普梦·乡村情',
      unit: '柳城县科协',
      month: '2024-04',
      reporter: '陈琰琰',
      phone: '13877246160',
      filled_on: '2024-04-30',
      rows,
    },
  };
  await seedStorage(context, { 'kepu-forms:tongji': JSON.stringify(draft) });
  const page = await openTongji(context);
  await waitForText(page.locator('#tongji-total'), '共40项（线上20项，线下20项）');
  await toPrint(page);
  const dir = await ensureArtifacts();
  const pdfPath = join(dir, 'tongji-40.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
  const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 2, `40 rows should take more than one page, got ${pages}`);
  const seen = [];
  for (let n = 1; n <= pages; n++) {
    const t = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdfPath, '-'], {
      encoding: 'utf8',
    });
    assert.match(t, /活动内容\s+（线上\/线\s+活动地点\s+活动时间\s+参与人数/, `header on page ${n}`);
    for (const m of t.matchAll(/^\s*活动(\d+)\s+线[上下]\s+大埔镇\s+2024年4月10日\s+10\s+5\s+1\s+0\s*$/gm))
      seen.push(Number(m[1]));
    if (n === pages) assert.match(t, /合计\s+共40项（线上20项，线下20项）\s+400\s+200\s+40\s+0/);
  }
  assert.deepEqual(
    seen,
    Array.from({ length: 40 }, (_, i) => i + 1),
    'every row whole, in order',
  );
  const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
  assert.ok(first.includes('“科普梦·乡村情”系列科普品牌活动统计表'));
  assert.ok(first.includes('填报单位：柳城县科协'));
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfPath, join(dir, 'tongji-print')]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('no accessibility violations on the sheet with rows and after 检查 (axe-core)', async () => {
  const context = await newContext(app.browser);
  const page = await openTongji(context);
  await fillRows(page, [ROWS[0]]);
  const run = () => axeViolations(page);
  assert.deepEqual(await run(), []);
  await page.locator('#page-tongji').getByRole('button', { name: '检查' }).click();
  await page.locator('#page-tongji').getByRole('alert').filter({ hasText: '检查发现' }).waitFor();
  assert.deepEqual(await run(), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});
