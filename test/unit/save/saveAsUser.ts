// Child process for the permission tests: root bypasses file permissions, so this drops to the
// unprivileged uid/gid 65534 and then runs one save, printing {ok} or {code, message} as JSON.
// Not a test itself. argv: <addon> <op: inplace|rewrite> <file>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { openMappedFile, setAddonPath } from '../../../extension/engine';
import { saveInPlace } from '../../../extension/save/inPlaceSave';
import { saveRewrite } from '../../../extension/save/rewriteSave';

async function main(): Promise<void> {
  const [addon, op, file] = process.argv.slice(2);
  setAddonPath(addon);
  if (process.getuid?.() === 0) {
    process.setgid?.(65534);
    process.setuid?.(65534);
  }
  const base = openMappedFile(file, 'read');
  const journal = new EditJournal(base);
  if (op === 'inplace') journal.overwrite(0, new Uint8Array(Buffer.from('XX')));
  else journal.insert(0, new Uint8Array(Buffer.from('inserted ')));
  try {
    if (op === 'inplace') saveInPlace(file, journal);
    else await saveRewrite(file, journal);
    console.log(JSON.stringify({ ok: true, uid: process.getuid?.() }));
  } catch (e) {
    const err = e as { code?: string; message?: string };
    console.log(JSON.stringify({ ok: false, uid: process.getuid?.(), code: err.code, message: err.message, strays: fs.readdirSync(path.dirname(file)) }));
  } finally {
    base.close();
  }
}

void main();
