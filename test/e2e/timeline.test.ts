// A user opens a log and shows the timeline (Shift+Alt+T): a chart of entries over time with the
// error-level entries stacked on them. The bars are read back from the canvas's pixels and the
// hover's counts from its tip, both against the engine's command-line `histogram` (itself checked
// against a counting oracle in test/unit/time/). A click on a bar lands on the first line at or
// after the bucket's start (the generator's record says which line); a drag selects a time range
// that Find keeps to (its count equals the command line's `count --from --to`) shown as a chip
// that Escape removes. Photographed in Dark Modern, Light Modern and Dark High Contrast at 1400
// and 900 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { firstAtOrAfter, generateLog } from '../support/timeLogs';
import { waitForStatusBar } from './support/dialogs';
import { setColorTheme } from './support/editorView';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews } from './support/workbench';

const env = e2eEnvironment();
const browser = useBrowser();
const root = path.resolve(__dirname, '..', '..', '..');

const log = generateLog('iso-z', {
  lines: 12_000,
  startMs: Date.UTC(2026, 2, 1, 8, 0, 0),
  gapMs: 600,
  jitterBlock: 3,
  continuation: 0.08,
  header: 2,
  seed: 16,
  errorRate: 0.06,
});
const n = (x: number) => x.toLocaleString('en-US');

const THEMES = [
  ['Dark Modern', 'vs-dark', 'dark-modern'],
  ['Light Modern', 'vs', 'light'],
  ['Dark High Contrast', 'hc-black', 'dark-hc'],
] as const;

function engine(args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, [path.join(root, 'out', 'tools', 'engine-cli.js'), ...args], { encoding: 'utf8' });
  return JSON.parse(out) as Record<string, unknown>;
}

interface Geometry {
  plotLeft: number;
  plotTop: number;
  plotWidth: number;
  plotHeight: number;
  max: number;
  viewFrom: number;
  viewTo: number;
  origin: number;
  bucket: number;
  first: number;
  buckets: number;
}

/** The chart's plot and scale (the canvas's dataset), once `accept` likes them. */
function geometry(page: Page, accept: (g: Geometry) => boolean, what: string): Promise<{ frame: Frame; g: Geometry }> {
  return pollWebviews(
    page,
    async (frame) => {
      const ds = await frame.locator('.timeline-chart canvas').evaluate((c) => ({ ...(c as HTMLCanvasElement).dataset }), undefined, { timeout: 1000 });
      const g = Object.fromEntries(Object.entries(ds).map(([k, v]) => [k, Number(v)])) as unknown as Geometry;
      return { frame, g };
    },
    ({ g }) => g.buckets > 0 && accept(g),
    what,
  );
}

/** Which pixels of the column at x are painted, from the plot's bottom up: the bar's height in px. */
async function barHeight(frame: Frame, x: number, g: Geometry): Promise<number> {
  return frame.locator('.timeline-chart canvas').evaluate(
    (c, [px, top, height]) => {
      const canvas = c as HTMLCanvasElement;
      const dpr = canvas.width / canvas.clientWidth;
      const ctx = canvas.getContext('2d')!;
      const bottom = top + height;
      const column = ctx.getImageData(Math.floor(px * dpr), Math.floor(top * dpr), 1, Math.ceil(height * dpr)).data;
      let painted = 0;
      for (let y = Math.ceil(height * dpr) - 1; y >= 0; y--) {
        if (column[y * 4 + 3] < 128) break;
        painted++;
      }
      void bottom;
      return painted / dpr;
    },
    [x, g.plotTop, g.plotHeight] as const,
  );
}

/** The middle of bucket `k` (an absolute index) on the page's x axis, relative to the canvas. */
function bucketX(g: Geometry, k: number): number {
  const start = g.origin + k * g.bucket;
  const x0 = g.plotLeft + ((start - g.viewFrom) / (g.viewTo - g.viewFrom)) * g.plotWidth;
  const x1 = g.plotLeft + ((start + g.bucket - g.viewFrom) / (g.viewTo - g.viewFrom)) * g.plotWidth;
  return Math.floor((x0 + x1) / 2);
}

async function canvasBox(frame: Frame): Promise<{ x: number; y: number }> {
  const box = await frame.locator('.timeline-chart canvas').boundingBox();
  assert.ok(box, 'the canvas is on screen');
  return box;
}

test('the timeline: drawn as the command line counts, hover counts, click goes there, a drag restricts Find; three themes at 1400 and 900 px', async () => {
  const dir = testFolder(env, 'timeline');
  const file = path.join(dir, 'service.log');
  writeFileSync(file, log.bytes);
  await withWorkbench(env, browser(), 'timeline', dir, async (page) => {
    await page.setViewportSize({ width: 1400, height: 800 });
    await explorerContextMenu(page, 'service.log', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').first().click().then(() => true), () => true, 'the hex rows');
    await page.keyboard.press('Control+Alt+h');
    await pollWebviews(page, (f) => f.locator('.text-view:not([hidden]) .row .text').first().textContent({ timeout: 1000 }), (t) => !!t?.startsWith('# log opened'), 'the text view');

    // Shift+Alt+T shows the panel; it fills in and says what it counted.
    await page.keyboard.press('Shift+Alt+t');
    const status = await pollWebviews(page, (f) => f.locator('.timeline-status').textContent({ timeout: 1000 }), (t) => /entries/.test(t ?? ''), 'the timeline done');
    const { frame, g } = await geometry(page, () => true, 'the chart drawn');
    const bucketSeconds = g.bucket / 1e6;
    const cli = engine(['histogram', '--errors', '--bucket', String(bucketSeconds), file]) as { buckets: { start: string; count: number; matches: number }[]; entries: number; matched: number };
    assert.match(status ?? '', new RegExp(`^${n(cli.entries)} entries, ${n(cli.matched)} at error level`), 'the totals are the command line\'s');
    const byStart = new Map(cli.buckets.map((b) => [Date.parse(b.start) * 1000, b]));
    const countOf = (k: number) => byStart.get(g.origin + k * g.bucket) ?? { count: 0, matches: 0 };
    const max = Math.max(...cli.buckets.map((b) => b.count));
    assert.equal(g.max, max, 'the scale is the busiest bucket');
    assert.equal(g.buckets, cli.buckets.length, 'one bar per bucket of the command line');

    // Bars: every tenth bucket's height in pixels is its count on the scale (±1.5 px of rounding).
    const firstK = g.first;
    for (let k = firstK; k < firstK + g.buckets; k += Math.max(1, Math.floor(g.buckets / 25))) {
      const expected = (countOf(k).count / max) * g.plotHeight;
      const seen = await barHeight(frame, bucketX(g, k), g);
      assert.ok(Math.abs(seen - expected) <= 1.5, `bucket ${new Date((g.origin + k * g.bucket) / 1000).toISOString()}: ${countOf(k).count} entries → ${expected.toFixed(1)} px, drawn ${seen} px`);
    }
    // The axis labels are the file's clock (UTC here) at each tick.
    const ticks = await frame.locator('.timeline-axis .tick').evaluateAll((els) => els.map((e) => [e.textContent ?? '', Number((e as HTMLElement).dataset.time)] as const));
    assert.ok(ticks.length >= 4, `some ticks: ${JSON.stringify(ticks)}`);
    for (const [label, time] of ticks) {
      const hhmm = new Date(time / 1000).toISOString().slice(11, 16);
      assert.ok(label.endsWith(hhmm), `the tick at ${new Date(time / 1000).toISOString()} reads ${label}`);
    }

    // Hover on the busiest bucket: its start and counts.
    const busiest = cli.buckets.find((b) => b.count === max)!;
    const kBusiest = (Date.parse(busiest.start) * 1000 - g.origin) / g.bucket;
    const box = await canvasBox(frame);
    await page.mouse.move(box.x + bucketX(g, kBusiest), box.y + g.plotTop + g.plotHeight - 2);
    const tip = await pollWebviews(page, (f) => f.locator('.timeline-tip').textContent({ timeout: 1000 }), (t) => !!t && t.includes('entries'), 'the hover tip');
    assert.match(tip ?? '', new RegExp(`^${busiest.start.slice(0, 10)} ${busiest.start.slice(11, 19)} .*· ${n(busiest.count)} entries · ${n(busiest.matches)} at error level`));
    await page.screenshot({ path: path.join(env.screenshots, 'timeline-1-hover.png') });

    // Zoom in (+ on the focused chart, three times): a smaller bucket over just the visible span,
    // counted again by the engine, with bars wide enough to aim at.
    await frame.locator('.timeline-chart canvas').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('+');
    const zoomed = await geometry(page, (z) => z.bucket < g.bucket && z.viewTo - z.viewFrom < (g.viewTo - g.viewFrom) / 4, 'the zoomed chart');
    const z = zoomed.g;
    await pollWebviews(page, (f) => f.locator('.timeline-status').textContent({ timeout: 1000 }), (t) => /entries/.test(t ?? ''), 'the zoomed timeline done');
    assert.ok(z.plotWidth / ((z.viewTo - z.viewFrom) / z.bucket) >= 4, 'bars of 4 px or more');
    const zoomedCli = engine(['histogram', '--errors', '--bucket', String(z.bucket / 1e6), file]) as { buckets: { start: string; count: number }[] };
    const zoomedCount = new Map(zoomedCli.buckets.map((b) => [Date.parse(b.start) * 1000, b.count]));
    const zFirst = Math.ceil((z.viewFrom - z.origin) / z.bucket);
    const zLast = Math.floor((z.viewTo - z.origin) / z.bucket) - 1;
    for (let k = zFirst + 1; k < zLast; k += 3) {
      const count = zoomedCount.get(z.origin + k * z.bucket) ?? 0;
      const seen = await barHeight(zoomed.frame, bucketX(z, k), z);
      assert.ok(Math.abs(seen - (count / z.max) * z.plotHeight) <= 1.5, `zoomed bucket ${k}: ${count} entries, drawn ${seen} px`);
    }

    // A click on a bar goes to the first line at or after its start.
    const kClick = zFirst + Math.floor((zLast - zFirst) * 0.6);
    const clickStart = z.origin + kClick * z.bucket;
    const expectedLine = firstAtOrAfter(log.lines, clickStart)!;
    await page.mouse.click(box.x + bucketX(z, kClick), box.y + z.plotTop + z.plotHeight - 2);
    await waitForStatusBar(page, new RegExp(`Offset ${n(expectedLine)} \\(`));

    // A drag across buckets: the range on their edges restricts Find.
    const kFrom = zFirst + Math.floor((zLast - zFirst) * 0.2);
    const kTo = zFirst + Math.floor((zLast - zFirst) * 0.5);
    await page.mouse.move(box.x + bucketX(z, kFrom), box.y + z.plotTop + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + bucketX(z, kFrom) + 30, box.y + z.plotTop + 20, { steps: 3 });
    await page.mouse.move(box.x + bucketX(z, kTo), box.y + z.plotTop + 20, { steps: 5 });
    await page.mouse.up();
    const from = new Date((z.origin + kFrom * z.bucket) / 1000).toISOString();
    const to = new Date((z.origin + (kTo + 1) * z.bucket) / 1000).toISOString();
    const chip = await pollWebviews(page, (f) => f.locator('.time-range-chip:not([hidden])').textContent({ timeout: 1000 }), (t) => !!t, 'the time range chip');
    assert.equal(chip, `${from.slice(0, 10)} ${from.slice(11, 19)} – ${to.slice(11, 19)}`, 'the chip says the range');
    const inRange = engine(['count', '--from', from, '--to', to, 'ERROR', file]) as { count: number };
    const whole = engine(['count', 'ERROR', file]) as { count: number };
    assert.ok(inRange.count > 0 && inRange.count < whole.count, `the range holds some of the matches: ${inRange.count} of ${whole.count}`);
    await page.keyboard.press('Control+f');
    await page.keyboard.type('ERROR');
    await pollWebviews(page, (f) => f.locator('.find-count').textContent({ timeout: 1000 }), (t) => new RegExp(`of ${n(inRange.count)}$|^${n(inRange.count)} results$`).test(t ?? ''), `Find counting ${inRange.count} in the range`);
    await page.screenshot({ path: path.join(env.screenshots, 'timeline-2-range.png') });

    // Escape closes Find, the next one lifts the range, and Find counts the whole file again.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await pollWebviews(page, (f) => f.locator('.time-range-chip').isHidden(), (h) => h, 'the chip gone');
    await page.keyboard.press('Control+f');
    await pollWebviews(page, (f) => f.locator('.find-count').textContent({ timeout: 1000 }), (t) => new RegExp(`of ${n(whole.count)}$|^${n(whole.count)} results$`).test(t ?? ''), `Find counting all ${whole.count}`);
    await page.keyboard.press('Escape');

    // 0 on the chart: the whole file again. Themes and widths, with a range shown.
    await frame.locator('.timeline-chart canvas').focus();
    await page.keyboard.press('0');
    await geometry(page, (x) => x.bucket === g.bucket && x.viewTo - x.viewFrom === g.viewTo - g.viewFrom, 'the whole file again');
    const wFrom = firstK + Math.floor(g.buckets * 0.3);
    const wTo = firstK + Math.floor(g.buckets * 0.45);
    await page.mouse.move(box.x + bucketX(g, wFrom), box.y + g.plotTop + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + bucketX(g, wTo), box.y + g.plotTop + 20, { steps: 6 });
    await page.mouse.up();
    await pollWebviews(page, (f) => f.locator('.time-range-chip:not([hidden])').count(), (c) => c === 1, 'the chip again');
    for (const [theme, kind, name] of THEMES) {
      await setColorTheme(page, theme, kind);
      for (const width of [1400, 900]) {
        await page.setViewportSize({ width, height: 800 });
        await page.waitForTimeout(500);
        const shown = await geometry(page, () => true, `the chart at ${width} px`);
        const b = await canvasBox(shown.frame);
        await page.mouse.move(b.x + shown.g.plotLeft + shown.g.plotWidth * 0.7, b.y + shown.g.plotTop + shown.g.plotHeight - 2);
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(env.screenshots, `timeline-${name}-${width}.png`) });
      }
    }
    await setColorTheme(page, 'Light Modern', 'vs');
  });
});
