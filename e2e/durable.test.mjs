// 已保存 means it survives a crash: Chromium on its own profile, a form filled
// a step every 50 ms (the 申报表's 活动名称 a character at a time, the
// 统计表's rows, a 汇总's units and files), then the whole browser killed
// (SIGKILL of its process group: no pagehide, no flush, as a power cut or a
// phone's OS ending the app) at several delays after the last step, and
// started again on the same profile. Every step shown as saved is there, what
// came back is the form as it was after some step, and at most the last half
// second is lost; what was kept is reported per delay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { useApp, startKillable, waitForText, newContext, openApp, seedStorage } from './app.mjs';

const app = useApp();
const LOSS_AT_MOST_MS = 500;

/**
 * One edit as a user makes it, and whether its effect is on the page.
 * @typedef {{ make: (page: import('playwright-core').Page) => Promise<void>, shown: (page: import('playwright-core').Page) => Promise<boolean> }} Step
 */

const label = (page, form, name) => page.locator(`#page-${form}`).getByLabel(name, { exact: true });

/** Whether the field labelled `name` exists and holds `value`. */
async function holds(page, form, name, value) {
  const field = label(page, form, name);
  return (await field.count()) === 1 && (await field.inputValue()) === value;
}

/** A field filled with `value`. @returns {Step} */
const fill = (form, name, value) => ({
  make: (page) => label(page, form, name).fill(value),
  shown: (page) => holds(page, form, name, value),
});

const TEXT = '二〇二四年柳州市科普进社区暨全国科普日主题宣传活动';

/** 活动名称 typed a character at a time (a committed input each, as an IME gives). */
const shenbao = [...TEXT].map((_, i) => ({
  make: (page) => label(page, 'shenbao', '活动名称').fill(TEXT.slice(0, i + 1)),
  shown: async (page) => (await label(page, 'shenbao', '活动名称').inputValue()).startsWith(TEXT.slice(0, i + 1)),
}));

/** The 统计表's header, then three rows added and filled. */
const tongji = [
  fill('tongji', '填报单位', '柳城县科协'),
  ...[1, 2, 3].flatMap((n) => [
    {
      make: (page) => page.locator('#page-tongji').getByRole('button', { name: '添加活动' }).click(),
      shown: async (page) => (await label(page, 'tongji', `活动内容 第${n}行`).count()) === 1,
    },
    fill('tongji', `活动内容 第${n}行`, `科普进校园第${n}场`),
    fill('tongji', `活动地点 第${n}行`, `大埔镇第${n}中学`),
    fill('tongji', `参与人数 第${n}行`, String(100 + n)),
  ]),
];

/** A unit's April 活动统计表 as the page exports it. */
const sheet = (unit, people) =>
  '\uFEFF' +
  [
    `填报单位,${unit}`,
    '统计月份,2024-04',
    '填报人,陈琰琰',
    '联系电话,13877246160',
    '填报日期,2024-04-28',
    '品牌名,',
    '活动内容,活动形式（线上/线下）,活动地点,活动时间,参与人数,发放科普宣传资料数量,宣传展板数量,媒体报道篇数,备注',
    `科普进校园,线下,大埔镇中学,2024-04-03,${people},300,4,1,`,
    `合计,共1项（线上0项，线下1项）,,,${people},300,4,1,`,
    '',
  ].join('\r\n');

const UNITS = [
  ['柳城县科协', 120],
  ['鹿寨县科协', 80],
];

/** A 汇总 built: its unit, the units due, then each unit's file chosen. */
const huizong = (dir) => [
  fill('huizong', '汇总单位', '柳州市科协'),
  fill('huizong', '应报单位', UNITS.map(([unit]) => unit).join('\n')),
  ...UNITS.map(([unit, people]) => {
    const name = `${unit}_活动统计表_202404.csv`;
    return {
      make: async (page) => {
        const path = join(dir, name);
        await writeFile(path, sheet(unit, people));
        await label(page, 'huizong', '选择文件').setInputFiles(path);
        await page
          .locator('#page-huizong')
          .getByRole('button', { name: `移除“${name}”` })
          .waitFor();
      },
      shown: async (page) =>
        (await page
          .locator('#page-huizong')
          .getByRole('button', { name: `移除“${name}”` })
          .count()) === 1,
    };
  }),
];

/** Makes `steps` a step every 50 ms; the time each was made. */
async function make(page, steps) {
  const at = [];
  for (const step of steps) {
    await step.make(page);
    at.push(Date.now());
    // The pace of a user, which the test is about: not a wait for the page.
    await delay(50);
  }
  return at;
}

/** How many of `steps` came back: the first so many shown, and none after them. */
async function keptOf(page, steps) {
  const shown = [];
  for (const step of steps) shown.push(await step.shown(page));
  const kept = shown.indexOf(false) === -1 ? steps.length : shown.indexOf(false);
  assert.deepEqual(shown.slice(kept), Array(steps.length - kept).fill(false), 'the form as it was after some step');
  return kept;
}

const FORMS = [
  { form: 'shenbao', what: "the 申报表's 活动名称", steps: () => shenbao, delays: ['已保存', 0, 300, 700, 1500] },
  { form: 'tongji', what: "the 统计表's rows", steps: () => tongji, delays: ['已保存', 0, 700] },
  { form: 'huizong', what: 'a 汇总 being built', steps: huizong, delays: ['已保存', 0] },
];

for (const { form, what, steps: stepsIn, delays } of FORMS) {
  for (const after of delays) {
    const when = after === '已保存' ? 'as soon as 已保存 shows' : `${after} ms after the last step`;
    test(`${what}, killed ${when}: nothing shown as saved is lost`, async (t) => {
      const profile = await mkdtemp(join(tmpdir(), 'kepu-kill-'));
      try {
        const steps = stepsIn(profile);
        let chrome = await startKillable(profile);
        let page = await chrome.open(`${app.server.url}#${form}`);
        const madeAt = await make(page, steps);
        if (after === '已保存') {
          await waitForText(page.locator(`#page-${form} .save-status`), '已保存');
        } else {
          // The moment of the crash, which the test is about.
          await delay(Math.max(0, after - 50));
        }
        const killedAt = Date.now();
        await chrome.kill();

        chrome = await startKillable(profile);
        page = await chrome.open(`${app.server.url}#${form}`);
        const kept = await keptOf(page, steps);
        await chrome.kill();
        const lostFor = kept === steps.length ? 0 : killedAt - madeAt[kept];
        t.diagnostic(`kept ${kept} of ${steps.length} steps; lost the last ${lostFor} ms`);
        if (after === '已保存') assert.equal(kept, steps.length, 'shown as saved, kept');
        const mustHave = madeAt.filter((time) => time < killedAt - LOSS_AT_MOST_MS).length;
        assert.ok(kept >= mustHave, `made over ${LOSS_AT_MOST_MS} ms before the crash: ${mustHave}, kept ${kept}`);
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    });
  }
}

test('drafts of an earlier release, only in localStorage, are copied over on the first start and come back from there', async () => {
  const envelope = (form) => JSON.stringify({ format: 2, app: '0.1.0', saved_at: '2024-04-01T08:00:00', form });
  const seeded = {
    'kepu-forms:shenbao:draft:1': envelope({ community: '河东社区', budget: '500元' }),
    'kepu-forms:tongji:draft:1': envelope({ unit: '柳城县科协', month: '2024-04', rows: [] }),
  };
  const context = await newContext(app.browser);
  await seedStorage(context, seeded);
  const page = await openApp(context, app.server.url);
  assert.equal(await page.locator('#page-shenbao').getByLabel('社区名称', { exact: true }).inputValue(), '河东社区');
  // Every draft key localStorage held is in IndexedDB, as it was.
  const durable = () =>
    new Promise((resolve, reject) => {
      const open = indexedDB.open('kepu-forms');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('drafts', 'readonly');
        const keys = tx.objectStore('drafts').getAllKeys();
        const texts = tx.objectStore('drafts').getAll();
        tx.oncomplete = () => {
          open.result.close();
          resolve(Object.fromEntries(keys.result.map((k, i) => [k, texts.result[i]])));
        };
      };
    });
  await page.waitForFunction(
    async ([read, keys]) => {
      const kept = await new Function(`return (${read})()`)();
      return keys.every((k) => kept[k] === localStorage.getItem(k));
    },
    [durable.toString(), Object.keys(seeded)],
  );
  const kept = await page.evaluate((read) => new Function(`return (${read})()`)(), durable.toString());
  assert.equal(kept['kepu-forms:tongji:draft:1'], seeded['kepu-forms:tongji:draft:1']);

  // localStorage loses them (a crash before its file was written): they come back from IndexedDB.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: '检查' }).first().waitFor();
  assert.equal(await page.locator('#page-shenbao').getByLabel('社区名称', { exact: true }).inputValue(), '河东社区');
  assert.equal(
    await page.evaluate(() => localStorage.getItem('kepu-forms:tongji:draft:1')),
    seeded['kepu-forms:tongji:draft:1'],
  );
  assert.deepEqual(page.errors, []);
  await context.close();
});
