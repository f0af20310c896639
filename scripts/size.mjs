// After `trunk build --release`: writes a .br (brotli, highest level) and a
// .gz (gzip -9) beside every text and wasm file of the site, so a static host
// can send them as they are (nginx brotli_static/gzip_static, Caddy
// precompressed), then checks what a first visit downloads against
// size-limit.json and, when it is over, names the file that grew.
//
// Usage: node scripts/size.mjs DIST [FORM...]   (each form's bundle in DIST/FORM/;
// without forms, those of target/forms.json when DIST has their bundles, else the whole site as one visit)
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { registry } from './forms.mjs';

const [dir = 'dist', ...named] = process.argv.slice(2);
// The forms whose bundles DIST holds (form-cost builds one page of several forms: no bundle folders).
const forms = named.length
  ? named
  : registry()
      .map((f) => f.slug)
      .filter((slug) => existsSync(join(dir, slug)));
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|txt|webmanifest|xml)$/;

function walk(path) {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * The file's name without trunk's content hash (`kepu-forms-19a8bdcf334abbdd_bg.wasm` → `kepu-forms_bg.wasm`)
 * or wasm-bindgen's in a JS snippet's folder (`snippets/kepu-forms-7ec5506fee273c50/…` → `snippets/kepu-forms/…`).
 */
// The hash is a 64-bit number in hex without leading zeros: 1 to 16 digits.
const stable = (name) =>
  name.replace(/-[0-9a-f]{1,16}(?=(_bg)?\.(js|wasm|css)$)/, '').replace(/(snippets\/[^/]+)-[0-9a-f]{1,16}\//, '$1/');

const sizes = [];
for (const file of walk(dir)
  .filter((f) => COMPRESSIBLE.test(f))
  .sort()) {
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 });
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm')
        ? constants.BROTLI_MODE_GENERIC
        : constants.BROTLI_MODE_TEXT,
    },
  });
  writeFileSync(`${file}.gz`, gzip);
  writeFileSync(`${file}.br`, brotli);
  sizes.push({ name: stable(relative(dir, file)), raw: bytes.length, gzip: gzip.length, brotli: brotli.length });
}

// A first visit of a form: index.html (its loader), the screen stylesheet
// beside it and everything of that form's bundle. Not print.css: the loader
// asks for it once the form is editable. Not the service worker, the manifest and
// the icons: the page asks for them only once its form is editable and the
// browser idle. Without forms named, the whole site is one visit.
// A part loaded on use (ui::later: split_*.wasm, and chunk_*.wasm, code parts share) is fetched
// when first shown, not for the first field.
const later = (name) => /\/(split|chunk)_[^/]*\.wasm$/.test(name);
const firstVisit = (name, form) =>
  name === 'index.html' ||
  (/^[^/]+\.css$/.test(name) && name !== 'print.css') ||
  (form ? name.startsWith(`${form}/`) && !later(name) : true);
const visits = (forms.length ? forms : ['']).map((form) => {
  const files = sizes.filter((s) => firstVisit(s.name, form));
  const total = (key) => files.reduce((sum, s) => sum + s[key], 0);
  return { form: form || 'site', raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') };
});
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const v of visits) {
  console.log(
    `first visit of ${v.form}: ${v.raw} B, gzip ${v.gzip} B (${kib(v.gzip)}), brotli ${v.brotli} B (${kib(v.brotli)})`,
  );
}
for (const s of sizes) console.log(`  ${s.name}: ${s.raw} B, gzip ${s.gzip} B, brotli ${s.brotli} B`);
console.log(`wrote a .br and a .gz beside each of these ${sizes.length} files`);

const limitFile = fileURLToPath(new URL('./size-limit.json', import.meta.url));
const limits = JSON.parse(readFileSync(limitFile, 'utf8'));
const over = [];
// A new form is held to the limits any form's first visit and bundle files
// have until it gets its own, measured: say what to write, do not fail for it.
const measured = (what, sizes) =>
  `${what}: no limit of its own in scripts/size-limit.json yet, so the limit of any form holds; measured ${sizes.gzip} B gzip, ${sizes.brotli} B brotli: add ${JSON.stringify({ gzip: Math.ceil(sizes.gzip * 1.02), brotli: Math.ceil(sizes.brotli * 1.02) })} (2% above)`;
for (const v of visits) {
  const own = limits.first_visit_of[v.form];
  if (!own && v.form !== 'site') console.log(measured(`first_visit_of.${v.form}`, v));
  for (const key of ['gzip', 'brotli']) {
    const limit = (own ?? limits.first_visit)[key];
    if (v[key] > limit) over.push(`a first visit of ${v.form} is ${v[key]} B ${key}, over its limit of ${limit} B`);
  }
}
// wasm-split numbers the pieces of code parts share (chunk_N.wasm) in an order that moves when
// the parts change: a bundle's chunks are held to one limit together, as `FORM/chunks`.
const chunk = (name) => /^[^/]+\/chunk_[^/]*\.wasm$/.test(name);
const chunks = new Map();
for (const s of sizes.filter((s) => chunk(s.name))) {
  const name = `${s.name.split('/')[0]}/chunks`;
  const sum = chunks.get(name) ?? { name, raw: 0, gzip: 0, brotli: 0 };
  for (const key of ['raw', 'gzip', 'brotli']) sum[key] += s[key];
  chunks.set(name, sum);
}
for (const s of [...sizes.filter((s) => !chunk(s.name)), ...chunks.values()]) {
  const [folder, file] = s.name.split('/');
  const anyForm = forms.includes(folder) ? limits.form_files[file] : undefined;
  const limit = limits.files[s.name] ?? anyForm;
  if (!limit) {
    over.push(
      `${s.name} has no limit in scripts/size-limit.json: add one (measured ${s.gzip} B gzip, ${s.brotli} B brotli)`,
    );
    continue;
  }
  if (!limits.files[s.name]) console.log(measured(`files.${s.name}`, s));
  for (const key of ['gzip', 'brotli']) {
    if (s[key] > limit[key]) over.push(`${s.name} is ${s[key]} B ${key}, over its limit of ${limit[key]} B`);
  }
}
if (over.length > 0) {
  console.error(over.join('\n'));
  console.error('find what grew: twiggy top target/wasm32-unknown-unknown/release/kepu-forms.wasm');
  process.exit(1);
}
console.log('within the size limits (scripts/size-limit.json)');
