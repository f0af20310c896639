// The page's paste reader (src/browser/pasted.js) in Chromium gives exactly the
// grids kepu-core's native tests read (crates/kepu-core/tests/fixtures/paste):
// the reader and the rules tested without a browser cannot drift apart.
// UPDATE_GRIDS=1 writes the grids afresh instead, after a deliberate change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch } from './app.mjs';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'crates/kepu-core/tests/fixtures/paste');
const reader = join(root, 'src/browser/pasted.js');

/**
 * A grid as JSON with a line per line of the notice and per row of the table, so a diff reads.
 * @param {{ before: object[], rows: object[][], after: object[] }} grid
 */
function written(grid) {
  const list = (/** @type {object[]} */ items) =>
    items.length === 0 ? '[]' : `[\n  ${items.map((i) => JSON.stringify(i)).join(',\n  ')}\n ]`;
  return `{\n "before": ${list(grid.before)},\n "rows": ${list(grid.rows)},\n "after": ${list(grid.after)}\n}\n`;
}

test('the paste reader gives the committed grid of every fixture', async () => {
  const source = (await readFile(reader, 'utf8')).replaceAll('export function', 'function');
  const names = (await readdir(fixtures)).filter((f) => f.endsWith('.html'));
  assert.ok(names.length >= 4, `fixtures: ${names}`);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    for (const name of names) {
      const html = await readFile(join(fixtures, name), 'utf8');
      const grid = await page.evaluate(
        ([src, text]) => new Function('html', `${src}\nreturn gridOf(html);`)(text),
        [source, html],
      );
      const path = join(fixtures, name.replace(/\.html$/, '.grid.json'));
      if (process.env.UPDATE_GRIDS) {
        await writeFile(path, written(grid));
      } else {
        assert.deepEqual(grid, JSON.parse(await readFile(path, 'utf8')), name);
      }
    }
    const none = await page.evaluate(
      ([src]) => new Function('html', `${src}\nreturn gridOf(html);`)('<p>只有一段文字</p>'),
      [source],
    );
    assert.equal(none, null, 'a paste without a table has no grid');
  } finally {
    await browser.close();
  }
});
