// Seeded random edits on a real file, saved again and again (in place when the length is kept,
// else by rewrite) and compared to a plain Buffer model — including undo after an in-place save,
// which must still give the old bytes although the base file changed under the journal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EditJournal } from '../../../extension/edits/editJournal';
import { MappedFile, openMappedFile } from '../../../extension/engine';
import { FileFingerprint, fingerprintFile } from '../../../extension/save/fingerprint';
import { saveInPlace } from '../../../extension/save/inPlaceSave';
import { saveRewrite } from '../../../extension/save/rewriteSave';
import { randomBytes, rng } from '../edits/support';
import { strays, tempDir } from './support';

for (const seed of [5, 6, 7]) {
  test(`random edits saved repeatedly match the model, seed ${seed}`, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'doc.bin');
    const random = rng(seed);
    const int = (n: number): number => Math.floor(random() * n);
    let model: Buffer = Buffer.from(randomBytes(random, 64 * 1024));
    fs.writeFileSync(file, model);
    let base: MappedFile = openMappedFile(file, 'read');
    let journal = new EditJournal(base, { blockPieces: 16 });
    let fingerprint: FileFingerprint = fingerprintFile(file);
    let history: Buffer[] = [];
    let future: Buffer[] = [];
    const saves = { inPlace: 0, rewrite: 0 };
    for (let round = 0; round < 30; round++) {
      for (let k = 0; k < 40; k++) {
        const op = int(100);
        const size = model.length;
        const at = int(size + 1);
        if (op < 55) {
          const data = Buffer.from(randomBytes(random, 1 + int(200)));
          journal.overwrite(at, data);
          const next = Buffer.alloc(Math.max(size, at + data.length));
          model.copy(next);
          data.copy(next, at);
          history.push(model);
          future = [];
          model = next;
        } else if (op < 62 && round % 3 === 2) {
          const data = Buffer.from(randomBytes(random, 1 + int(50)));
          journal.insert(at, data);
          history.push(model);
          future = [];
          model = Buffer.concat([model.subarray(0, at), data, model.subarray(at)]);
        } else if (op < 68 && round % 3 === 2 && at < size) {
          const n = 1 + int(Math.min(100, size - at));
          journal.delete(at, n);
          history.push(model);
          future = [];
          model = Buffer.concat([model.subarray(0, at), model.subarray(at + n)]);
        } else if (op < 88) {
          if (journal.undo()) {
            future.push(model);
            model = history.pop()!;
          }
        } else if (journal.redo()) {
          history.push(model);
          model = future.pop()!;
        }
        assert.ok(Buffer.from(journal.read(0, journal.size)).equals(model), `seed ${seed} round ${round} op ${k}`);
      }
      if (journal.lengthPreserving) {
        fingerprint = saveInPlace(file, journal, { expected: fingerprint }).fingerprint;
        saves.inPlace++;
        // Same journal, same base mapping (which now shows the saved bytes): history kept.
      } else {
        fingerprint = (await saveRewrite(file, journal, { expected: fingerprint })).fingerprint;
        saves.rewrite++;
        // A rewrite replaced the file: continue over a mapping of the new one, history restarts.
        base.close();
        base = openMappedFile(file, 'read');
        journal = new EditJournal(base, { blockPieces: 16 });
        history = [];
        future = [];
      }
      assert.ok(fs.readFileSync(file).equals(model), `seed ${seed} round ${round}: file after save`);
      assert.deepEqual(strays(dir, 'doc.bin'), []);
    }
    base.close();
    console.log(`seed ${seed}: ${saves.inPlace} in-place saves, ${saves.rewrite} rewrites`);
    assert.ok(saves.inPlace > 3 && saves.rewrite > 3);
  });
}
