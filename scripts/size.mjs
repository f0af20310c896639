// Prints the size of the built site's wasm, JS and CSS, raw and gzip.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? 'dist';
let raw = 0;
let gz = 0;
const rows = [];
for (const name of readdirSync(dir)) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += z;
  rows.push(`  ${name}: ${bytes.length} B, gzip ${z} B`);
}
console.log(`dist size (wasm + JS + CSS): ${raw} B, gzip ${gz} B (${(gz / 1024).toFixed(1)} KiB)`);
console.log(rows.join('\n'));

const limitFile = fileURLToPath(new URL('./size-limit.json', import.meta.url));
const limit = JSON.parse(readFileSync(limitFile, 'utf8')).gzip_bytes;
if (gz > limit) {
  console.error(`dist is ${gz} B gzip, over the limit of ${limit} B in scripts/size-limit.json: find what grew (twiggy top target/wasm32-unknown-unknown/release/kepu-forms.wasm)`);
  process.exit(1);
}
console.log(`within the size limit (${limit} B gzip, scripts/size-limit.json)`);
