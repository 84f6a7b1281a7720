// The save paths of a document, in the order the editor uses them:
//
//   open     recoverFile(path)            finish an interrupted save (notice if 'restored'), BEFORE mapping
//            fingerprintFile(path)        remember as the document's `expected`
//            new EditJournal(mapping)     (extension/edits) the edits live there until Save
//   save     journal.lengthPreserving ?
//              saveInPlace(path, journal, { expected, documentMode })   rollback journal, writes, flush;
//                                                                keep the journal (undo still works)
//            : await saveRewrite(path, journal, { expected, documentMode, onProgress, signal })
//                                                                temp file, fsync, rename; then map
//                                                                the new file and start a new journal
//            → keep result.fingerprint as the new `expected`
//   save as  await saveAs(journal, target, { onProgress, signal })   (the only save of copy mode)
//   a range  await saveAs(contentRange(journal, start, length), target, …)   (Save Selection As)
//   backup   await writeBackup(destination, journal, expected)       hot exit: edits + fingerprint
//   restore  restoreBackup(backup, mapping, fingerprintFile(path))   'mismatch' → ask the user
//
// Every failure is a SaveError (an EngineError) with a code and a message naming the cause; the
// file on disk is then as it was.
export { findBackupFor, restoreBackup, readBackupHeader, writeBackup } from './backup';
export type { BackupHeader, RestoreResult } from './backup';
export { assertUnchanged, fingerprintDifference, fingerprintFile } from './fingerprint';
export type { FileFingerprint } from './fingerprint';
export { assertFreeSpace, freeBytes } from './freeSpace';
export { saveInPlace, saveInPlaceAsync } from './inPlaceSave';
export type { InPlaceSaveOptions, InPlaceSaveResult, WritableFile } from './inPlaceSave';
export { discardRollbackJournal, recoverFile } from './recovery';
export type { RecoveryOutcome, RecoveryReport } from './recovery';
export { rollbackJournalPath } from './rollbackJournal';
export { contentRange } from './rangeContent';
export { saveAs, saveRewrite } from './rewriteSave';
export type { RewriteSaveOptions, SavedContent, SaveAsOptions, StreamSaveOptions, StreamSaveResult } from './rewriteSave';
export { SaveError } from './saveError';
export type { SaveHooks, SaveStep } from './saveHooks';
