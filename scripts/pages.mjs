// After `make dist` has built one bundle per form into dist/<form>/ (each with
// its cargo feature alone): writes dist/index.html, the page every address
// (#shenbao, #tongji, …) opens. It declares the site (`<script id="site">`:
// each form's name and bundle, read by its loader, the app and offline.js),
// and its loader fetches the bundle of the form the address names, so a first
// visit downloads the shell and that form only; a bundle that fails to load
// (offline before it was kept, or a new version deployed meanwhile) leaves a
// Chinese message with 重试 instead of a dead page. Once the form is editable
// and the browser idle, it loads offline.js. The stylesheets, the same in
// every bundle, move beside the page; the print one is asked for by the loader
// once the form is editable.
//
// Usage: node scripts/pages.mjs DIST   (the forms of target/forms.json; the first opens by default)
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as contract from './contract.js';
import { registry } from './forms.mjs';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/pages.mjs DIST');
  process.exit(2);
}
const entries = registry();
const forms = entries.map((f) => f.slug);

const SITE = new RegExp(`<script type="application/json" id="${contract.SITE_SCRIPT_ID}">([\\s\\S]*?)</script>`);
const index = join(dir, 'index.html');
// A form not built again this time keeps the bundle an earlier run declared
// (the update test rebuilds one form of a copied site).
const earlier = existsSync(index) ? JSON.parse(readFileSync(index, 'utf8').match(SITE)?.[1] ?? '{}') : {};

const bundles = {};
let template;
for (const form of forms) {
  const built = join(dir, form, 'index.html');
  if (!existsSync(built)) {
    if (!earlier.forms?.[form]) throw new Error(`${form}: no bundle in ${built}`);
    bundles[form] = earlier.forms[form];
    continue;
  }
  const html = readFileSync(built, 'utf8');
  const js = html.match(/import init, \* as bindings from '([^']+\.js)'/)?.[1];
  const wasm = html.match(/module_or_path: '([^']+_bg\.wasm)'/)?.[1];
  if (!js || !wasm) throw new Error(`${form}: no bundle in ${built}`);
  bundles[form] = { js, wasm };
  template ??= html;
  // Only dist/index.html is a page; the bundles' own pages would load without the loader.
  rmSync(built);
  // The stylesheets are the same in every bundle: one copy beside the page serves every form.
  for (const name of readdirSync(join(dir, form)).filter((n) => n.endsWith('.css'))) {
    const shared = join(dir, name);
    if (existsSync(shared) && !readFileSync(shared).equals(readFileSync(join(dir, form, name)))) {
      throw new Error(`${form}/${name} differs from the ${name} of another form`);
    }
    renameSync(join(dir, form, name), shared);
  }
}
if (!template) throw new Error('no form was built: nothing to write');

// The forms' names, for the messages of the loader and offline.js.
for (const { slug, name } of entries) bundles[slug].name = name;
// The Excel worker scripts/xlsx.mjs built, loaded on the first click of 导出Excel.
const excel = existsSync(join(dir, 'xlsx'))
  ? readdirSync(join(dir, 'xlsx')).find((n) => /^worker-[0-9a-f]+\.js$/.test(n))
  : null;
// The print stylesheet is not on a first visit's way to the first field: the loader asks
// for it once the form is editable (main.css already says what prints and what does not).
const printLink = /<link rel="stylesheet" href="\.\/[a-z]+\/(print-[0-9a-f]+\.css)"[^>]*>\n?/;
const [printTag, printCss] = template.match(printLink) ?? [];
if (!printTag) throw new Error('no print stylesheet in the bundle page');
const site = {
  forms: bundles,
  print: `./${printCss}`,
  ...(excel ? { excel: `./xlsx/${excel}` } : {}),
};
// The loader is scripts/loader.js, its import of the shared names replaced by their values.
const loaderSource = readFileSync('scripts/loader.js', 'utf8');
const shared = /^import \{ ([A-Z_, ]+) \} from '\.\/contract\.js';$/m;
const names = loaderSource.match(shared)?.[1].split(', ');
if (!names) throw new Error('scripts/loader.js: no import of ./contract.js');
const values = names.map((name) => `${name} = ${JSON.stringify(contract[name])}`).join(', ');
const loader = `<script type="application/json" id="${contract.SITE_SCRIPT_ID}">${JSON.stringify(site)}</script>
<script type="module" async>
${loaderSource.replace(shared, `const ${values};`).replace(/^(\/\/|\/\*\*).*\n/gm, '')}</script>`;

// The first bundle's page without its own loading: its head stays, its
// stylesheets now beside the page; the installed app's manifest and icon join it.
// The loader comes before the stylesheets and runs at once (async): the form's
// bundle is on its way while they load, which a deferred module would wait for.
const page = template
  .replace(/<script type="module">[\s\S]*?<\/script>/, '')
  .replace(printTag, '')
  .replace(/<link rel="stylesheet"/, `${loader}\n$&`)
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace(/<link rel="preload"[^>]*>/g, '')
  .replace(/(<link rel="stylesheet" href=")\.\/[a-z]+\//g, '$1./')
  .replace(
    '</head>',
    '<link rel="manifest" href="manifest.webmanifest" />\n<link rel="apple-touch-icon" href="apple-touch-icon.png" />\n</head>',
  );
writeFileSync(index, page);
console.log(`dist/index.html loads one of: ${forms.join(', ')}`);
