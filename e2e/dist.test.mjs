// The built site carries a .br and a .gz beside every text and wasm file, each
// the same bytes once decompressed, so a static host can send them as they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { dist } from './app.mjs';

/** Every file below `dir`, as paths relative to it. */
function walk(dir, prefix = '') {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const path = join(prefix, name);
    return statSync(join(dir, path)).isDirectory() ? walk(dir, path) : [path];
  });
}

test('every text and wasm file of dist/ has a .br and a .gz that decompress to it', () => {
  const names = walk(dist);
  const originals = names.filter((n) => /\.(html|js|css|wasm)$/.test(n));
  assert.ok(originals.some((n) => n.endsWith('.wasm')) && originals.includes('index.html'), names.join(' '));
  for (const name of originals) {
    const bytes = readFileSync(join(dist, name));
    const br = readFileSync(join(dist, `${name}.br`));
    const gz = readFileSync(join(dist, `${name}.gz`));
    assert.ok(br.length < bytes.length && gz.length < bytes.length, `${name} is smaller compressed`);
    assert.deepEqual(brotliDecompressSync(br), bytes, `${name}.br`);
    assert.deepEqual(gunzipSync(gz), bytes, `${name}.gz`);
  }
  // Nothing compressed twice: no .br.gz, .gz.br and the like.
  assert.deepEqual(
    names.filter((n) => /\.(br|gz)\.(br|gz)$/.test(n)),
    [],
  );
});
