// After `make dist` has built one bundle per form into dist/<form>/ (each with
// its cargo feature alone): writes dist/index.html, the page every address
// (#shenbao, #tongji, …) opens. It declares the site (`<script id="site">`:
// each form's name and bundle, read by its loader, the app and offline.js),
// and its loader fetches the bundle of the form the address names, so a first
// visit downloads the shell and that form only; a bundle that fails to load
// (offline before it was kept, or a new version deployed meanwhile) leaves a
// Chinese message with 重试 instead of a dead page. Once the form is editable
// and the browser idle, it loads offline.js. The stylesheets, the same in
// every bundle, move beside the page.
//
// Usage: node scripts/pages.mjs dist shenbao tongji renwu anpai   (the first form opens by default)
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...forms] = process.argv.slice(2);
if (!dir || forms.length === 0) {
  console.error('usage: node scripts/pages.mjs DIST FORM...');
  process.exit(2);
}

const SITE = /<script type="application\/json" id="site">([\s\S]*?)<\/script>/;
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

// The forms' names, from their registry lines in src/ui/app.rs, for the messages of the loader and offline.js.
const registry = readFileSync('src/ui/app.rs', 'utf8');
for (const form of forms) {
  const name = registry.match(new RegExp(`form!\\("${form}", \\w+, "([^"]+)"`))?.[1];
  if (!name) throw new Error(`${form}: no registry line in src/ui/app.rs`);
  bundles[form].name = name;
}
// The Excel worker scripts/xlsx.mjs built, loaded on the first click of 导出Excel.
const excel = existsSync(join(dir, 'xlsx')) ? readdirSync(join(dir, 'xlsx')).find((n) => /^worker-[0-9a-f]+\.js$/.test(n)) : null;
const site = { forms: bundles, ...(excel ? { excel: `./xlsx/${excel}` } : {}) };
const loader = `<script type="application/json" id="site">${JSON.stringify(site)}</script>
<script type="module">
const { forms, excel } = JSON.parse(document.getElementById("site").textContent);
const asked = location.hash.slice(1);
const form = Object.hasOwn(forms, asked) ? asked : ${JSON.stringify(forms[0])};
const { js, wasm } = forms[form];
for (const [rel, href, as] of [["modulepreload", js], ["preload", wasm, "fetch"]]) {
  const link = Object.assign(document.createElement("link"), { rel, href, crossOrigin: "anonymous" });
  if (as) link.as = as;
  document.head.append(link);
}
let app;
try {
  app = await import(js);
  await app.default({ module_or_path: wasm });
} catch (error) {
  console.error(error);
  const box = document.createElement("div");
  box.className = "load-failed";
  box.setAttribute("role", "alert");
  const why = navigator.onLine ? "网络可能中断，或网站刚刚更新" : "“" + forms[form].name + "”还没有保存到本机，需要联网打开一次。连上网络后点“重试”";
  box.innerHTML = "<p>表单未能载入：" + why + "。已填写的内容都保存在本浏览器中。</p><button type=\\"button\\">重试</button>";
  box.querySelector("button").addEventListener("click", () => location.reload());
  document.body.append(box);
  box.querySelector("button").focus();
}
// The form is editable: once the browser is idle, what makes it work offline
// (offline/page.js) and 导出Excel's page side (crates/kepu-xlsx/page.js).
if (app) (window.requestIdleCallback ?? setTimeout)(() => {
  const later = { form, forms, excel, app, saveDrafts: app.save_drafts };
  for (const part of ["./offline.js", "./excel.js"]) import(part).then((p) => p.start(later)).catch(console.error);
});
</script>`;

// The first bundle's page without its own loading: its head stays, its
// stylesheets now beside the page; the installed app's manifest and icon join it.
const page = template
  .replace(/<script type="module">[\s\S]*?<\/script>/, loader)
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace(/<link rel="preload"[^>]*>/g, '')
  .replace(/(<link rel="stylesheet" href=")\.\/[a-z]+\//g, '$1./')
  .replace('</head>', '<link rel="manifest" href="manifest.webmanifest" />\n<link rel="apple-touch-icon" href="apple-touch-icon.png" />\n</head>');
writeFileSync(index, page);
console.log(`dist/index.html loads one of: ${forms.join(', ')}`);
