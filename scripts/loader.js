// The page's loader, put into dist/index.html by scripts/pages.mjs (its import
// line replaced by the values it names, so a first visit asks for nothing
// more): it fetches the bundle of the form the address names (#shenbao,
// #tongji, …; the site's first form for anything else), so a first visit
// downloads the shell and that form only. A bundle that fails to load
// (offline before it was kept, or a new version deployed meanwhile) leaves a
// Chinese message with 重试 instead of a dead page. Once the form is editable
// it asks for the print stylesheet, and once the browser is idle it loads what
// makes the page work offline (offline.js) and 导出Excel's page side (excel.js).
import { APP_READY_EVENT, HASH_ARGUMENT, SITE_SCRIPT_ID } from './contract.js';

/** @type {{ forms: Record<string, { name: string, js: string, wasm: string }>, print: string, excel?: string }} */
const { forms, print, excel } = JSON.parse(document.getElementById(SITE_SCRIPT_ID).textContent);
// `#ziding/…` opens the 自定义表格 with what follows (a shared table).
const asked = location.hash.slice(1).split(HASH_ARGUMENT)[0];
const form = Object.hasOwn(forms, asked) ? asked : Object.keys(forms)[0];
const { js, wasm } = forms[form];
for (const [rel, href, as] of [
  ['modulepreload', js],
  ['preload', wasm, 'fetch'],
]) {
  const link = Object.assign(document.createElement('link'), { rel, href, crossOrigin: 'anonymous' });
  if (as) link.as = as;
  document.head.append(link);
}
// The loader runs as soon as it is parsed, before the stylesheets and the body: the
// bundle's files are on their way, and the app starts once the page is there.
if (document.readyState === 'loading') {
  await new Promise((resolve) => addEventListener('DOMContentLoaded', resolve, { once: true }));
}
// Listened for before the app starts, which may be on the page before its start returns.
const ready = new Promise((resolve) => addEventListener(APP_READY_EVENT, resolve, { once: true }));
let app;
try {
  app = await import(js);
  await app.default({ module_or_path: wasm });
} catch (error) {
  console.error(error);
  const box = document.createElement('div');
  box.className = 'load-failed';
  box.setAttribute('role', 'alert');
  const why = navigator.onLine
    ? '网络可能中断，或网站刚刚更新'
    : '“' + forms[form].name + '”还没有保存到本机，需要联网打开一次。连上网络后点“重试”';
  box.innerHTML =
    '<p>表单未能载入：' + why + '。已填写的内容都保存在本浏览器中。</p><button type="button">重试</button>';
  box.querySelector('button').addEventListener('click', () => location.reload());
  document.body.append(box);
  box.querySelector('button').focus();
}
if (app) {
  await ready;
  // How the sheet looks on paper: not needed for the first field, so it comes now.
  const sheet = Object.assign(document.createElement('link'), { rel: 'stylesheet', media: 'print', href: print });
  document.head.append(sheet);
  (window.requestIdleCallback ?? setTimeout)(() => {
    const later = { form, forms, excel, app };
    for (const part of ['./offline.js', './excel.js']) import(part).then((p) => p.start(later)).catch(console.error);
  });
}
