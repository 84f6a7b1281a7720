// Which saves may write. VS Code calls `saveCustomDocument` for Ctrl+S and for auto save alike
// and does not say which (code-server's default is `files.autoSave: afterDelay`, 1 s): under
// auto save, every pause in typing would write a 20 GB log, and a Replace All would land in the
// file seconds later without anyone asking. Nothing VS Code offers an extension turns auto save
// off for one custom editor (its working copy has a `vscode-custom-editor:` URI, so language or
// folder overrides never apply to it). So the editor's own Save command (Ctrl+S in the editor,
// the toolbar's Save) marks the save it starts as deliberate, and with auto save on a save that
// is not marked is held: the document stays unsaved and says so. With auto save off, every save
// VS Code asks for comes from the user (Ctrl+S, File > Save, the Save button of a close prompt).
import type { OpenMode } from '../../shared/protocol';

/** `files.autoSave` values (VS Code's enum); anything else counts as on. */
export type AutoSaveSetting = 'off' | 'afterDelay' | 'onFocusChange' | 'onWindowChange' | (string & {});

export interface SaveSituation {
  readonly mode: OpenMode;
  /** The save was started by the editor's own Save command. */
  readonly deliberate: boolean;
  /** `files.autoSave` as it applies to the document (any scope that sets it). */
  readonly autoSave: readonly AutoSaveSetting[];
  /** `largeFile.allowAutoSave`: the user lets auto save write files open In place. */
  readonly allowAutoSave: boolean;
}

export type SaveDecision =
  /** Write the file (In place). */
  | { readonly kind: 'write' }
  /** Copy mode: ask where to write the copy. */
  | { readonly kind: 'saveAs' }
  /** Not deliberate while auto save is on: leave the document unsaved, quietly. */
  | { readonly kind: 'hold' }
  /** Nothing to write (read-only). */
  | { readonly kind: 'nothing' };

export function isAutoSaveOn(values: readonly AutoSaveSetting[]): boolean {
  return values.some((v) => v !== 'off');
}

export function decideSave(s: SaveSituation): SaveDecision {
  if (s.mode === 'read') return { kind: 'nothing' };
  const userAsked = s.deliberate || !isAutoSaveOn(s.autoSave);
  if (s.mode === 'copy') return userAsked ? { kind: 'saveAs' } : { kind: 'hold' };
  return userAsked || s.allowAutoSave ? { kind: 'write' } : { kind: 'hold' };
}
