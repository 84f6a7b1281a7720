// Checks the packaged .vsix (path in $LFE_VSIX, set by the test harness after packaging): the
// compiled addon and the bundles are in; sources, tests, build output and caches are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipEntries } from '../support/zipEntries';

function entries(): string[] {
  const vsix = process.env.LFE_VSIX;
  assert.ok(vsix, 'LFE_VSIX names the .vsix to check');
  return zipEntries(vsix);
}

test('the .vsix holds the bundles, the stylesheet and the native addon', () => {
  const names = entries();
  for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/webview.js', 'extension/dist/webview.css', 'extension/dist/lfe.node']) {
    assert.ok(names.includes(f), `${f} is packaged`);
  }
});

test('the .vsix holds the English and Chinese strings: the manifest translations and the runtime bundles', () => {
  const names = entries();
  for (const f of ['extension/package.nls.json', 'extension/package.nls.zh-cn.json', 'extension/l10n/bundle.l10n.json', 'extension/l10n/bundle.l10n.zh-cn.json']) {
    assert.ok(names.includes(f), `${f} is packaged`);
  }
});

test('the .vsix holds nothing that does not belong', () => {
  const allowed = [
    /^\[Content_Types\]\.xml$/,
    /^extension\.vsixmanifest$/,
    /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE(\.txt)?)$/i,
    /^extension\/dist\/(extension\.js|webview\.js|webview\.css|lfe\.node)$/,
    // The webview's icon font (VS Code's codicons), served from dist/ like the stylesheet.
    /^extension\/dist\/codicon\.(css|ttf)$/,
    /^extension\/media\/[^/]+\.(png|svg)$/,
    // The translations: the manifest's (package.nls*.json) and the runtime bundles (l10n/).
    /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
    /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  ];
  const stray = entries().filter((name) => !allowed.some((re) => re.test(name)));
  assert.deepEqual(stray, [], 'no sources, tests, source maps, node_modules or caches');
});

test('no TypeScript or C++ sources are packaged', () => {
  const sources = entries().filter((name) => /\.(ts|cc|cpp|h|gyp|map)$/.test(name) || /\/(native|node_modules|test|out|scripts)\//.test(name));
  assert.deepEqual(sources, []);
});
