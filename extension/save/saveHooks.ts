// Named points inside the save paths. Production passes no hooks; tests use them to inject faults
// (a hook that throws) and to stop a child process at a chosen instant before killing it.

export type SaveStep =
  /** In place: the file matched its fingerprint; nothing written yet. */
  | 'checked'
  /** In place: a chunk of the rollback journal was written (the journal is still a temp file). */
  | 'journal-chunk'
  /** In place: the journal is complete and fsynced, not yet renamed into place. */
  | 'journal-synced'
  /** In place: the journal is in place and its folder fsynced; the file is about to change. */
  | 'journal-committed'
  /** In place: a chunk of new bytes was written through the mapping (not yet flushed). */
  | 'write-chunk'
  /** In place: the mapping was flushed; the journal still exists. */
  | 'flushed'
  /** In place: the journal was removed. */
  | 'journal-removed'
  /** Rewrite: a chunk was written to the temp file. */
  | 'temp-chunk'
  /** Rewrite: the temp file is complete and fsynced, not yet renamed. */
  | 'temp-synced'
  /** Rewrite: the temp file was renamed over the target. */
  | 'renamed'
  /** Recovery: a chunk of old bytes was written back (not yet fsynced). */
  | 'restore-chunk';

export interface SaveHooks {
  /** Called at each step; `bytes` counts the bytes written so far in the current phase. Throwing aborts the save. */
  step?(name: SaveStep, bytes: number): void;
}
