// `npm run l10n`: writes l10n/bundle.l10n.json from the sources (tools/l10n/bundle.ts), and names
// the templates l10n/bundle.l10n.zh-cn.json does not translate yet, those it still translates but
// no source uses any more, and the user-facing strings that skip localization (unlocalized.ts). One JSON object out, like the engine's door.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleText, englishBundle } from './l10n/bundle';
import { sourcesBelow } from './l10n/sources';
import { unlocalizedInHost, unlocalizedInWebview } from './l10n/unlocalized';

const root = path.resolve(__dirname, '..', '..');
const { bundle, dynamic } = englishBundle(root);
writeFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), bundleText(bundle));
const zhPath = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
const zh = existsSync(zhPath) ? (JSON.parse(readFileSync(zhPath, 'utf8')) as Record<string, string>) : {};
const untranslated = Object.keys(bundle).filter((k) => !(k in zh));
const unused = Object.keys(zh).filter((k) => !(k in bundle));
const unlocalized = [...unlocalizedInHost(sourcesBelow(root, 'extension')), ...unlocalizedInWebview(sourcesBelow(root, 'webview'))].map((f) => `${f.at} ${f.rule} ${JSON.stringify(f.text)}`);
console.log(JSON.stringify({ strings: Object.keys(bundle).length, untranslated, unused, dynamic, unlocalized }, null, 2));
process.exitCode = dynamic.length + unlocalized.length > 0 ? 1 : 0;
