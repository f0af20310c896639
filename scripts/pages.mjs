// After `make dist` has built one bundle per form into dist/<form>/ (each with
// its cargo feature alone): writes dist/index.html, the page every address
// (#shenbao, #tongji, …) opens. Its loader fetches the bundle of the form the
// address names, so a first visit downloads the shell and that form only; a
// bundle that fails to load (offline, or a new version deployed meanwhile)
// leaves a Chinese message with 重试 instead of a dead page.
//
// Usage: node scripts/pages.mjs dist shenbao tongji renwu anpai   (the first form opens by default)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...forms] = process.argv.slice(2);
if (!dir || forms.length === 0) {
  console.error('usage: node scripts/pages.mjs DIST FORM...');
  process.exit(2);
}

const bundles = {};
let template;
for (const form of forms) {
  const html = readFileSync(join(dir, form, 'index.html'), 'utf8');
  const js = html.match(/import init, \* as bindings from '([^']+\.js)'/)?.[1];
  const wasm = html.match(/module_or_path: '([^']+_bg\.wasm)'/)?.[1];
  if (!js || !wasm) throw new Error(`${form}: no bundle in ${join(dir, form, 'index.html')}`);
  bundles[form] = { js, wasm };
  template ??= html;
  // Only dist/index.html is a page; the bundles' own pages would load without the loader.
  rmSync(join(dir, form, 'index.html'));
}

const loader = `<script type="module">
const bundles = ${JSON.stringify(bundles)};
const asked = location.hash.slice(1);
const { js, wasm } = bundles[Object.hasOwn(bundles, asked) ? asked : ${JSON.stringify(forms[0])}];
for (const [rel, href, as] of [["modulepreload", js], ["preload", wasm, "fetch"]]) {
  const link = Object.assign(document.createElement("link"), { rel, href, crossOrigin: "anonymous" });
  if (as) link.as = as;
  document.head.append(link);
}
try {
  const app = await import(js);
  await app.default({ module_or_path: wasm });
} catch (error) {
  console.error(error);
  const box = document.createElement("div");
  box.className = "load-failed";
  box.setAttribute("role", "alert");
  box.innerHTML = "<p>表单未能载入：网络可能中断，或网站刚刚更新。已填写的内容都保存在本浏览器中。</p><button type=\\"button\\">重试</button>";
  box.querySelector("button").addEventListener("click", () => location.reload());
  document.body.append(box);
  box.querySelector("button").focus();
}
</script>`;

// The first bundle's page without its own loading: its stylesheets (the same
// files in every bundle) and head stay.
const page = template
  .replace(/<script type="module">[\s\S]*?<\/script>/, loader)
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace(/<link rel="preload"[^>]*>/g, '');
writeFileSync(join(dir, 'index.html'), page);
console.log(`dist/index.html loads one of: ${forms.join(', ')}`);
