// The Excel worker: builds a workbook off the page's main thread. The page
// (excel.js) starts it on the first click of 导出Excel and sends
// { slug, what, draft, today }; it answers { name, bytes } or { error }.
// scripts/xlsx.mjs writes it into dist/xlsx/ with the hashed names of its
// WebAssembly in place of the placeholders below.
// @ts-ignore: the build puts the glue's hashed name in place of the placeholder.
import init, { export_xlsx } from './__GLUE__';

const ready = init({ module_or_path: new URL('./__WASM__', import.meta.url) });

self.onmessage = async ({ data }) => {
  try {
    await ready;
    const [name, bytes] = export_xlsx(data.slug, data.what, data.draft, data.today);
    self.postMessage({ name, bytes }, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ error: String(error?.message ?? error) });
  }
};
