// Builds the peer page into bench/surveyjs/dist/: the npm packages' own
// minified files beside the page and its model. Nothing of it ships in dist/.
import { mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const modules = join(here, 'node_modules');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const files = [
  [join(here, 'src', 'index.html'), 'index.html'],
  [join(here, 'src', 'app.js'), 'app.js'],
  [join(modules, 'survey-core', 'survey.core.min.js'), 'survey.core.min.js'],
  [join(modules, 'survey-core', 'survey-core.fontless.min.css'), 'survey-core.min.css'],
  [join(modules, 'survey-core', 'i18n', 'simplified-chinese.min.js'), 'survey.i18n.simplified-chinese.min.js'],
  [join(modules, 'survey-js-ui', 'survey-js-ui.min.js'), 'survey-js-ui.min.js'],
];
for (const [from, to] of files) copyFileSync(from, join(out, to));
