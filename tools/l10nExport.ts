// `npm run l10n`: writes l10n/bundle.l10n.json from the sources (tools/l10n/bundle.ts), and names
// the templates l10n/bundle.l10n.zh-cn.json does not translate yet, and those it still
// translates but no source uses any more. One JSON object out, like the engine's door.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleText, englishBundle } from './l10n/bundle';

const root = path.resolve(__dirname, '..', '..');
const { bundle, dynamic } = englishBundle(root);
writeFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), bundleText(bundle));
const zhPath = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
const zh = existsSync(zhPath) ? (JSON.parse(readFileSync(zhPath, 'utf8')) as Record<string, string>) : {};
const untranslated = Object.keys(bundle).filter((k) => !(k in zh));
const unused = Object.keys(zh).filter((k) => !(k in bundle));
console.log(JSON.stringify({ strings: Object.keys(bundle).length, untranslated, unused, dynamic }, null, 2));
process.exitCode = dynamic.length > 0 ? 1 : 0;
