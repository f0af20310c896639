// @ts-check
// A pasted table read by the browser's own HTML parser (DOMParser: the wasm
// carries no HTML parser), down to the grid kepu-core reads: the lines above
// the table, its cells with their spans, the lines after it. What the grid
// means (title, fields, columns, kinds) is decided in kepu-core and tested
// natively on the grids of the fixtures (crates/kepu-core/tests/fixtures/paste).

/**
 * @typedef {{ text: string, strong: boolean }} Line
 * @typedef {{ text: string, cols: number, rows: number }} Cell
 * @typedef {{ before: Line[], rows: Cell[][], after: Line[] }} Grid
 */

/** Elements whose text is one line of the notice. */
const LINES = 'p, h1, h2, h3, h4, h5, h6, li, div';

/**
 * Text of `node` as the page shows it: `<br>` and paragraphs as line breaks,
 * runs of spaces (Word's `mso-spacerun`, `&nbsp;`, full-width spaces) as one.
 * @param {Node} node
 * @returns {string}
 */
function textOf(node) {
  /** @type {string[]} */
  const parts = [];
  /** @param {Node} n */
  const walk = (n) => {
    if (n.nodeType === Node.TEXT_NODE) {
      parts.push(n.nodeValue ?? '');
      return;
    }
    if (!(n instanceof Element)) return;
    const tag = n.tagName.toLowerCase();
    if (tag === 'br') {
      parts.push('\n');
      return;
    }
    if (tag === 'style' || tag === 'script' || tag === 'xml') return;
    const block = /^(p|div|li|h[1-6]|tr)$/.test(tag);
    if (block && parts.length > 0) parts.push('\n');
    n.childNodes.forEach(walk);
  };
  walk(node);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Whether the element's text is set off as a title: bold, or large (15 pt and up).
 * @param {Element} element
 * @returns {boolean}
 */
function isStrong(element) {
  if (/^h[1-3]$/i.test(element.tagName)) return true;
  for (const e of [element, ...element.querySelectorAll('*')]) {
    const tag = e.tagName.toLowerCase();
    if ((tag === 'b' || tag === 'strong') && (e.textContent ?? '').trim() !== '') return true;
    const style = e.getAttribute('style') ?? '';
    if (/font-weight:\s*(bold|[6-9]00)/i.test(style)) return true;
    const size = style.match(/font-size:\s*([\d.]+)\s*(pt|px)/i);
    if (size && Number(size[1]) * (size[2].toLowerCase() === 'px' ? 0.75 : 1) >= 15) return true;
  }
  return false;
}

/**
 * A span attribute as a count of 1 to 1000 (a broken or huge one counts as 1).
 * @param {Element} cell
 * @param {string} name
 */
function span(cell, name) {
  const n = Number.parseInt(cell.getAttribute(name) ?? '1', 10);
  return Number.isFinite(n) && n >= 1 && n <= 1000 ? n : 1;
}

/**
 * The rows of `table`, its own cells only (a table inside a cell is that cell's text).
 * Excel's `colspan` with `mso-ignore:colspan` is text running over empty cells, not a merge.
 * @param {HTMLTableElement} table
 * @returns {Cell[][]}
 */
function rowsOf(table) {
  return Array.from(table.rows).map((row) =>
    Array.from(row.cells).flatMap((cell) => {
      const text = textOf(cell);
      const cols = span(cell, 'colspan');
      const rows = span(cell, 'rowspan');
      if (/mso-ignore:\s*colspan/i.test(cell.getAttribute('style') ?? '')) {
        return [{ text, cols: 1, rows }, ...Array.from({ length: cols - 1 }, () => ({ text: '', cols: 1, rows }))];
      }
      return [{ text, cols, rows }];
    }),
  );
}

/**
 * The lines of `doc` outside every table, each with whether it comes before `table`.
 * @param {Document} doc
 * @param {HTMLTableElement} table
 * @returns {{ before: Line[], after: Line[] }}
 */
function linesAround(doc, table) {
  /** @type {Line[]} */
  const before = [];
  /** @type {Line[]} */
  const after = [];
  for (const element of doc.body.querySelectorAll(LINES)) {
    // Only the innermost block outside any table is a line.
    if (element.closest('table') || element.querySelector(LINES)) continue;
    const text = textOf(element);
    if (text === '') continue;
    const line = { text, strong: isStrong(element) };
    const follows = table.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING;
    (follows ? after : before).push(line);
  }
  return { before, after };
}

/**
 * The grid of the largest table in pasted HTML; `null` when it holds no table.
 * @param {string} html
 * @returns {Grid | null}
 */
export function gridOf(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const tables = Array.from(doc.querySelectorAll('table')).filter((t) => !t.parentElement?.closest('table'));
  if (tables.length === 0) return null;
  const table = tables.reduce((a, b) =>
    b.querySelectorAll('td, th').length > a.querySelectorAll('td, th').length ? b : a,
  );
  return { ...linesAround(doc, table), rows: rowsOf(table) };
}

/**
 * {@link gridOf} as JSON text, for the wasm; `null` when the paste holds no table.
 * @param {string} html
 * @returns {string | null}
 */
export function gridJson(html) {
  const grid = gridOf(html);
  return grid && JSON.stringify(grid);
}
