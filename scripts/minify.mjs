// Minifies the JavaScript of one form's bundle in place (DIST: the folder
// scripts/bundle.sh built): wasm-bindgen's glue and the snippets it imports.
// They are part of every first visit; unminified they cost 3 KB brotli more
// (2026-12-03: 8.0 → 6.1 KB the glue, 1.9 → 0.7 KB durable.js). Exports
// keep their names (the loader and the snippets import them), and the
// output depends only on the input, so a file keeps its hashed name.
//
// Usage: node scripts/minify.mjs DIST
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/minify.mjs DIST');
  process.exit(2);
}
const scripts = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
if (!scripts.length) throw new Error(`${dir}: no JavaScript to minify`);
for (const name of scripts) {
  const path = join(dir, name);
  const { code } = await minify(readFileSync(path, 'utf8'), {
    module: true,
    compress: { passes: 2 },
    format: { comments: false },
  });
  if (!code) throw new Error(`${path}: terser gave nothing`);
  writeFileSync(path, code);
}
