// After scripts/pages.mjs: what makes the built site work offline and installable.
// - icons: PNGs at the sizes browsers ask for, drawn from the one SVG
//   (style/icon.svg) by Chromium (already there for the tests);
// - manifest.webmanifest: the installed app's name, icons, colours, start URL;
// - offline.js: the service worker's page side (offline/page.js);
// - sw.js: the service worker (offline/sw.js) with its precache list put in
//   by Workbox's injectManifest: every file of dist/ as built now (never a
//   hand-kept list), each with the SHA-256 of its content.
//
// Usage: node scripts/offline.mjs DIST
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as contract from './contract.js';
import { injectManifest } from 'workbox-build';
import { launch } from '../e2e/app.mjs';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/offline.mjs DIST');
  process.exit(2);
}

/** The app bar's colour (style/main.css .app-bar): the installed window's title bar. */
const THEME = '#123a63';
/** The icon's own blue (style/icon.svg), around the drawing of the maskable icon. */
const ICON_GROUND = '#0b5cad';
const SVG = 'style/icon.svg';

const ICONS = [
  { src: 'icon-192.png', size: 192 },
  { src: 'icon-512.png', size: 512 },
  // Android crops a maskable icon to its own shape: the drawing keeps to the middle 80%.
  { src: 'icon-maskable-512.png', size: 512, purpose: 'maskable' },
  { src: 'apple-touch-icon.png', size: 180 },
];

async function drawIcons() {
  const svg = readFileSync(SVG, 'utf8');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    for (const { src, size, purpose } of ICONS) {
      const inner = purpose === 'maskable' ? Math.round(size * 0.8) : size;
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;` +
          `background:${purpose === 'maskable' ? ICON_GROUND : 'transparent'}">` +
          `<img width="${inner}" height="${inner}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body>`,
      );
      await page.locator('img').evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
      await page.screenshot({ path: join(dir, src), omitBackground: purpose !== 'maskable' });
    }
  } finally {
    await browser.close();
  }
  copyFileSync(SVG, join(dir, 'icon.svg'));
}

function writeManifest() {
  const manifest = {
    name: '科普表单',
    short_name: '科普表单',
    description: '科协科普工作的纸质表格：在浏览器中填写、检查、保存、打印和导出，断网也能用',
    lang: 'zh-CN',
    dir: 'ltr',
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f4f5f7',
    theme_color: THEME,
    icons: [
      ...ICONS.filter((i) => i.src !== 'apple-touch-icon.png').map(({ src, size, purpose }) => ({
        src,
        sizes: `${size}x${size}`,
        type: 'image/png',
        ...(purpose ? { purpose } : {}),
      })),
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
  writeFileSync(join(dir, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);
}

await drawIcons();
writeManifest();
copyFileSync('offline/page.js', join(dir, 'offline.js'));
// The shared names: a module beside offline.js and excel.js, and put into the worker, which cannot import one.
copyFileSync('scripts/contract.js', join(dir, 'contract.js'));
const swSource = join(tmpdir(), `kepu-sw-${process.pid}.js`);
// Only what the worker says: the message names.
const said = Object.fromEntries(
  ['SKIP_WAITING', 'KEEP_ALL', 'KEEP_USED', 'KEPT'].map((name) => [name, contract[name]]),
);
writeFileSync(swSource, readFileSync('offline/sw.js', 'utf8').replace('worker.__KEPU_CONTRACT', JSON.stringify(said)));
const { count, warnings } = await injectManifest({
  swSrc: swSource,
  injectionPoint: 'worker.__WB_MANIFEST',
  swDest: join(dir, 'sw.js'),
  globDirectory: dir,
  globPatterns: ['**/*'],
  // The compressed copies are the same files as sent by the server; the worker checks itself for updates.
  globIgnores: ['**/*.br', '**/*.gz', 'sw.js'],
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  // The worker checks what it downloads against this, so two builds never mix in one cache.
  manifestTransforms: [
    // Workbox's type wants each entry's size back; the worker needs the hash and on_use instead.
    /** @type {any} */ (
      (entries) => ({
        manifest: entries.map((e) => ({
          url: e.url,
          revision: createHash('sha256')
            .update(readFileSync(join(dir, e.url)))
            .digest('hex'),
          // The Excel engine is kept when first used, not at install: most visits never need it.
          ...(e.url.startsWith('xlsx/') ? { on_use: true } : {}),
        })),
      })
    ),
  ],
});
rmSync(swSource);
if (warnings.length) {
  console.error(warnings.join('\n'));
  process.exit(1);
}
console.log(`sw.js precaches ${count} files`);
