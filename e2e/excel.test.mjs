// 导出Excel as a user: the button appears beside 导出CSV once the form is
// editable, the first click fetches the Excel engine (a worker) and downloads
// the workbook, which an independent reader (calamine, through the
// kepu-xlsx `read` example) reads back; a failure says so in Chinese and the
// CSV still works; after one use it works offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useApp,
  newContext,
  openApp,
  waitForText,
  fillBudget,
  goOffline,
  goOnline,
  ensureArtifacts,
  readWorkbook,
} from './app.mjs';
import { OFFLINE_LINE_CLASS } from '../scripts/contract.js';

const app = useApp();

/** Clicks `button` and resolves to the download's file name, what calamine reads in it, and where it is kept. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(await ensureArtifacts(), file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), book: readWorkbook(path), path };
}

/**
 * Prints the workbook at `path` as a user would, with LibreOffice (headless)
 * to PDF beside it, and a PNG of each page by pdftoppm; resolves to the PDF's
 * pages and page size in points.
 */
function printed(path) {
  const dir = join(path, '..');
  execFileSync(
    'soffice',
    ['-env:UserInstallation=file:///tmp/kepu-forms-lo', '--headless', '--convert-to', 'pdf', '--outdir', dir, path],
    {
      stdio: 'ignore',
      timeout: 120_000,
    },
  );
  const pdf = path.replace(/\.xlsx$/, '.pdf');
  execFileSync('pdftoppm', ['-r', '50', '-png', pdf, pdf.replace(/\.pdf$/, '')]);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const [, width, height] = info.match(/Page size:\s+([\d.]+) x ([\d.]+)/);
  return { pages: Number(info.match(/Pages:\s+(\d+)/)[1]), size: [Math.round(width), Math.round(height)] };
}

const UNITS = ['机关、站所', '同福村', '注北村', '插旗村', '大湾村', '曙光村', '众城村', '千和村', '向阳街社区'];

test('the seed 任务分解表 downloads as .xlsx with its totals as numbers, and again with no network', async () => {
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url + '#renwu');
  const scope = page.locator('#page-renwu');
  const label = (name) => scope.getByLabel(name, { exact: true });
  await label('单位').fill('插旗镇');
  await label('年度').fill('2021');
  await label('村（社区）名单（每行一个单位）').fill(UNITS.join('\n'));
  await scope.getByRole('button', { name: '按村（社区）名单生成' }).click();
  await label('注册任务数（新增人数） 第1行').fill('10');
  const excel = scope.getByRole('button', { name: '导出Excel', exact: true });
  const { name, book } = await download(page, excel);
  assert.equal(name, '插旗镇_科普信息员工作任务分解表_2021.xlsx');
  assert.deepEqual(
    book.sheets.map((s) => s.name),
    ['任务分解表'],
  );
  const [sheet] = book.sheets;
  assert.equal(sheet.rows[0][0], '插旗镇2021年各单位科普信息员工作任务分解表');
  assert.deepEqual(sheet.rows[2], [1, '机关、站所', 2, 10, 4400]);
  assert.deepEqual(sheet.rows[11], [null, '总计', 18, 370, 39600]);
  assert.equal(sheet.formats['11,4'], '0');
  assert.deepEqual(sheet.merged[0], [0, 0, 0, 4]);
  await waitForText(scope.locator('.excel-status'), '已导出“插旗镇_科普信息员工作任务分解表_2021.xlsx”。');
  // Printed from LibreOffice: one A4 page, portrait, the table one page wide.
  assert.deepEqual(printed((await download(page, excel)).path), { pages: 1, size: [595, 842] });

  // Used once, the engine is kept: after a reload with the network off, the export still works.
  await waitForText(scope.locator(`.${OFFLINE_LINE_CLASS}`), '已保存到本机', 30000);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    // The first click came before the worker served the page: a second use, now served, keeps the engine.
    await download(page, excel);
  }
  await page.waitForFunction(async () => {
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      if (keys.some((r) => /\/xlsx\/kepu_xlsx-[0-9a-f]+_bg\.wasm$/.test(r.url))) return true;
    }
    return false;
  });
  await goOffline(context, app.server);
  await page.reload();
  await label('注册任务数（新增人数） 第1行').fill('11');
  const again = await download(page, excel);
  assert.deepEqual(again.book.sheets[0].rows[11], [null, '总计', 18, 371, 39600]);
  await goOnline(context, app.server);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the 活动预算 alone downloads beside 导出预算CSV, money as numbers in #,##0.00', async () => {
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url);
  await page.getByLabel('社区名称', { exact: true }).fill('河东社区');
  await fillBudget(page);
  const { name, book } = await download(page, page.getByRole('button', { name: '导出预算Excel' }));
  assert.match(name, /^河东社区_活动预算_\d{6}\.xlsx$/);
  const [sheet] = book.sheets;
  assert.equal(sheet.name, '活动预算');
  const total = sheet.rows.find((r) => r[0] === '合计（元）');
  assert.equal(total[6], 2705);
  assert.equal(sheet.formats[`${sheet.rows.indexOf(total)},6`], '#,##0.00');
  assert.ok(sheet.rows.some((r) => r[0] === '合计（大写）：人民币贰仟柒佰零伍元整'));
  const whole = await download(page, page.getByRole('button', { name: '导出Excel', exact: true }));
  assert.deepEqual(
    whole.book.sheets.map((s) => s.name),
    ['申报表', '活动预算'],
  );
  await context.close();
});

test('an Excel engine that cannot be loaded says so in Chinese, and 导出CSV still works', async () => {
  // No service worker, so the failed requests are the page's own.
  const context = await newContext(app.browser, { serviceWorkers: 'block' });
  const page = await openApp(context, app.server.url + '#tongji');
  await page.route('**/xlsx/**', (route) => route.abort('internetdisconnected'));
  const scope = page.locator('#page-tongji');
  await scope.getByRole('button', { name: '导出Excel', exact: true }).click();
  await waitForText(
    scope.locator('.excel-status'),
    '未能导出Excel：Excel组件未能载入：需要联网一次，或网站刚刚更新，请稍后重试。导出CSV不受影响。',
  );
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('button', { name: '导出CSV', exact: true }).click(),
  ]);
  const text = await readFile(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\ufeff') && text.includes('\r\n活动内容,活动形式（线上/线下）,'), text.slice(0, 80));
  await page.unroute('**/xlsx/**');
  const { name, path } = await download(page, scope.getByRole('button', { name: '导出Excel', exact: true }));
  assert.match(name, /_活动统计表_\d{6}\.xlsx$/);
  // The statistics sheet prints on A4 landscape, as on paper.
  assert.deepEqual(printed(path), { pages: 1, size: [842, 595] });
  await context.close();
});
