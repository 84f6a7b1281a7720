// What one editor's webview asks of the filtered view, the bookmarks and the overview ruler, on
// the host: the glue between its messages (shared/filterProtocol.ts) and the services —
// FilterService (this editor's filter chain), the document's bookmarks (shared by its editors),
// OverviewDensity (the ruler's counts) — plus VS Code's dialogs, progress and settings.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineFilterable } from '../engine';
import type { LargeFileDocument } from '../largeFileDocument';
import { bookmarksOf } from '../bookmarks/bookmarkRegistry';
import { MAX_BOOKMARKS } from '../bookmarks/bookmarkModel';
import type { DocumentBookmarks } from '../bookmarks/documentBookmarks';
import { OverviewDensity } from '../overview/overviewDensity';
import { ErrorLevelLane } from '../overview/errorLevelLane';
import { looksLikeText } from '../../shared/contentSniff';
import { logError } from '../log';
import type { HostMessage } from '../../shared/protocol';
import type { FilterRow, FilterWebviewMessage, HighlightRuleSetting } from '../../shared/filterProtocol';
import { FilterHistory, type HistoryMemento, savedFilters, withSavedFilter } from './filterHistory';
import { FilterService } from './filterService';
import { toFilterRows } from './filterRows';
import { num } from '../l10n/locale';

let historyMemento: HistoryMemento | undefined;

/** Where filter history is kept (the workspace state), set at activation. */
export function configureFilterHistory(memento: HistoryMemento | undefined): void {
  historyMemento = memento;
}

/** The native searchables (the mapping, an edited document) can filter. */
function canFilter(s: unknown): s is EngineFilterable {
  return typeof (s as { filter?: unknown } | undefined)?.filter === 'function';
}

export class FilterPane implements vscode.Disposable {
  readonly filters: FilterService;
  readonly overview: OverviewDensity;
  /** The ruler's error lane (it gives way to the user's scans: `yieldTo`). */
  readonly errorLane: ErrorLevelLane;
  readonly bookmarks: DocumentBookmarks | undefined;
  private readonly history = new FilterHistory(historyMemento);
  private bookmarkEncoding: string | undefined;
  private highlightsAsked = false;
  private readonly disposables: { dispose(): void }[] = [];

  constructor(private readonly document: LargeFileDocument, private readonly post: (m: HostMessage) => void) {
    this.overview = new OverviewDensity((m) => post(m), () => (document.info ? document.journal.size : 0));
    this.filters = new FilterService(
      {
        filterable: () => {
          const s = document.searchable();
          return canFilter(s) ? s : undefined;
        },
        exportTarget: async () => {
          const file = document.uri.fsPath;
          const ext = path.extname(file);
          const suggested = vscode.Uri.file(ext ? `${file.slice(0, -ext.length)}.filtered${ext}` : `${file}.filtered`);
          const target = await vscode.window.showSaveDialog({ title: vscode.l10n.t('Export the filtered lines to'), defaultUri: suggested });
          return target?.scheme === 'file' ? target.fsPath : undefined;
        },
        withExportProgress: async (task) =>
          vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting the filtered lines'), cancellable: true },
            (progress, token) => {
              const abort = new AbortController();
              token.onCancellationRequested(() => abort.abort());
              let last = 0;
              return task((lines, total) => {
                const percent = Math.floor((100 * lines) / Math.max(1, total));
                if (percent > last) progress.report({ increment: percent - last, message: vscode.l10n.t('{0} lines', num(lines)) });
                last = Math.max(last, percent);
              }, abort.signal);
            },
          ),
        openExported: async (file) => {
          await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
        },
        history: this.history,
        onDensity: (density) => this.overview.update('filter', density),
        onScan: (done) => this.errorLane.yieldTo(done),
      },
      (m) => post(m),
    );
    this.bookmarks = bookmarksOf(document);
    if (this.bookmarks) {
      this.disposables.push(
        this.bookmarks.onDidChange(() => {
          this.overview.update('bookmarks', this.bookmarkDensity());
          if (this.bookmarkEncoding) this.sendBookmarks(this.bookmarkEncoding);
        }),
      );
    }
    this.errorLane = new ErrorLevelLane(
      {
        target: () => {
          const s = document.searchable();
          return canFilter(s) ? s : undefined;
        },
        isText: () => document.info !== undefined && document.journal.size > 0 && looksLikeText(document.read(0, 64 * 1024)),
        indexed: () => document.lineProgress()?.complete ?? true,
        update: (counts) => this.overview.update('errors', counts),
      },
      () => vscode.workspace.getConfiguration('largeFile').get<boolean>('overview.errorLevels', true),
    );
    this.disposables.push(
      document.onDidChangeContent(() => {
        this.filters.contentChanged();
        this.errorLane.contentChanged();
      }),
      document.onLineIndexProgress(() => this.errorLane.indexProgress()),
    );
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.highlightsAsked && (e.affectsConfiguration('largeFile.highlightRules') || e.affectsConfiguration('largeFile.highlights'))) this.sendHighlightRules();
        if (e.affectsConfiguration('largeFile.overview.errorLevels')) this.errorLane.settingChanged();
      }),
    );
  }

  /** Handles one of the pane's messages (shared/protocol.ts isFilterMessage says which). */
  handle(m: FilterWebviewMessage): void {
    try {
      this.dispatch(m);
    } catch (e) {
      logError(`The filter pane's ${m.type}`, e);
    }
  }

  private dispatch(m: FilterWebviewMessage): void {
    const b = this.bookmarks;
    switch (m.type) {
      case 'filterPresets':
        this.sendPresets();
        return;
      case 'saveFilter': {
        const config = vscode.workspace.getConfiguration('largeFile');
        const value = withSavedFilter(config.get('filters.saved'), { name: m.name.trim(), expression: m.spec.expression, matchCase: m.spec.matchCase, wholeWord: m.spec.wholeWord });
        void Promise.resolve(config.update('filters.saved', value, vscode.ConfigurationTarget.Global)).then(() => this.sendPresets(), (e: unknown) => logError('Saving a filter', e));
        return;
      }
      case 'highlightRules':
        this.highlightsAsked = true;
        this.sendHighlightRules();
        return;
      case 'overviewRows':
        this.overview.setRows(m.rows);
        this.overview.update('bookmarks', this.bookmarkDensity());
        this.errorLane.show();
        return;
      case 'bookmarkToggle':
        if (b?.toggle(m.offset, m.label) === 'full') void vscode.window.showWarningMessage(vscode.l10n.t('At most {0} bookmarks per file', num(MAX_BOOKMARKS)));
        return;
      case 'bookmarkLabel':
        b?.setLabel(m.id, m.label);
        return;
      case 'bookmarkRemove':
        b?.remove(m.id);
        return;
      case 'bookmarkGo': {
        const to = m.direction === 'next' ? b?.next(m.offset) : b?.previous(m.offset);
        if (to) this.post({ type: 'reveal', offset: to.offset });
        return;
      }
      case 'bookmarks':
        this.bookmarkEncoding = m.encoding;
        this.sendBookmarks(m.encoding);
        return;
      case 'bookmarkFilter': {
        const starts = this.filters.lineStarts(m.filterId, MAX_BOOKMARKS - (b?.model.size ?? 0));
        if (typeof starts === 'string') void vscode.window.showWarningMessage(starts);
        else b?.addLineStarts(starts);
        return;
      }
      default:
        this.filters.handle(m); // the filter service's own messages (FILTER_SERVICE_VALIDATORS)
    }
  }

  /** Rows of the filter the pane shows (for the extension's API, as the pane would get them). */
  rowsOfShownFilter(start: number, count: number): FilterRow[] {
    const filter = this.filters.current();
    return filter ? toFilterRows(filter.rows(start, count), start, 'utf-8') : [];
  }

  private bookmarkDensity(): Uint32Array | undefined {
    return this.bookmarks?.density(4096, this.document.info ? this.document.journal.size : 0);
  }

  private sendBookmarks(encoding: string): void {
    if (!this.bookmarks) return;
    this.post({ type: 'bookmarks', items: this.bookmarks.list(encoding), total: this.bookmarks.model.size });
  }

  private sendHighlightRules(): void {
    const config = vscode.workspace.getConfiguration('largeFile');
    const rules = config.get<unknown>('highlightRules');
    this.post({
      type: 'highlightRules',
      enabled: config.get<boolean>('highlights.enabled', true),
      // Checked in the webview (a bad rule is reported there, the others still apply).
      rules: Array.isArray(rules) ? (rules.filter((r) => typeof r === 'object' && r !== null) as HighlightRuleSetting[]).slice(0, 200) : [],
    });
  }

  private sendPresets(): void {
    this.post({ type: 'filterPresets', history: this.history.list(), saved: savedFilters(vscode.workspace.getConfiguration('largeFile').get('filters.saved')) });
  }

  dispose(): void {
    this.filters.dispose();
    this.errorLane.dispose();
    this.overview.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
