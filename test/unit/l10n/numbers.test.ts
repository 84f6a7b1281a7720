// Numbers and sizes as each locale writes them, and the webview's t(): its placeholders, number
// arguments formatted for the locale the host named, and English for a key the host's table lacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillPlaceholders, numberFormatter } from '../../../shared/l10nFormat';
import { binarySize } from '../../../shared/sizes';
import { WEBVIEW_STRINGS, type WebviewStrings } from '../../../shared/webviewStrings';
import { size, t, useLocale } from '../../../webview/l10n';

test('sizes: binary units, two digits below 10 and one above, the number in the locale', () => {
  assert.equal(binarySize(812), '812 bytes');
  assert.equal(binarySize(2_147_483_648), '2.00 GiB');
  assert.equal(binarySize(70 * 2 ** 20 + 1), '70.0 MiB');
  assert.equal(binarySize(5000, { locale: 'zh-cn', bytes: '{0} 字节' }), '4.88 KiB');
  assert.equal(binarySize(1000, { locale: 'zh-cn', bytes: '{0} 字节' }), '1,000 字节');
  assert.equal(binarySize(5000, { locale: 'de', bytes: '{0} Bytes' }), '4,88 KiB');
  assert.equal(binarySize(1000, { locale: 'de', bytes: '{0} Bytes' }), '1.000 Bytes');
  assert.equal(binarySize(1000, { locale: 'not a locale!', bytes: '{0} bytes' }), '1,000 bytes', 'a malformed tag falls back to English');
});

test('numbers: grouped as the locale groups them', () => {
  assert.equal(numberFormatter('en')(1_785_705), '1,785,705');
  assert.equal(numberFormatter('zh-cn')(1_785_705), '1,785,705');
  assert.equal(numberFormatter('de')(1_785_705), '1.785.705');
});

test('placeholders: {0} {1} filled in any order, a missing argument left as it is', () => {
  assert.equal(fillPlaceholders('{1} of {0}', ['a', 'b']), 'b of a');
  assert.equal(fillPlaceholders('{0} and {2}', ['x']), 'x and {2}');
});

test("the webview's t(): English until the host's table arrives, then the table, numbers for its locale", () => {
  assert.equal(t('find.nOfM', 3, 1_785_705), '3 of 1,785,705');
  const zh: WebviewStrings = { ...WEBVIEW_STRINGS, 'find.nOfM': '第 {0} 项，共 {1} 项', 'size.bytes': '{0} 字节' };
  const { 'find.noResults': _dropped, ...partial } = zh;
  useLocale({ language: 'de', strings: partial as WebviewStrings });
  try {
    assert.equal(t('find.nOfM', 3, 1_785_705), '第 3 项，共 1.785.705 项');
    assert.equal(t('find.noResults'), 'No results', 'a key the host did not send keeps its English');
    assert.equal(size(1000), '1.000 字节');
  } finally {
    useLocale({ language: 'en', strings: WEBVIEW_STRINGS });
  }
});
