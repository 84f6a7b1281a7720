// Filtered-view benchmark: the packaged extension in a real VS Code (code-server 1.100 in
// headless Chromium) on the 10 GB log.
//   node bench/filterView.mjs [--runs 5] [--json results/filter-view.json] [--expression ERROR]
// Each run, in one workbench window, timed from the user's input to what the webview's DOM shows:
//   - the expression typed in the filtered view, Enter → the first filtered row on screen (target
//     < 100 ms: the engine streams lines as it scans, the first page is sent unasked);
//   - the final count, against the engine's own filter of the same expression in the same run
//     (`npm run engine -- filter`, no UI: the yardstick for what the UI adds);
//   - wheel-scrolling the filtered list for 5 s → animation-frame times in the webview (p95
//     target < 20 ms), and how far it got.
// A warm-up run (not counted) comes first. Medians with min–max; JSON with every sample.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/lib/chromium.mjs';
import { openInLargeFileEditor, scroll } from './lib/scenarios.mjs';
import { printTable, summarize } from './lib/stats.mjs';
import { benchCodeServer, benchLogs, packagedExtension, withBenchPage } from './lib/benchSetup.mjs';
import { option } from './lib/options.mjs';
import { closeAllEditors, KEYS, waitForProbe, watch, webviewFrames } from './lib/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Math.max(1, Number(option('runs', 5)));
const jsonOut = path.resolve(root, option('json', path.join('results', 'filter-view.json')));
const expression = option('expression', 'ERROR');
const SCROLL_MS = 5000;
const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const vsix = await packagedExtension(root, log);
const { big, peer } = await benchLogs(root, log);

/** The engine's own count of the expression (the CLI door), in ms and lines. */
function engineFilter() {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'out', 'tools', 'engine-cli.js'), 'filter', '--ignore-case', expression, big], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`engine filter failed: ${r.stderr}`);
  return { ms, lines: JSON.parse(r.stdout).lines };
}

const { scratch, workspace, server } = await benchCodeServer('filter-view-bench', vsix, { big, peer }, log);
const browser = await launchChromium();

/** @type {Record<string, number[]>} */
const samples = {};
const add = (key, value) => (samples[key] ??= []).push(value);
const records = [];
const screenshots = path.join(root, 'screenshots');
mkdirSync(screenshots, { recursive: true });

/**
 * One run: open the 10 GB log, open the filtered view, Enter → first row and final count, scroll.
 * @param {import('playwright-core').Page} page
 */
async function once(page) {
  const open = await openInLargeFileEditor(page, KEYS.openBig);
  const frame = open.frame;
  await page.keyboard.press('Control+Alt+f');
  const input = frame.locator('.filter-pane:not([hidden]) .filter-input');
  await input.waitFor({ state: 'visible' });
  await input.evaluate((el, text) => {
    /** @type {HTMLInputElement} */ (el).value = text;
  }, expression);
  await input.focus();
  await watch(page, 'filterFirstRow', 'webview', 'text', { selector: '.filter-list .vrow:not([hidden]) .gutter', pattern: '^\\d+:$' });
  await watch(page, 'filterDone', 'webview', 'text', { selector: '.filter-count', pattern: '^[\\d,]+ lines$' });
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  const first = await waitForProbe(page, 'filterFirstRow', 'the first filtered row');
  const done = await waitForProbe(page, 'filterDone', 'the final count', 10 * 60_000);
  const lines = Number(done.text.replace(/[^\d]/g, ''));

  // Scroll the filtered list (the pointer over it) while the webview records its frames.
  // (Playwright gives a box inside a frame in the page's coordinates.)
  const list = await frame.locator('.filter-list .vlist-rows').boundingBox();
  if (!list) throw new Error('no filtered list to scroll');
  const sc = await scroll(page, SCROLL_MS, {
    x: list.x + list.width / 2,
    y: list.y + list.height / 2,
    top: async () => (await frame.locator('.filter-pane').getAttribute('data-top')) ?? '',
  });
  return { firstRowMs: first.at - t0, firstRowFrameMs: (first.frameAt ?? first.at) - t0, doneMs: done.at - t0, lines, ...sc };
}

await withBenchPage({ browser, server, scratch, workspace }, { name: 'filter-view-bench', screenshots, root, describe: (page) => ` (webviews: ${page ? webviewFrames(page).length : 0})` }, async (page) => {
  log('Warm-up run (not counted)…');
  const warm = await once(page);
  log(`  warm-up: first row ${warm.firstRowMs} ms, ${warm.lines.toLocaleString('en-US')} lines in ${warm.doneMs} ms`);
  await closeAllEditors(page);
  for (let run = 1; run <= runs; run++) {
    await page.waitForTimeout(1000);
    const r = await once(page);
    if (run === 1) await page.screenshot({ path: path.join(screenshots, 'filter-view-bench.png') });
    await closeAllEditors(page);
    const engine = engineFilter();
    add('firstRow', r.firstRowMs);
    add('firstRowPainted', r.firstRowFrameMs);
    add('done', r.doneMs);
    add('engine', engine.ms);
    add('scrollP50', r.p50);
    add('scrollP95', r.p95);
    add('scrollDropped', r.dropped);
    records.push({ run, ...r, engine });
    log(`Run ${run}/${runs}: first row ${r.firstRowMs} ms (painted ${r.firstRowFrameMs} ms); ${r.lines.toLocaleString('en-US')} lines in ${r.doneMs} ms (engine CLI ${engine.lines.toLocaleString('en-US')} in ${engine.ms.toFixed(0)} ms); scroll p95 ${r.p95.toFixed(1)} ms, ${r.dropped} dropped, rows ${r.topBefore} → ${r.topAfter}`);
    if (r.lines !== engine.lines) throw new Error(`COUNTS DIFFER: filtered view ${r.lines}, engine ${engine.lines}`);
  }
});

const s = (key) => summarize(samples[key] ?? []);
const ms = (x) => `${Math.round(x)} ms`;
const fms = (x) => `${x.toFixed(1)} ms`;
const doneRatio = summarize((samples.done ?? []).map((t, i) => t / samples.engine[i]));
const rows = [
  { name: `filter "${expression}", Enter → first row on screen`, key: 'firstRow', format: ms, target: '< 100 ms', pass: (m) => m < 100 },
  { name: '  … and painted (the next animation frame)', key: 'firstRowPainted', format: ms },
  { name: `filter "${expression}" → final count in the pane`, key: 'done', format: ms, peer: `engine CLI ${ms(s('engine').median)} (${doneRatio.median.toFixed(2)}×)`, target: '≤ 1.5× engine', pass: () => doneRatio.median <= 1.5 },
  { name: 'scroll the filtered view 5 s: frame p50', key: 'scrollP50', format: fms },
  { name: 'scroll the filtered view 5 s: frame p95', key: 'scrollP95', format: fms, target: '< 20 ms', pass: (m) => m < 20 },
  { name: '  dropped frames (> 25 ms)', key: 'scrollDropped', format: (x) => `${x}` },
];
const table = rows.map((r) => {
  const sum = s(r.key);
  return [r.name, r.format(sum.median), `${r.format(sum.min)}–${r.format(sum.max)}`, r.peer ?? '', r.target ?? '', r.pass ? (r.pass(sum.median) ? 'pass' : 'MISS') : ''];
});
console.log(`\nFiltered view — 10 GB log, VS Code 1.100 (code-server) in headless Chromium, median of ${runs} runs, ${os.cpus().length} cores\n`);
printTable(['measure', 'median', 'min–max', 'peer / yardstick', 'target', ''], table);
mkdirSync(path.dirname(jsonOut), { recursive: true });
writeFileSync(
  jsonOut,
  JSON.stringify({ date: new Date().toISOString(), expression, runs, summary: Object.fromEntries(rows.map((r) => [r.key, { name: r.name, ...s(r.key), target: r.target, pass: r.pass?.(s(r.key).median) }])), ratios: { doneVsEngine: doneRatio }, samples, runsDetail: records }, null, 2) + '\n',
);
console.log(`Wrote ${path.relative(root, jsonOut)}`);
