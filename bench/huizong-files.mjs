// The files of the 汇总 benchmark: 200 活动统计表 CSVs as 导出CSV writes
// them (100 units × 2 months, 50 activities each: 10,000 rows), and the
// totals the page must show for them.
//
// Usage as a module: huizongFiles() → { files: [{ name, mimeType, buffer }], participants, activities }.
// Run alone, writes the files into DIR: node bench/huizong-files.mjs DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HEADER =
  '活动内容,活动形式（线上/线下）,活动地点,活动时间,参与人数,发放科普宣传资料数量,宣传展板数量,媒体报道篇数,备注';

export function huizongFiles({ units = 100, months = ['2024-03', '2024-04'], rows = 50 } = {}) {
  const files = [];
  let participants = 0;
  let activities = 0;
  for (let u = 0; u < units; u++) {
    const unit = `第${u + 1}号县科协`;
    for (const [m, month] of months.entries()) {
      const lines = [
        `填报单位,${unit}`,
        `统计月份,${month}`,
        '填报人,陈琰琰',
        '联系电话,13877246160',
        `填报日期,${month}-20`,
        '品牌名,科普梦·乡村情',
        HEADER,
      ];
      const sums = [0, 0, 0, 0];
      let online = 0;
      for (let r = 0; r < rows; r++) {
        const counts = [10 + ((u * 7 + r * 3 + m) % 90), 20, r % 3, r % 2];
        counts.forEach((n, i) => (sums[i] += n));
        const mode = r % 2 ? '线上' : '线下';
        online += r % 2;
        const day = String((r % 28) + 1).padStart(2, '0');
        lines.push(`科普活动${r + 1},${mode},柳城县大埔镇,${month}-${day},${counts.join(',')},`);
      }
      lines.push(`合计,共${rows}项（线上${online}项，线下${rows - online}项）,,,${sums.join(',')},`);
      participants += sums[0];
      activities += rows;
      files.push({
        name: `${unit}_活动统计表_${month.replace('-', '')}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n')]),
      });
    }
  }
  return { files, participants, activities };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'huizong-files';
  mkdirSync(dir, { recursive: true });
  const { files, participants, activities } = huizongFiles();
  for (const f of files) writeFileSync(join(dir, f.name), f.buffer);
  console.log(`${files.length} files, ${activities} rows, 参与人数 ${participants}, in ${dir}`);
}
