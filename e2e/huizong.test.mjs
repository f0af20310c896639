// 汇总 end to end, as the receiving 科协 uses it: files made by the page's own
// exports (one re-saved as GB18030 as Excel does), chosen at once; the
// statistics, flags, chart and applications; choosing the other of two
// files; removing one; kept over a reload; bad files; the summary CSV byte
// for byte; the print on A4 landscape.
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
  toPrint,
  seedStorage,
  readWorkbook,
} from './app.mjs';

const app = useApp();

/** The 合计 row of the two units' April sheets: 活动场次, 线上, 线下, 参与人数, the three other sums, 份数. */
const STATS_TOTAL = ['合计', '4', '2', '2', '1320', '600', '8', '6', '2份'];

const envelope = (form) => JSON.stringify({ format: 2, app: 'e2e', saved_at: '2024-04-01T08:00:00', form });

const SHEET = {
  unit: '柳城县科协',
  month: '2024-04',
  reporter: '陈琰琰',
  phone: '13877246160',
  filled_on: '2024-04-25',
  rows: [
    {
      id: 1,
      content: '科普进校园',
      mode: '线下',
      place: '大埔镇中学',
      date: '2024-04-03',
      participants: '120',
      materials: '300',
      boards: '4',
      reports: '1',
      remark: '',
    },
    {
      id: 2,
      content: '防诈骗直播讲座',
      mode: '线上',
      place: '抖音直播',
      date: '2024-04-18',
      participants: '560',
      materials: '0',
      boards: '0',
      reports: '2',
      remark: '',
    },
  ],
};

const APPLICATION = {
  settings: { year: '2024', city: '柳州市', deadline: '2024-04-13' },
  district: '鱼峰区',
  community: '河东社区',
  address: '柳州市鱼峰区文化广场A1区',
  contact: '姜锦红',
  phone: '0772-2625843',
  email: 'lzkxkpb@163.com',
  activity_name: '科普进社区',
  start_date: '2024-06-01',
  end_date: '2024-11-30',
  plan: '科'.repeat(800),
  budget: {
    rows: [
      { id: 1, item: '专家讲课费', note: '', unit: '场', quantity: '2', price: '5000', remark: '' },
      { id: 2, item: '宣传资料印制费', note: '', unit: '份', quantity: '3', price: '1.57', remark: '' },
      { id: 3, item: '交通费', note: '', unit: '', quantity: '1', price: '1', remark: '' },
    ],
    city: '10000',
    own: '5.71',
    other: '',
  },
};

async function exported(page, scope, button) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(scope).getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(await ensureArtifacts(), `huizong-in-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), buffer: await readFile(path) };
}

/** The files a 市科协 receives, made by this page: three 统计表 (one unit twice), a 申报表 and its 活动预算. */
async function makeFiles() {
  const context = await newContext(app.browser);
  await context.clock.setFixedTime(new Date('2024-05-08T10:00:00+08:00'));
  await seedStorage(context, {
    'kepu-forms:tongji:draft:1': envelope(SHEET),
    'kepu-forms:shenbao:draft:1': envelope(APPLICATION),
  });
  const page = await openApp(context, app.server.url + '#tongji');
  const field = (name) => page.locator('#page-tongji').getByLabel(name, { exact: true });
  await field('填报单位').waitFor();
  const first = await exported(page, '#page-tongji', '导出CSV');
  await field('填报日期').fill('2024-04-28');
  await field('参与人数 第1行').fill('150');
  const second = await exported(page, '#page-tongji', '导出CSV');
  await field('填报单位').fill('鹿寨县科协');
  await field('填报日期').fill('2024-05-06');
  await field('参与人数 第1行').fill('50');
  const late = await exported(page, '#page-tongji', '导出CSV');
  await page.getByRole('link', { name: '申报表' }).click();
  await page.locator('#page-shenbao').getByLabel('社区名称', { exact: true }).waitFor();
  const application = await exported(page, '#page-shenbao', '导出CSV');
  const budget = await exported(page, '#page-shenbao', '导出预算CSV');
  assert.deepEqual(page.errors, []);
  await context.close();
  // 鹿寨's sheet as Excel re-saves it: GB18030, LF, its own date format, the month made a date.
  const text = late.buffer
    .toString('utf8')
    .slice(1)
    .replaceAll('\r\n', '\n')
    .replace('2024-05-06', '2024/5/6')
    .replace('统计月份,2024-04', '统计月份,2024/4/1');
  const gb = execFileSync(
    'python3',
    ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))'],
    { input: text },
  );
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gb), 'really GB18030');
  return [
    { name: first.name, mimeType: 'text/csv', buffer: first.buffer },
    { name: '柳城县科协_活动统计表_202404(1).csv', mimeType: 'text/csv', buffer: second.buffer },
    { name: late.name, mimeType: 'text/csv', buffer: gb },
    { name: application.name, mimeType: 'text/csv', buffer: application.buffer },
    { name: budget.name, mimeType: 'text/csv', buffer: budget.buffer },
  ];
}

const cells = (page, selector) => page.locator(selector).evaluateAll((els) => els.map((el) => el.textContent.trim()));

test('the files units send are merged: totals, flags, chart, applications and the summary CSV', async () => {
  const files = await makeFiles();
  assert.deepEqual(
    files.map((f) => f.name),
    [
      '柳城县科协_活动统计表_202404.csv',
      '柳城县科协_活动统计表_202404(1).csv',
      '鹿寨县科协_活动统计表_202404.csv',
      '河东社区_申报表_202405.csv',
      '河东社区_活动预算_202405.csv',
    ],
  );
  const context = await newContext(app.browser);
  await context.clock.setFixedTime(new Date('2024-05-08T10:00:00+08:00'));
  const page = await openApp(context, app.server.url + '#huizong');
  const scope = page.locator('#page-huizong');
  await scope.getByLabel('汇总单位', { exact: true }).fill('柳州市科协');
  await scope.getByLabel('应报单位', { exact: true }).fill('柳城县科协\n鹿寨县科协\n融安县科协');
  await scope.getByLabel('选择文件', { exact: true }).setInputFiles(files);
  await waitForText(scope.locator('#huizong-stats-total'), '1320');

  assert.deepEqual(await cells(page, '#huizong-stats-total > *'), STATS_TOTAL);
  assert.deepEqual(await cells(page, '#huizong-stats tbody tr:nth-child(2) > td'), [
    '柳城县科协',
    '2024年4月',
    '2',
    '1',
    '1',
    '710',
    '300',
    '4',
    '3',
    '2024年4月28日',
    '已通过校验',
    '计入',
  ]);
  assert.deepEqual(await cells(page, '#huizong-flags li'), [
    '重复报送柳城县科协 2024年4月报送了2份：“柳城县科协_活动统计表_202404.csv”、“柳城县科协_活动统计表_202404(1).csv”；计入填报日期较晚的“柳城县科协_活动统计表_202404(1).csv”',
    '逾期报送鹿寨县科协 2024年4月：填报日期2024年5月6日，晚于报送截止2024年4月30日（“鹿寨县科协_活动统计表_202404.csv”）',
    '缺报2024年4月缺报1个单位：融安县科协',
  ]);
  assert.deepEqual(await cells(page, '#huizong-apps tbody tr:first-child > td'), [
    '鱼峰区',
    '河东社区',
    '科普进社区',
    '2024年6月1日至2024年11月30日',
    '800（达到800字）',
    '10,005.71',
    '10,000.00',
    '已通过校验',
  ]);
  assert.deepEqual(await cells(page, '#huizong-apps-total > *'), ['合计', '1份申报表', '10,005.71', '10,000.00', '']);
  const byZi = scope.getByRole('columnheader', { name: '方案字数' });
  await byZi.getByRole('button').click();
  assert.equal(await byZi.getAttribute('aria-sort'), 'ascending');
  await byZi.getByRole('button').click();
  assert.equal(await byZi.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await cells(page, '.chart-box .chart-label'), ['柳城县科协', '鹿寨县科协']);
  assert.deepEqual(await cells(page, '.chart-box .chart-value'), ['710', '610']);
  await scope.getByLabel('图表', { exact: true }).selectOption('month');
  await waitForText(scope.locator('.chart-box figcaption'), '按统计月份');
  assert.deepEqual(await cells(page, '.chart-box .chart-value'), ['1320']);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('button', { name: '导出汇总CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '柳州市科协_汇总表_202405.csv');
  const csv = await readFile(await download.path(), 'utf8');
  assert.equal(
    csv,
    '\ufeff汇总单位,柳州市科协\r\n年度,2024\r\n活动统计表汇总\r\n' +
      '填报单位,统计月份,活动场次,线上,线下,参与人数,发放科普宣传资料数量,宣传展板数量,媒体报道篇数,填报日期,校验结果,说明\r\n' +
      '柳城县科协,2024年4月,2,1,1,680,300,4,3,2024-04-25,已通过校验,未计入（重复报送）\r\n' +
      '柳城县科协,2024年4月,2,1,1,710,300,4,3,2024-04-28,已通过校验,计入\r\n' +
      '鹿寨县科协,2024年4月,2,1,1,610,300,4,3,2024-05-06,已通过校验,计入；逾期\r\n' +
      '2024年4月小计,,4,2,2,1320,600,8,6,2份,,\r\n' +
      '合计,,4,2,2,1320,600,8,6,2份,,\r\n' +
      '提示\r\n' +
      '重复报送,柳城县科协 2024年4月报送了2份：“柳城县科协_活动统计表_202404.csv”、“柳城县科协_活动统计表_202404(1).csv”；计入填报日期较晚的“柳城县科协_活动统计表_202404(1).csv”\r\n' +
      '逾期报送,鹿寨县科协 2024年4月：填报日期2024年5月6日，晚于报送截止2024年4月30日（“鹿寨县科协_活动统计表_202404.csv”）\r\n' +
      '缺报,2024年4月缺报1个单位：融安县科协\r\n' +
      '申报表汇总\r\n' +
      '所在城区,社区名称,活动名称,起止时间,方案字数,预算合计（元）,申请市科协扶持（元）,校验结果\r\n' +
      '鱼峰区,河东社区,科普进社区,2024年6月1日至2024年11月30日,800,10005.71,10000.00,已通过校验\r\n' +
      '合计,,1份申报表,,,,10005.71,10000.00,\r\n',
  );

  // The same summary as a workbook, from the Excel button beside 导出汇总CSV.
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('button', { name: '导出Excel', exact: true }).click(),
  ]);
  assert.equal(xlsx.suggestedFilename(), '柳州市科协_汇总表_202405.xlsx');
  const xlsxPath = join(await ensureArtifacts(), 'huizong.xlsx');
  await xlsx.saveAs(xlsxPath);
  const [book] = readWorkbook(xlsxPath).sheets;
  assert.equal(book.name, '汇总表');
  assert.equal(book.rows[0][0], '2024年科普活动报送汇总表');
  assert.deepEqual(book.rows.find((r) => r[0] === '合计').slice(0, 9), ['合计', null, 4, 2, 2, 1320, 600, 8, 6]);

  // The other 柳城 file instead; then it is removed; the 汇总 is kept over a reload.
  await scope.getByRole('button', { name: '改为计入此份' }).click();
  await waitForText(scope.locator('#huizong-stats-total'), '1290');
  await scope.getByRole('button', { name: '移除“柳城县科协_活动统计表_202404.csv”' }).click();
  await waitForText(scope.locator('#huizong-stats-total'), '1320');
  await page.reload();
  await waitForText(page.locator('#huizong-stats-total'), '1320');
  assert.equal(await page.locator('#huizong-file-list tbody tr').count(), 4);
  assert.equal(
    await page.locator('#page-huizong').getByLabel('应报单位', { exact: true }).inputValue(),
    '柳城县科协\n鹿寨县科协\n融安县科协',
  );
  // Next week the whole folder is chosen again: only the file not yet in the 汇总 is added.
  await page.locator('#page-huizong').getByLabel('选择文件', { exact: true }).setInputFiles(files);
  await waitForText(page.locator('#page-huizong .notice'), '已加入1个文件（4个已在汇总中，未重复加入）。');
  assert.equal(await page.locator('#huizong-file-list tbody tr').count(), 5);
  assert.deepEqual(await cells(page, '#huizong-stats-total > *'), STATS_TOTAL);

  // In 备份全部草稿 with the forms' drafts.
  const [backupFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '备份全部草稿' }).click(),
  ]);
  const backup = JSON.parse(await readFile(await backupFile.path(), 'utf8'));
  const kept = Object.entries(backup.entries)
    .filter(([k]) => k.startsWith('kepu-forms:huizong:draft:'))
    .map(([, v]) => JSON.parse(v).form);
  assert.deepEqual(
    kept.map((h) => [h.issuer, h.files.length]),
    [['柳州市科协', 5]],
  );

  // Printed: A4 landscape, the title, the chart and the flags.
  await toPrint(page);
  const dir = await ensureArtifacts();
  const pdfPath = join(dir, 'huizong.pdf');
  await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/, 'A4 landscape');
  const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const text of [
    '2024年科普活动报送汇总表',
    '参与人数（按统计月份）',
    '【逾期报送】',
    '【缺报】2024年4月缺报1个单位：融安县科协',
    '10,000.00',
  ]) {
    assert.ok(printed.includes(text), `${text} printed`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, join(dir, 'huizong-print')]);
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: join(dir, 'huizong-screen.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a dropped file is read; bad files are listed with the reason, nothing in them runs, and what was merged stays', async () => {
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url + '#huizong');
  const scope = page.locator('#page-huizong');
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const sheet = (unit) =>
    '\ufeff填报单位,' +
    unit +
    '\r\n统计月份,2024-04\r\n填报人,甲\r\n联系电话,13877246160\r\n填报日期,2024-04-30\r\n品牌名,科普梦·乡村情\r\n' +
    '活动内容,活动形式（线上/线下）,活动地点,活动时间,参与人数,发放科普宣传资料数量,宣传展板数量,媒体报道篇数,备注\r\n' +
    '"<img src=x onerror=alert(1)>",线下,"=HYPERLINK(""http://x"")",2024-04-03,12,0,0,0,\r\n';
  const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  // Dropped on the box, as from a mail client's attachments.
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], '好.csv', { type: 'text/csv' }));
    return transfer;
  }, sheet('𠮷祥村😀科协'));
  await scope.locator('.drop-zone').dispatchEvent('dragover', { dataTransfer: dropped });
  await scope.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await waitForText(scope.locator('#huizong-stats-total'), '12');
  await scope
    .getByLabel('选择文件', { exact: true })
    .setInputFiles([
      csv('空.csv', ''),
      csv('名单.csv', '姓名,年龄\r\n张三,3\r\n'),
      { name: '表.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04xx') },
      csv('网页.csv', '<html><script>alert(1)</script></html>'),
      csv('错列.csv', sheet('融安县科协').replace('活动形式（线上/线下）', '形式')),
      { name: '大.csv', mimeType: 'text/csv', buffer: Buffer.alloc(20 * 1024 * 1024, 0x61) },
    ]);
  await waitForText(scope.locator('#huizong-file-list'), '大.csv', 10000);
  assert.deepEqual(await cells(page, '#huizong-file-list tbody tr > td:nth-child(3)'), [
    '𠮷祥村😀科协 · 2024年4月',
    '文件是空的',
    '第1行第1列：无法识别的表格（“姓名”）：请选本页导出的活动统计表、申报表、活动预算或自定义表格CSV',
    '这是Excel或WPS工作簿，不是CSV：请选本页“导出CSV”得到的.csv文件，或在Excel、WPS中另存为CSV',
    '第1行第1列：无法识别的表格（“<html><script>alert(”）：请选本页导出的活动统计表、申报表、活动预算或自定义表格CSV',
    '第7行第2列：应为“活动形式（线上/线下）”，实为“形式”',
    '文件太大（20.0 MB）：本页导出的CSV不超过几百KB，请确认选的是本页导出的CSV文件（上限5 MB）',
  ]);
  assert.deepEqual(await cells(page, '#huizong-stats-total > *'), ['合计', '1', '0', '1', '12', '0', '0', '0', '1份']);
  assert.equal(await page.locator('#huizong-stats tbody tr:first-child td:first-child').textContent(), '𠮷祥村😀科协');
  assert.equal(await page.locator('img[src=x]').count(), 0, 'HTML in a cell is text');
  // 检查 lists each unreadable file and takes the user to its 移除 button.
  await scope.getByRole('button', { name: '检查', exact: true }).click();
  const summary = scope.locator('.summary-region');
  await waitForText(summary, '“空.csv”未能读取：文件是空的。请移除它，或换成正确的文件');
  assert.equal(dialogs, 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});
