// Builds the Excel worker into DIST/xlsx/: crates/kepu-xlsx as WebAssembly
// (release, wasm-bindgen for the web, wasm-opt -Oz), and its worker script
// (crates/kepu-xlsx/worker.js), each file named by a hash of its content so a
// new build never mixes with an old one. The page loads it only on the first
// click of 导出Excel; scripts/pages.mjs declares it in the site.
//
// Usage: node scripts/xlsx.mjs DIST
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dist] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node scripts/xlsx.mjs DIST');
  process.exit(2);
}
const out = join(dist, 'xlsx');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const target = process.env.CARGO_TARGET_DIR ?? 'target';

run('bash', [
  'scripts/wasm-release.sh',
  'cargo',
  'build',
  '--quiet',
  '--release',
  '--target',
  'wasm32-unknown-unknown',
  '-p',
  'kepu-xlsx',
  '--lib',
]);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
run('wasm-bindgen', [
  '--target',
  'web',
  '--no-typescript',
  '--out-dir',
  out,
  '--out-name',
  'kepu_xlsx',
  join(target, 'wasm32-unknown-unknown', 'release', 'kepu_xlsx.wasm'),
]);
// The features rustc's wasm32 target uses by default.
const features = [
  'bulk-memory',
  'nontrapping-float-to-int',
  'sign-ext',
  'mutable-globals',
  'reference-types',
  'multivalue',
];
// --low-memory-unused as for the page (README "Stack notes").
run('wasm-opt', [
  '-Oz',
  '--low-memory-unused',
  '--strip-producers',
  ...features.map((f) => `--enable-${f}`),
  join(out, 'kepu_xlsx_bg.wasm'),
  '-o',
  join(out, 'kepu_xlsx_bg.wasm'),
]);

/** Renames `name` in `out` to carry a hash of its content; the new name. */
function hashed(name, content = readFileSync(join(out, name))) {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const named = name.replace(/(_bg)?\.(js|wasm)$/, `-${hash}$1.$2`);
  writeFileSync(join(out, named), content);
  if (named !== name) rmSync(join(out, name), { force: true });
  return named;
}

const wasm = hashed('kepu_xlsx_bg.wasm');
const glue = hashed('kepu_xlsx.js');
const worker = readFileSync('crates/kepu-xlsx/worker.js', 'utf8').replace('__GLUE__', glue).replace('__WASM__', wasm);
writeFileSync(join(out, 'worker.js'), worker);
const named = hashed('worker.js');
// Its page side, loaded with the page once the form is editable (it is small; the engine waits for a click).
writeFileSync(join(dist, 'excel.js'), readFileSync('crates/kepu-xlsx/page.js'));
console.log(`xlsx/${named}: the Excel worker (${readFileSync(join(out, wasm)).length} B of wasm)`);
