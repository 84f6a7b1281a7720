// Every string in every language: the manifest's keys (package.json's %key% placeholders,
// package.nls.json, package.nls.zh-cn.json) and the runtime bundles (l10n/bundle.l10n.json, which
// must be what `npm run l10n` makes of the sources today, and its zh-cn translation), each with
// the same {0} placeholders as the English. A string added without its translation fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { placeholdersOf } from '../../../shared/l10nFormat';
import { bundleText, englishBundle } from '../../../tools/l10n/bundle';

const root = path.resolve(__dirname, '../../../..');
const json = (rel: string): unknown => JSON.parse(readFileSync(path.join(root, rel), 'utf8'));
const TRANSLATIONS = ['zh-cn'];

/** Every `%key%` that package.json uses in place of a string. */
function manifestKeys(): string[] {
  const keys = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = /^%([^%]+)%$/.exec(v);
      if (m) keys.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(json('package.json'));
  return [...keys].sort();
}

function sameKeysAndPlaceholders(english: Record<string, string>, translated: Record<string, string>, name: string): void {
  assert.deepEqual(Object.keys(translated).filter((k) => !(k in english)), [], `${name} translates no key that is gone`);
  assert.deepEqual(Object.keys(english).filter((k) => !(k in translated)), [], `${name} translates every key`);
  for (const [key, text] of Object.entries(english)) {
    assert.equal(typeof translated[key], 'string', `${name}: ${key}`);
    assert.notEqual(translated[key].trim(), '', `${name}: ${key} is not empty`);
    assert.deepEqual(placeholdersOf(translated[key]), placeholdersOf(text), `${name}: ${JSON.stringify(key)} keeps the placeholders ${placeholdersOf(text).join(' ')}`);
  }
}

test('package.json names its user-facing strings by key, and package.nls.json has each of them', () => {
  const keys = manifestKeys();
  const nls = json('package.nls.json') as Record<string, string>;
  assert.ok(keys.length >= 60, `the manifest's titles, settings and descriptions are keys (${keys.length})`);
  assert.deepEqual(keys.filter((k) => !(k in nls)), [], 'every %key% is in package.nls.json');
  assert.deepEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], 'package.nls.json has no key package.json does not use');
});

test('the manifest shows no literal English where a user reads it', () => {
  const manifest = json('package.json') as { contributes: Record<string, unknown> };
  const literal: string[] = [];
  const SHOWN = new Set(['title', 'description', 'markdownDescription', 'displayName', 'category', 'enumDescriptions', 'markdownEnumDescriptions']);
  const visit = (v: unknown, key: string, at: string): void => {
    if (typeof v === 'string') {
      if (SHOWN.has(key) && !/^%[^%]+%$/.test(v)) literal.push(`${at}: ${v}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, key, `${at}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k, `${at}.${k}`);
  };
  visit(manifest.contributes, '', 'contributes');
  assert.deepEqual(literal, []);
});

for (const lang of TRANSLATIONS) {
  test(`package.nls.${lang}.json translates every key of package.nls.json, with the same placeholders`, () => {
    sameKeysAndPlaceholders(json('package.nls.json') as Record<string, string>, json(`package.nls.${lang}.json`) as Record<string, string>, `package.nls.${lang}.json`);
  });

  test(`l10n/bundle.l10n.${lang}.json translates every runtime string, with the same placeholders`, () => {
    sameKeysAndPlaceholders(json('l10n/bundle.l10n.json') as Record<string, string>, json(`l10n/bundle.l10n.${lang}.json`) as Record<string, string>, `bundle.l10n.${lang}.json`);
  });
}

test('l10n/bundle.l10n.json is what `npm run l10n` makes of the sources today', () => {
  const { bundle, dynamic } = englishBundle(root);
  assert.deepEqual(dynamic, [], 'every vscode.l10n.t call has a literal template (the bundle cannot know a variable)');
  assert.equal(readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'), bundleText(bundle), 'run `npm run l10n` and translate what it lists');
  assert.ok(Object.keys(bundle).length > 150, 'the host and the webview strings are in it');
});

test('the Chinese translations are Chinese: each holds a CJK character unless it is only symbols and names', () => {
  const zh = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
  const nls = json('package.nls.zh-cn.json') as Record<string, string>;
  // Texts that stay as they are in Chinese: units, key names, formats, file-type names.
  const sameInChinese = (english: string): boolean => !/[a-z]{3,}/.test(english.replace(/\{\d+\}|Ctrl|Alt|Shift|Enter|Esc|JSON|UTF-\d+|Hex|INS|OVR|GiB|MiB|KiB/g, ''));
  // Syntax the user types (go to's "line 1200") and a language's own type name stay as they are.
  const STAYS = new Set(['0x1F400, 1048576, 50%, end, line 1200, 2026-03-01 12:00, +10m', 'Python bytes']);
  const english = { ...(json('l10n/bundle.l10n.json') as Record<string, string>), ...(json('package.nls.json') as Record<string, string>) };
  const notChinese = Object.entries({ ...zh, ...nls }).filter(([k, v]) => !/[\u4e00-\u9fff]/.test(v) && !sameInChinese(english[k] ?? k) && !STAYS.has(k));
  assert.deepEqual(notChinese, []);
});
