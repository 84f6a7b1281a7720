// Every string the webview shows or reads out (text, tooltips, aria-labels, placeholders), in
// English, under a stable key. The webview never holds a literal sentence: it calls
// `t(key, ...args)` (webview/l10n.ts). The host translates this table with vscode.l10n.t — the
// English text is the key of l10n/bundle.l10n.*.json, as for the host's own strings — and sends
// it with 'init', so the webview shows the language VS Code runs in (`--locale`, "Configure
// Display Language") without loading a bundle of its own.
//
// To add a string: add a key here, use `t('the.key', ...)` in the webview, run `npm run l10n`
// (regenerates l10n/bundle.l10n.json) and add its translation to l10n/bundle.l10n.zh-cn.json;
// the unit test test/unit/l10n/ fails until both are done. `{0}`, `{1}`… are the arguments, in
// the same syntax as vscode.l10n.t.

export const WEBVIEW_STRINGS = {
  // main.ts
  'open.failed': 'Cannot open this file: {0}',
  // toolbar.ts
  'toolbar.label': 'Large File Editor',
  'toolbar.showAs': 'Show as {0} (Ctrl+Alt+H switches)',
  'toolbar.wrap': 'Wrap',
  'toolbar.wrapTip': 'Word wrap (Alt+Z toggles)',
  'toolbar.bytesPerRow': 'Bytes per row',
  'toolbar.nBytes': '{0} bytes',
  'toolbar.fitWidth': 'Fit width',
  'toolbar.encoding': 'Text encoding',
  'toolbar.gotoPlaceholder': 'Go to offset, 0x…, %',
  'toolbar.gotoLabel': 'Go to offset (decimal, 0x hex or percent) or line',
  'toolbar.follow': 'Follow',
  'toolbar.followPaused': 'Follow paused',
  'toolbar.followTip': 'Follow the end of the file as it grows (like tail -f); scrolling up pauses it',
  'toolbar.followPausedTip': 'Following is paused while you look further up: Ctrl+End (or this button) goes on',
  'toolbar.modeTip': 'How the file is open: click to change (read-only, in place, copy)',
  'toolbar.save': 'Save',
  'toolbar.saveTip': 'Save the edits (Ctrl+S): only a save you make writes the file',
  'toolbar.saveCopyTip': 'Save the scratch copy to a new file (Ctrl+S)',
  'toolbar.saveEditsTip': 'Save the edits to the file (Ctrl+S)',
  'toolbar.jsBackend': 'JavaScript backend',
  'toolbar.jsBackendTip': 'The native engine is not in use for this file: reads are slower',
  'toolbar.oneLine': '{0} line',
  'toolbar.lines': '{0} lines',
  'toolbar.indexing': 'Indexing lines… {0}% ({1} so far)',
  'toolbar.cannotDecode': "This webview cannot decode '{0}'",
  'toolbar.wrapOff': 'Word wrap off',
  'toolbar.wrapOn': 'Word wrap on',
  'toolbar.wrapAtColumn': 'Word wrap at column {0}',
  'edit.cannotEncode': "'{0}' cannot be written in {1}",
  'mode.read': 'Read-only',
  'mode.write': 'In place',
  'mode.copy': 'Copy',
  'size.bytes': '{0} bytes',
  'size.withBytes': '{0} ({1} bytes)',
  // views
  'view.hex': 'Hex',
  'view.text': 'Text',
  'view.hexLabel': 'Hex view: offset, bytes and text',
  'view.textLabel': 'Text view',
  'view.offset': 'Offset',
  'view.bytes': 'Bytes',
  'view.textColumn': 'Text',
  'view.gutterByteOffset': 'Byte offset (line numbers appear once the file is indexed)',
  'scrollbar.label': 'Position in file',
  // find widget and controller
  'find.label': 'Find',
  'find.placeholder': 'Find',
  'find.matchCase': 'Match Case (Alt+C)',
  'find.wholeWord': 'Match Whole Word (Alt+W)',
  'find.regex': 'Use Regular Expression (Alt+R)',
  'find.hex': 'Hex bytes, ?? for any byte (Alt+X)',
  'find.previous': 'Previous Match (Shift+Enter)',
  'find.next': 'Next Match (Enter)',
  'find.all': 'Find All',
  'find.close': 'Close (Escape)',
  'find.replacePlaceholder': 'Replace',
  'find.replaceOne': 'Replace (Enter)',
  'find.replaceAll': 'Replace All (Ctrl+Alt+Enter)',
  'find.unlimited': 'Find all without limit',
  'find.replacing': 'Replacing…',
  'find.noResults': 'No results',
  'find.soFar': '{0} so far…',
  'find.resultsSoFar': '{0} results so far…',
  'find.firstOfResults': 'First {0} of {1} results (limit reached)',
  'find.results': '{0} results',
  'find.searching': 'Searching…',
  'find.counting': 'Counting…',
  'find.nOfM': '{0} of {1}',
  'find.wrappedStart': 'Wrapped to the start',
  'find.wrappedEnd': 'Wrapped to the end',
  // results panel
  'results.label': 'Find results',
  'results.close': 'Close results',
  'results.line': 'Ln {0}',
  'results.matchAt': 'Match at offset {0}: {1}',
  'results.matchAtLine': 'Match at offset {0}, line {1}: {2}',
  // inspector
  'inspector.title': 'Data inspector',
  'inspector.littleEndian': 'Little endian',
  'inspector.bigEndian': 'Big endian',
  'inspector.byteOrder': 'Byte order: {0}; click to switch',
  'inspector.tooShort': 'Not enough bytes before the end of the file',
  // mode prompt
  'prompt.label': 'This file is open read-only',
  'prompt.editInPlace': 'Edit in Place',
  'prompt.editCopy': 'Edit a Copy',
  'prompt.keepReadOnly': 'Keep Read-only',
  'prompt.writable': '{0} is open read-only. Edit it?',
  'prompt.notWritable': '{0} is open read-only (you may not write it). Edit a scratch copy?',
  // banners and notices (editor.ts)
  'editor.empty': 'Empty file',
  'banner.changedByOther': 'The file was changed or truncated by another program: {0}. What is shown may be out of date.',
  'banner.cannotRead': 'Cannot read the file: {0}',
  'banner.deleted': 'The file was deleted on disk. What is shown is what was last read.',
  'banner.reloadFailed': 'The file changed on disk and could not be read again: {0}',
  'banner.truncated': 'Another program truncated the file from {0} to {1} bytes; the view shows it as it is now.',
  'banner.unsaved': 'Unsaved: auto save does not write {0} — only a save you make does. ',
  'banner.unsavedTheCopy': 'the copy',
  'banner.saveButton': 'Save (Ctrl+S)',
  // go to (gotoTarget.ts)
  'goto.typeSomething': 'Type an offset, 0x offset, percentage, start, end or line',
  'goto.linesStartAt1': 'Lines start at 1',
  'goto.offsetTooLarge': 'Offset too large',
  'goto.outside': 'Offset {0} is outside the file (0 – {1})',
} as const satisfies Record<string, string>;

export type WebviewStringKey = keyof typeof WEBVIEW_STRINGS;

/** The table in one language, as the host sends it. */
export type WebviewStrings = { readonly [K in WebviewStringKey]: string };

/** What the webview needs to speak the user's language: the strings and the locale for numbers. */
export interface WebviewLocale {
  /** vscode.env.language: 'en', 'zh-cn'… (numbers and sizes are formatted for it). */
  readonly language: string;
  readonly strings: WebviewStrings;
}
