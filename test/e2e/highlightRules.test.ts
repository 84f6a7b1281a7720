// Highlight rules in the text view, in three themes: the log levels, timestamps, GUIDs, IPs,
// URLs, strings, keys and numbers drawn in the theme's colours — asserted from computed styles
// (a colour other than the text's, readable on the editor's background: contrast ≥ 3:1) — a
// user rule from the settings winning over the built-in ones, and the toggle turning them off.
// Photographed with the filtered view open, in Dark Modern, Light Modern and Dark High Contrast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { pollWebviews } from './support/workbench';
import { runExactCommand } from './support/dialogs';
import { changeUserSettings, clickRow, openInTextView, setColorTheme } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

const THEMES = [
  ['Dark Modern', 'vs-dark', 'dark-modern'],
  ['Light Modern', 'vs', 'light'],
  ['Dark High Contrast', 'hc-black', 'dark-hc'],
] as const;

const LEVELS = ['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];

function writeLog(file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const level = LEVELS[i % LEVELS.length];
    lines.push(
      `2026-03-01T10:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z ${level.padEnd(5)} worker-${i % 4} https://example.com/r/${i} req=${7000 + i} from 10.0.${i % 255}.7 "GET" ${i % 900}ms id=7f3c2a10-9b1e-4c2d-8e4f-${String(i).padStart(12, '0')}`,
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

interface Styled {
  readonly text: string;
  readonly cls: string;
  readonly color: string;
  /** Colour, style, weight and decoration. */
  readonly look: string;
}

/** The coloured spans of the text view's visible rows, the plain text's colour and the background. */
function styles(page: Page, accept: (s: { spans: Styled[]; plain: string; plainLook: string; background: string }) => boolean, what: string) {
  return pollWebviews(
    page,
    (f) =>
      f.locator('.text-view:not([hidden]) .rows').evaluate((rows) => {
        const spans = [...rows.querySelectorAll('.row:not([hidden]) .text span[class*="hlr-"]')].map((s) => ({
          text: s.textContent ?? '',
          cls: [...s.classList].find((c) => c.startsWith('hlr-')) ?? '',
          color: getComputedStyle(s).color,
          look: `${getComputedStyle(s).color} ${getComputedStyle(s).fontStyle} ${getComputedStyle(s).fontWeight} ${getComputedStyle(s).textDecorationLine}`,
        }));
        const text = rows.querySelector('.row:not([hidden]) .text') as HTMLElement;
        const t = getComputedStyle(text);
        return { spans, plain: getComputedStyle(text).color, plainLook: `${t.color} ${t.fontStyle} ${t.fontWeight} ${t.textDecorationLine}`, background: getComputedStyle(document.body).backgroundColor };
      }),
    accept,
    what,
  );
}

function rgb(css: string): [number, number, number] {
  const m = /rgba?\((\d+), (\d+), (\d+)/.exec(css);
  if (!m) throw new Error(`not a colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const lum = (c: [number, number, number]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('highlight rules: built-in colours readable in three themes, a user rule, the toggle', async () => {
  const dir = testFolder(env, 'highlight');
  writeLog(path.join(dir, 'app.log'));
  const restore = changeUserSettings(env, { 'largeFile.highlightRules': [{ pattern: 'worker-3', color: '#ff00ff' }] });
  try {
    await withWorkbench(env, browser(), 'highlight', dir, async (page) => {
      await openInTextView(page, 'app.log');
      const wanted = ['hlr-fatal', 'hlr-error', 'hlr-warn', 'hlr-info', 'hlr-debug', 'hlr-trace', 'hlr-time', 'hlr-guid', 'hlr-ip', 'hlr-string', 'hlr-key', 'hlr-number', 'hlr-url'];
      for (const [theme, kind, name] of THEMES) {
        await setColorTheme(page, theme, kind);
        await clickRow(page, 'text', 0);
        const seen = await styles(page, (s) => wanted.every((c) => s.spans.some((x) => x.cls === c)), `every built-in rule's span in ${theme}`);
        for (const cls of wanted) {
          const span = seen.spans.find((x) => x.cls === cls)!;
          // Coloured (TRACE, the least of the levels, may only be set back in italic where the theme's
          // description colour is the text's own).
          if (cls === 'hlr-trace') assert.notEqual(span.look, seen.plainLook, `${theme}: ${cls} ("${span.text}") looks different`);
          else assert.notEqual(span.color, seen.plain, `${theme}: ${cls} ("${span.text}") is coloured`);
          const ratio = contrast(span.color, seen.background);
          assert.ok(ratio >= 3, `${theme}: ${cls} ("${span.text}") ${span.color} on ${seen.background} has contrast ${ratio.toFixed(2)}`);
        }
        // Each level looks different from the others (colour, weight, style or underline).
        const looks = LEVELS.map((l) => seen.spans.find((x) => x.text === l)?.look);
        assert.equal(new Set(looks).size, LEVELS.length, `${theme}: the levels look different: ${looks.join(' | ')}`);
        // The user's rule, before the built-in ones.
        const user = seen.spans.find((x) => x.text === 'worker-3');
        assert.equal(user?.color, 'rgb(255, 0, 255)', `${theme}: the user rule colours worker-3`);
        await runExactCommand(page, 'Large File Editor: Filter Lines…');
        await pollWebviews(page, (f) => f.locator('.filter-input').fill('ERROR or FATAL', { timeout: 2000 }).then(() => f.locator('.filter-input').press('Enter')).then(() => true), () => true, 'a filter');
        await pollWebviews(page, (f) => f.locator('.filter-count').textContent({ timeout: 1000 }), (t) => /^[\d,]+ lines$/.test(t ?? ''), 'the filter done');
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(env.screenshots, `highlight-${name}.png`) });
      }
      // The toggle: no rule colours anything.
      await runExactCommand(page, 'Large File Editor: Toggle Highlight Rules');
      await styles(page, (s) => s.spans.length === 0, 'no highlight after the toggle');
      await runExactCommand(page, 'Large File Editor: Toggle Highlight Rules');
      await styles(page, (s) => s.spans.length > 0, 'highlights back');
    });
  } finally {
    restore();
  }
});
