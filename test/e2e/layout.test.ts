// Layout and themes as a user sees them at 1400, 900 and 600 px: the find widget (with its
// replace row) covers neither the toolbar nor the hex view's inspector (its header and
// endianness toggle) and stays inside the editor, its pattern box shrinking; the toolbar is one
// row (what does not fit is in its "…" menu, and reachable there); pressed toggles differ from
// unpressed ones in every theme, Dark and Light High Contrast included (computed border colours);
// the text view's gutter is as wide as its line numbers. Screenshots in Dark Modern, Light
// Modern and Dark High Contrast at 1400 and 900 px go to screenshots/layout-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews } from './support/workbench';
import { clickRow, setColorTheme, textRows } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

const LOG = Array.from({ length: 3000 }, (_, i) => `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z ERROR request ${i} failed, will retry\n`).join('');

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Layout {
  frameWidth: number;
  find: Box | null;
  findScrolls: boolean;
  findInputWidth: number;
  toolbar: Box;
  toolbarChildRows: number;
  overflowShown: boolean;
  inspector: Box | null;
}

/** Where the webview's parts are (in the webview's own coordinates). */
function layoutOf(page: Page): Promise<Layout> {
  return pollWebviews(
    page,
    (f) =>
      f.evaluate(() => {
        const box = (el: Element | null): Box | null => {
          if (!el || !(el as HTMLElement).offsetParent) return null;
          const r = el.getBoundingClientRect();
          return r.width === 0 ? null : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        };
        const toolbar = document.querySelector('.toolbar') as HTMLElement;
        // One row: the toolbar is no taller than its tallest item and its padding.
        const items = [...toolbar.children]
          .filter((c) => (c as HTMLElement).offsetParent && !c.classList.contains('toolbar-overflow') && c.getBoundingClientRect().width > 0)
          .map((c) => c.getBoundingClientRect().height);
        const rowCount = toolbar.getBoundingClientRect().height > Math.max(...items) + 12 ? 2 : 1;
        const find = document.querySelector<HTMLElement>('.find-widget:not([hidden])');
        return {
          frameWidth: document.documentElement.clientWidth,
          find: box(find),
          findScrolls: !!find && find.scrollWidth > find.clientWidth + 1,
          findInputWidth: document.querySelector<HTMLElement>('.find-widget .find-input')?.offsetWidth ?? 0,
          toolbar: box(toolbar)!,
          toolbarChildRows: rowCount,
          overflowShown: !!box(document.querySelector('.toolbar .overflow-button')),
          inspector: box(document.querySelector('.hex-view:not([hidden]) .inspector')),
        };
      }),
    (l) => l.find !== null,
    'the find widget',
  );
}

const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Border colours of the toolbar's pressed and unpressed toggles (the view switch) and the find widget's. */
function toggleColours(page: Page): Promise<{ pressed: string; unpressed: string; findPressed: string; findUnpressed: string }> {
  return pollWebviews(
    page,
    (f) =>
      f.evaluate(() => {
        const colour = (sel: string) => {
          const el = document.querySelector(sel);
          return el ? getComputedStyle(el).borderTopColor : '';
        };
        return {
          pressed: colour('.toolbar button[data-view][aria-pressed="true"]'),
          unpressed: colour('.toolbar button[data-view][aria-pressed="false"]'),
          findPressed: colour('.find-widget button.toggle[aria-pressed="true"]'),
          findUnpressed: colour('.find-widget button.toggle[aria-pressed="false"]'),
        };
      }),
    (c) => c.pressed !== '' && c.unpressed !== '' && c.findPressed !== '',
    'the toggles',
  );
}

const THEMES = [
  ['Dark Modern', 'vs-dark', 'dark-modern'],
  ['Light Modern', 'vs', 'light'],
  ['Dark High Contrast', 'hc-black', 'dark-hc'],
  ['Light High Contrast', 'hc-light', 'light-hc'],
] as const;

test('find widget, toolbar and toggles fit and show their state at 1400, 900 and 600 px, in four themes', async () => {
  const dir = testFolder(env, 'layout');
  writeFileSync(path.join(dir, 'errors.log'), LOG);
  await withWorkbench(env, browser(), 'layout', dir, async (page) => {
    await page.setViewportSize({ width: 1400, height: 800 });
    await explorerContextMenu(page, 'errors.log', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view:not([hidden]) .row').count(), (n) => n > 0, 'the hex rows');
    await clickRow(page, 'hex', 2);
    await page.keyboard.press('Control+h');
    await page.keyboard.type('ERROR');
    // One toggle pressed (match case), the others not.
    await page.keyboard.press('Alt+c');
    await pollWebviews(page, (f) => f.locator('.find-widget button.toggle[aria-pressed="true"]').count(), (n) => n === 1, 'match case pressed');

    for (const [theme, kind, name] of THEMES) {
      await setColorTheme(page, theme, kind);
      const c = await toggleColours(page);
      assert.notEqual(c.pressed, c.unpressed, `${theme}: a pressed view button's border differs from an unpressed one's`);
      assert.notEqual(c.findPressed, c.findUnpressed, `${theme}: a pressed find toggle's border differs from an unpressed one's`);
      for (const width of [1400, 900, 600]) {
        await page.setViewportSize({ width, height: 800 });
        await page.waitForTimeout(500);
        const l = await layoutOf(page);
        const find = l.find!;
        assert.ok(!intersects(find, l.toolbar), `${theme} ${width}: the find widget covers the toolbar`);
        if (l.inspector) assert.ok(!intersects(find, l.inspector), `${theme} ${width}: the find widget covers the inspector`);
        assert.ok(find.left >= 0 && find.right <= l.frameWidth, `${theme} ${width}: the find widget overflows (${find.left}..${find.right} of ${l.frameWidth})`);
        assert.ok(!l.findScrolls, `${theme} ${width}: the find widget's content is cut`);
        assert.ok(l.findInputWidth >= 24, `${theme} ${width}: the pattern box is ${l.findInputWidth} px`);
        assert.equal(l.toolbarChildRows, 1, `${theme} ${width}: the toolbar is on one row`);
        if (width === 1400) assert.ok(!l.overflowShown, `${theme} 1400: nothing needs the "…" menu`);
        if (name !== 'light-hc' && width !== 600) await page.screenshot({ path: path.join(env.screenshots, `layout-hex-find-${name}-${width}.png`) });
      }
      await page.setViewportSize({ width: 1400, height: 800 });
    }
    await setColorTheme(page, 'Dark Modern', 'vs-dark');
  });
});

test('the toolbar\'s "…" menu holds what does not fit, and it works from there; the gutter is as wide as the line numbers', async () => {
  const dir = testFolder(env, 'layout-overflow');
  writeFileSync(path.join(dir, 'short.log'), Array.from({ length: 50 }, (_, i) => `line ${i + 1}\n`).join(''));
  await withWorkbench(env, browser(), 'layout-overflow', dir, async (page) => {
    await page.setViewportSize({ width: 900, height: 800 });
    await explorerContextMenu(page, 'short.log', 'Open in Large File Editor');
    await pollWebviews(page, (f) => f.locator('.hex-view:not([hidden]) .row').count(), (n) => n > 0, 'the hex rows');
    // Narrow enough that the "…" menu is needed.
    await page.setViewportSize({ width: 700, height: 800 });
    await pollWebviews(page, (f) => f.locator('.toolbar .overflow-button:not([hidden])').count(), (n) => n === 1, 'the "…" button');
    await pollWebviews(page, (f) => f.locator('.toolbar .overflow-button').click().then(() => true), () => true, 'a click on "…"');
    const inMenu = await pollWebviews(
      page,
      (f) => f.locator('.toolbar-overflow:not([hidden]) > *').evaluateAll((els) => els.map((e) => e.className || e.tagName)),
      (names) => names.length > 0,
      'the menu',
    );
    await page.screenshot({ path: path.join(env.screenshots, 'layout-toolbar-overflow-700.png') });
    assert.ok(inMenu.length > 0);
    await page.setViewportSize({ width: 1400, height: 800 });
    await pollWebviews(page, (f) => f.locator('.toolbar .overflow-button:not([hidden])').count(), (n) => n === 0, 'no "…" at 1400 px');

    // The gutter: 50 lines need 3 characters (its minimum), not the 10 it used to take.
    await pollWebviews(page, (f) => f.locator('.toolbar button[data-view="text"]').click().then(() => true), () => true, 'the Text button');
    await textRows(page, (r) => r[0]?.[0].trim() === '1', 'numbered lines');
    const [gutter, ch] = await pollWebviews(
      page,
      (f) =>
        f.locator('.text-view:not([hidden]) .row .gutter').first().evaluate((g) => {
          const probe = document.createElement('span');
          probe.textContent = '0'.repeat(10);
          g.parentElement!.appendChild(probe);
          const w = probe.getBoundingClientRect().width / 10;
          probe.remove();
          const style = getComputedStyle(g);
          return [g.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight), w] as [number, number];
        }),
      () => true,
      'the gutter',
    );
    assert.ok(gutter <= 3 * ch + 1, `the gutter of 50 lines is ${gutter} px, ${(gutter / ch).toFixed(1)} characters`);
  });
});
