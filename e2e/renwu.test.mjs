// 任务分解表 end to end, as a user: the seed's nine units from a pasted list,
// the seed's totals, the rules' messages, reload, CSV, print on A4, axe.
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
  toPrint,
} from './app.mjs';

const app = useApp();

const UNITS = ['机关、站所', '同福村', '注北村', '插旗村', '大湾村', '曙光村', '众城村', '千和村', '向阳街社区'];

async function openRenwu(context) {
  const page = await openApp(context, app.server.url + '#renwu');
  await page.getByRole('button', { name: '按村（社区）名单生成' }).waitFor();
  return page;
}

const label = (page, name) => page.locator('#page-renwu').getByLabel(name, { exact: true });

/** Types the seed's table (seeds/002 附件1) as a user would: title, the pasted list, 机关's 10. */
async function fillSeed(page) {
  await label(page, '单位').fill('插旗镇');
  await label(page, '年度').fill('2021');
  await label(page, '村（社区）名单（每行一个单位）').fill(UNITS.join('\n'));
  await page.getByRole('button', { name: '按村（社区）名单生成' }).click();
  await label(page, '注册任务数（新增人数） 第1行').fill('10');
}

test('the seed table from a pasted list gives 18 / 370 / 39600, and survives a reload', async () => {
  const context = await newContext(app.browser);
  const page = await openRenwu(context);
  await fillSeed(page);
  await waitForText(page.locator('#page-renwu h1'), '插旗镇2021年各单位科普信息员工作任务分解表');
  const total = page.locator('#renwu-total');
  await waitForText(total, '总计');
  assert.deepEqual(await total.locator('td.numeric').allTextContents(), ['18', '370', '39600']);
  assert.equal(await label(page, '单位 第9行').inputValue(), '向阳街社区');
  assert.equal(await label(page, '注册任务数（新增人数） 第9行').inputValue(), '45');
  assert.equal(await page.locator('#renwu-9-spread').textContent(), '4400');
  // The rules follow edits: a third 骨干 adds 2200, a village with one 骨干 is an error.
  await label(page, '骨干科普信息员人数 第2行').fill('3');
  await waitForText(page.locator('#renwu-2-spread'), '6600');
  await label(page, '骨干科普信息员人数 第3行').fill('1');
  await page.locator('#page-renwu').getByRole('button', { name: '检查' }).click();
  const summary = page.locator('#page-renwu').getByRole('alert').filter({ hasText: '检查发现' });
  await summary.waitFor();
  assert.match(await summary.textContent(), /第3行：每个村（社区）骨干科普员人数至少2名，现为1名/);
  await label(page, '骨干科普信息员人数 第3行').fill('2');
  await label(page, '骨干科普信息员人数 第2行').fill('2');
  await page.waitForFunction(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('kepu-forms:renwu:draft:'));
    return key && JSON.parse(localStorage.getItem(key)).form.rows[1].core === '2';
  });
  await page.reload();
  await page.getByRole('button', { name: '按村（社区）名单生成' }).waitFor();
  await waitForText(page.locator('#renwu-total'), '39600');
  assert.equal(await label(page, '注册任务数（新增人数） 第1行').inputValue(), '10');
  const draft = await onlyDraft(page, 'renwu');
  assert.equal(draft.form.rows.length, 9);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the per-person figure in the settings changes every row; rows can be removed and restored', async () => {
  const context = await newContext(app.browser);
  const page = await openRenwu(context);
  await fillSeed(page);
  await page.locator('#page-renwu summary').filter({ hasText: '设置' }).click();
  await label(page, '每名骨干科普信息员全年平均分享文章次数').fill('2000');
  await waitForText(page.locator('#renwu-total'), '36000');
  await waitForText(
    page.locator('#renwu-notes'),
    '3.新增分享文章次数是按照每个骨干科普信息员全年平均分享文章2000次计算。',
  );
  await page.getByRole('button', { name: '删除第2行' }).click();
  await waitForText(page.getByRole('status').filter({ hasText: '已删除' }), '已删除第2行（同福村）');
  assert.deepEqual(await page.locator('#renwu-total td.numeric').allTextContents(), ['16', '325', '32000']);
  await page.locator('#page-renwu').getByRole('button', { name: '撤销' }).click();
  await waitForText(page.locator('#renwu-total'), '36000');
  assert.equal(await label(page, '单位 第2行').inputValue(), '同福村');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('CSV export and the A4 print carry the table, 总计 and 说明', async () => {
  const context = await newContext(app.browser);
  const page = await openRenwu(context);
  await fillSeed(page);
  await waitForText(page.locator('#renwu-total'), '370');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#page-renwu').getByRole('button', { name: '导出CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '插旗镇_科普信息员工作任务分解表_2021.csv');
  const dir = await ensureArtifacts();
  const csvPath = join(dir, 'renwu.csv');
  await download.saveAs(csvPath);
  const lines = (await readFile(csvPath, 'utf8')).split('\r\n');
  assert.equal(
    lines[0],
    '\uFEFF序号,单位,骨干科普信息员人数,注册任务数（新增人数）,全年传播量任务（新增分享文章次数）',
  );
  assert.equal(lines[1], '1,机关、站所,2,10,4400');
  assert.equal(lines[10], ',总计,18,370,39600');
  await toPrint(page);
  const pdfPath = join(dir, 'renwu.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  assert.ok(text.replace(/\s+/g, '').includes('插旗镇2021年各单位科普信息员工作任务分解表'));
  assert.match(text, /9\s+向阳街社区\s+2\s+45\s+4400/);
  assert.match(text, /总计\s+18\s+370\s+39600/);
  assert.match(text, /3\.新增分享文章次数是按照每个骨干科普信息员全年平均分享文章2200次计算。/);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfPath, join(dir, 'renwu-print')]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the year-end ranking: a pasted list gets ranks, ties and 补贴 by the notice, kept and exported', async () => {
  const context = await newContext(app.browser);
  const page = await openRenwu(context);
  await label(page, '单位').fill('插旗镇');
  await label(page, '年度').fill('2021');
  const people = Array.from({ length: 32 }, (_, i) => `科普员${i + 1}\t同福村\t${5000 - i * 100}`);
  people[10] = '科普员11\t注北村\t4100'; // ties with 科普员10 at rank 10: both get 500
  const list = ['姓名\t单位\t传播量', ...people, '写错的一行'].join('\n');
  await label(page, '科普员及全年传播量（每行一人：姓名、单位、传播量，可从Excel粘贴）').fill(list);
  await waitForText(page.locator('#reward-summary'), '共32人，获补贴32人，补贴合计11600元');
  await waitForText(page.locator('#reward-problems'), '第34行：应为“姓名 传播量”或“姓名 单位 传播量”，传播量为整数');
  const rows = page.locator('#reward-table tbody tr');
  assert.equal(await rows.count(), 32);
  assert.deepEqual(await rows.nth(10).locator('td').allTextContents(), ['10', '科普员11', '注北村', '4100', '500']);
  assert.deepEqual(await rows.nth(11).locator('td').allTextContents(), ['12', '科普员12', '同福村', '3900', '300']);
  assert.deepEqual(await rows.nth(31).locator('td').allTextContents(), ['32', '科普员32', '同福村', '1900', '200']);
  await page.waitForFunction(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('kepu-forms:renwu:draft:'));
    return key && JSON.parse(localStorage.getItem(key)).form.reward_list.includes('写错的一行');
  });
  await page.reload();
  await waitForText(page.locator('#reward-summary'), '补贴合计11600元');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#page-renwu').getByRole('button', { name: '导出补贴CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '插旗镇_科普员通讯费补贴_2021.csv');
  const csvPath = join(await ensureArtifacts(), 'reward.csv');
  await download.saveAs(csvPath);
  const lines = (await readFile(csvPath, 'utf8')).split('\r\n');
  assert.equal(lines[0], '\uFEFF名次,姓名,单位,全年传播量,通讯费补贴（元）');
  assert.equal(lines[1], '1,科普员1,同福村,5000,500');
  assert.equal(lines[33], '合计,32人获补贴,,,11600');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('no accessibility violations on the 任务分解表 with rows and after 检查 (axe-core)', async () => {
  const context = await newContext(app.browser);
  const page = await openRenwu(context);
  await fillSeed(page);
  assert.deepEqual(await axeViolations(page), []);
  await label(page, '注册任务数（新增人数） 第1行').fill('');
  await page.locator('#page-renwu').getByRole('button', { name: '检查' }).click();
  await page.locator('#page-renwu').getByRole('alert').filter({ hasText: '检查发现' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});
