// 重点活动安排表 end to end, as a user: the seed's seven rows typed in, month
// ranges chosen as two months, overlap warnings, 按时间排序, reload, CSV,
// the A4 landscape print with its header, axe.
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
  onlyDraft,
  storedDrafts,
  toPrint,
  seedStorage,
} from './app.mjs';

const app = useApp();

// seeds/004 附件1: 计划活动, 牵头部门, 责任部门, months, 活动地点 (工作内容 shortened to its first sentence).
const SEED = [
  [
    '欢欢喜喜过大年 科普祝福迎新春',
    '依托柳州科技馆资源优势，开展各类线上线下科普活动。',
    '柳州科技馆',
    '柳州科技馆、各县区科协',
    1,
    2,
    '市本级、各县区科协在当地开展因地制宜科普活动',
  ],
  [
    '党旗引领学雷锋 科普宣传护消费',
    '结合学雷锋月，深入乡屯开展学雷锋做好事活动。',
    '市科协科技社团党委、市科协党支部、市科协办公室、柳州科技馆',
    '市科协、柳州科技馆、各县区科协',
    3,
    3,
    '鹿寨县',
  ],
  [
    '学术科普进乡村 暖心慰问科普人',
    '结合市第三届人才活动周，组织慰问基层科技工作者。',
    '市科协科技社团党委、市科协学会部',
    '市科协、各县区科协',
    4,
    4,
    '融安县 融水县',
  ],
  [
    '青少年科普进校园 禁毒宣传我先行',
    '结合5.30科技工作者日、六一儿童节、国际禁毒日开展科普系列宣传。',
    '市科协科普部、市科协学会部、柳州科技馆',
    '市科协、柳州科技馆、各县区科协',
    5,
    6,
    '柳江区 三江县',
  ],
  [
    '建党百年有积淀 创先争优向党',
    '结合建党100年、建军节等重要日子，开展党建系列科普活动。',
    '市科协科技社团党委、市科协党支部',
    '市科协、各县区科协',
    7,
    8,
    '融水县 融安县',
  ],
  [
    '全市科普大联合 乡村振兴齐助力',
    '结合全国科普日、教师节、国庆节、世界消除贫困日开展特色科普系列活动。',
    '市科协科普部、学会部、柳州科技馆',
    '市科协、柳州科技馆、各县区科协',
    9,
    10,
    '三江县',
  ],
  [
    '消防安全进万家 法学普及你我他',
    '结合11月消防安全科普宣传月、12月法制科普宣传月开展系列科普宣传活动。',
    '市科协科普部、柳州科技馆',
    '市科协、柳州科技馆、各县区科协',
    11,
    12,
    '柳城县 鹿寨县',
  ],
];

async function openAnpai(context) {
  const page = await openApp(context, app.server.url + '#anpai');
  await page.getByRole('button', { name: '添加活动' }).waitFor();
  return page;
}

const label = (page, name) => page.locator('#page-anpai').getByLabel(name, { exact: true });

async function typeRows(page, rows, first = 1) {
  for (const [i, [activity, content, lead, responsible, from, to, place]] of rows.entries()) {
    const n = first + i;
    await page.locator('#page-anpai').getByRole('button', { name: '添加活动' }).click();
    await label(page, `计划活动 第${n}行`).fill(activity);
    await label(page, `工作内容 第${n}行`).fill(content);
    await label(page, `牵头部门 第${n}行`).fill(lead);
    await label(page, `责任部门 第${n}行`).fill(responsible);
    await label(page, `开展时间（开始月份） 第${n}行`).selectOption(`${from}月`);
    await label(page, `开展时间（结束月份） 第${n}行`).selectOption(`${to}月`);
    await label(page, `活动地点 第${n}行`).fill(place);
  }
}

async function fillHead(page) {
  await label(page, '年度').fill('2021');
  await label(page, '单位').fill('柳州市科协');
  await label(page, '品牌名').fill('科普梦·乡村情');
}

test('the seed seven rows reproduce the seed table: title, month ranges, no warnings, kept over a reload, CSV', async () => {
  const context = await newContext(app.browser);
  const page = await openAnpai(context);
  await fillHead(page);
  await typeRows(page, SEED);
  await waitForText(page.locator('#page-anpai h1'), '2021年柳州市科协“科普梦·乡村情”系列科普品牌重点活动安排表');
  await waitForText(page.locator('#anpai-order'), '各行已按开展时间排列');
  await page.locator('#page-anpai').getByRole('button', { name: '检查' }).click();
  await page.locator('#page-anpai').getByRole('alert').filter({ hasText: '检查通过' }).waitFor();
  await page.waitForFunction(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('kepu-forms:anpai:draft:'));
    return key && JSON.parse(localStorage.getItem(key)).form.rows.at(-1)?.place === '柳城县 鹿寨县';
  });
  await page.reload();
  await page.getByRole('button', { name: '添加活动' }).waitFor();
  assert.equal(await label(page, '计划活动 第4行').inputValue(), '青少年科普进校园 禁毒宣传我先行');
  assert.equal(await label(page, '开展时间（开始月份） 第4行').inputValue(), '5月');
  assert.equal(await label(page, '开展时间（结束月份） 第4行').inputValue(), '6月');
  const draft = await onlyDraft(page, 'anpai');
  assert.deepEqual(
    draft.form.rows.map((r) => [r.months.from, r.months.to]),
    SEED.map((r) => [r[4], r[5]]),
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#page-anpai').getByRole('button', { name: '导出CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '柳州市科协_重点活动安排表_2021.csv');
  const csvPath = join(await ensureArtifacts(), 'anpai.csv');
  await download.saveAs(csvPath);
  const lines = (await readFile(csvPath, 'utf8')).split('\r\n');
  assert.equal(lines[0], '\uFEFF计划活动,工作内容,牵头部门,责任部门,开展时间,活动地点');
  assert.equal(
    lines[1],
    `欢欢喜喜过大年 科普祝福迎新春,${SEED[0][1]},柳州科技馆,柳州科技馆、各县区科协,1-2月,市本级、各县区科协在当地开展因地制宜科普活动`,
  );
  assert.ok(lines[7].includes(',11-12月,柳城县 鹿寨县'), lines[7]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a range over a place already planned in those months is a warning; choosing months keeps a range', async () => {
  const context = await newContext(app.browser);
  const page = await openAnpai(context);
  await fillHead(page);
  await typeRows(page, SEED.slice(0, 5));
  await label(page, '开展时间（开始月份） 第5行').selectOption('4月');
  assert.equal(await label(page, '开展时间（结束月份） 第5行').inputValue(), '8月');
  await label(page, '开展时间（结束月份） 第5行').selectOption('3月');
  // A last month before the first moves the first along.
  assert.equal(await label(page, '开展时间（开始月份） 第5行').inputValue(), '3月');
  await label(page, '开展时间（结束月份） 第5行').selectOption('4月');
  await page.locator('#page-anpai').getByRole('button', { name: '检查' }).click();
  const summary = page.locator('#page-anpai').getByRole('alert').filter({ hasText: '请确认以下提示' });
  await summary.waitFor();
  assert.match(await summary.textContent(), /检查通过/);
  assert.match(await summary.textContent(), /第5行与第3行在融水县的开展时间重叠（3-4月、4月），请确认是否有意安排/);
  await label(page, '活动地点 第5行').fill('柳南区');
  await page.locator('#page-anpai').getByRole('button', { name: '检查' }).click();
  await page.waitForFunction(() => {
    const text = document.querySelector('#page-anpai .summary-region').textContent;
    return text.includes('检查通过') && !text.includes('请确认以下提示');
  });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('rows typed out of order are sorted on request and printed in month order on A4 landscape', async () => {
  const context = await newContext(app.browser);
  const page = await openAnpai(context);
  await fillHead(page);
  await typeRows(page, [SEED[6], SEED[0], SEED[3]]);
  await waitForText(page.locator('#anpai-order'), '各行未按开展时间排列；打印和导出时按时间排列');
  await toPrint(page);
  const dir = await ensureArtifacts();
  const pdfPath = join(dir, 'anpai.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  assert.match(text, /计划活动\s+工作内容\s+牵头部门\s+责任部门\s+开展时间\s+活动地点/);
  const order = ['1-2月', '5-6月', '11-12月'].map((m) => text.indexOf(m));
  assert.ok(
    order.every((at) => at > 0) && order[0] < order[1] && order[1] < order[2],
    `month order in print: ${order}`,
  );
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfPath, join(dir, 'anpai-print')]);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '按时间排序' }).click();
  await waitForText(page.locator('#anpai-order'), '各行已按开展时间排列');
  assert.equal(await label(page, '计划活动 第1行').inputValue(), SEED[0][0]);
  assert.equal(await label(page, '计划活动 第3行').inputValue(), SEED[6][0]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a long schedule prints on several A4 landscape pages with the header on each, every row once, in month order', async () => {
  const context = await newContext(app.browser);
  const rows = Array.from({ length: 24 }, (_, i) => ({
    id: i + 1,
    activity: `活动${i + 1}`,
    content: '结合重要节点开展科普系列宣传，进村、屯、社区、学校、企业进行科普宣传。'.repeat(2),
    lead: '市科协科普部',
    responsible: '市科协、各县区科协',
    months: { from: (i % 12) + 1, to: (i % 12) + 1 },
    place: `地点${i + 1}`,
  }));
  await seedStorage(context, {
    'kepu-forms:anpai:draft:long': JSON.stringify({
      format: 2,
      app: 'e2e',
      saved_at: '2024-01-01T08:00:00',
      form: { year: '2021', issuer: '柳州市科协', brand: '', rows },
    }),
  });
  const page = await openAnpai(context);
  await page.locator('#anpai-24-place').waitFor();
  await toPrint(page);
  const pdfPath = join(await ensureArtifacts(), 'anpai-long.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true }));
  const pages = Number(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 2, `24 rows should take more than one page, got ${pages}`);
  const seen = [];
  for (let n = 1; n <= pages; n++) {
    const t = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdfPath, '-'], {
      encoding: 'utf8',
    });
    assert.match(t, /计划活动\s+工作内容\s+牵头部门\s+责任部门\s+开展时间\s+活动地点/, `header on page ${n}`);
    for (const m of t.matchAll(/地点(\d+)/g)) seen.push(Number(m[1]));
  }
  // Month order: 活动1 and 活动13 are both in January, and so on.
  const expected = Array.from({ length: 12 }, (_, m) => [m + 1, m + 13]).flat();
  assert.deepEqual(seen, expected, 'every row once, in month order');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('生成本月统计表 starts a 活动统计表 draft for the month with its planned activities', async () => {
  const context = await newContext(app.browser);
  const page = await openAnpai(context);
  await fillHead(page);
  await typeRows(page, [SEED[0], SEED[3], SEED[4]]);
  // The 统计表 the user had open stays in its draft list.
  await page.goto(app.server.url + '#tongji');
  await page.locator('#page-tongji').getByLabel('填报单位', { exact: true }).fill('旧表');
  await page.goto(app.server.url + '#anpai');
  await label(page, '统计月份').selectOption('6月');
  await page.getByRole('button', { name: '生成本月统计表' }).click();
  await page.waitForURL(/#tongji$/);
  const tongji = (name) => page.locator('#page-tongji').getByLabel(name, { exact: true });
  // The 统计表 is its own bundle: the page reloads into it, so the field may not exist yet.
  await page.waitForFunction(() => document.querySelector('#tongji-month')?.value === '2021-06');
  assert.equal(await tongji('填报单位').inputValue(), '柳州市科协');
  assert.equal(await tongji('活动内容 第1行').inputValue(), '青少年科普进校园 禁毒宣传我先行');
  assert.equal(await tongji('活动地点 第1行').inputValue(), '柳江区 三江县');
  assert.equal(await page.locator('.tongji-table tbody tr').count(), 1);
  const units = (await storedDrafts(page, 'tongji')).map((d) => d.form.unit).sort();
  assert.deepEqual(units, ['旧表', '柳州市科协']);
  // A month with nothing planned says so and makes nothing.
  await page.goto(app.server.url + '#anpai');
  await label(page, '统计月份').selectOption('3月');
  await page.getByRole('button', { name: '生成本月统计表' }).click();
  await waitForText(
    page.locator('#page-anpai').getByRole('alert').filter({ hasText: '未能生成' }),
    '未能生成统计表：3月没有计划活动，请先在开展时间中安排',
  );
  assert.equal((await storedDrafts(page, 'tongji')).length, 2);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('no accessibility violations on the 安排表 with rows and after 检查 (axe-core)', async () => {
  const context = await newContext(app.browser);
  const page = await openAnpai(context);
  await fillHead(page);
  await typeRows(page, SEED.slice(0, 2));
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#page-anpai').getByRole('button', { name: '添加活动' }).click();
  await page.locator('#page-anpai').getByRole('button', { name: '检查' }).click();
  await page.locator('#page-anpai').getByRole('alert').filter({ hasText: '检查发现' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});
