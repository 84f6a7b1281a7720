// Drives find from the webview: turns widget events into host searches, shows their progress and
// counts, reveals matches, and feeds the results panel.
import { MAX_VISIBLE_BYTES, type FindOp, type FindOutcome, type FindQuery, type FindResultItem, type WebviewMessage } from '../shared/protocol';
import { FindWidget } from './findWidget';
import { type MessagesFor, unhandled } from './messageRouter';
import { ResultsPanel } from './resultsPanel';
import { num, t } from './l10n';

export interface FindHost {
  post(message: WebviewMessage): void;
  /** Where a search starts: the cursor, or the start of the selection. */
  cursor(): number;
  fileSize(): number;
  encoding(): string;
  revealMatch(offset: number, length: number): void;
  /** Returns focus to the view, e.g. when the widget closes. */
  focusView(): void;
  /** What Ctrl+F puts in the box (the selection, the word at the cursor), if anything. */
  seed(): Partial<FindQuery> | undefined;
  /** The find history changed (it is kept with the editor's state). */
  historyChanged(): void;
  /** The bytes the rows on screen show, [start, end) (none while nothing is drawn). */
  visibleRange(): { start: number; end: number } | undefined;
  /** Highlights every match on screen (sorted, at most MAX_VISIBLE_MATCHES); none: the widget closed. */
  showMatches(offsets: readonly number[], lengths: readonly number[]): void;
  /** The current match's highlight goes (the widget closed). */
  clearCurrent(): void;
}

/** The matches on screen are asked for at most this often while the screen moves (the views draw every frame). */
const VISIBLE_DEBOUNCE_MS = 40;


interface Pending {
  readonly op: FindOp;
  readonly query: FindQuery;
}

export class FindController {
  readonly widget: FindWidget;
  readonly panel: ResultsPanel;
  private nextSearchId = 1;
  private readonly pending = new Map<number, Pending>();
  private allSearchId = 0;
  private panelSearchId = 0;
  private lastMatch: { offset: number; length: number } | undefined;
  private total: { count: number; complete: boolean } | undefined;
  private matchIndex: number | undefined;
  /** The query the count and the last match belong to. */
  private startedKey: string | undefined;
  /** A Replace All's message, kept beside the count of what it left (that find-all's id). */
  private replacedNote: { searchId: number; message: string } | undefined;
  /** The query whose matches are highlighted on screen, if any (a valid, non-empty pattern, widget open). */
  private highlighted: FindQuery | undefined;
  private visibleRequest = 0;
  /** The results the panel lists at most (its find-all's cap). */
  private panelCap = Infinity;
  private visibleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The range last asked about, so a redraw of the same screen asks nothing. */
  private visibleAsked: string | undefined;

  /** `resultCap`: results kept on the host unless the user asks for all of them; `history`: earlier patterns, oldest first. */
  constructor(private readonly host: FindHost, private readonly resultCap: number, history: readonly string[] = []) {
    this.widget = new FindWidget(history, {
      onQueryChanged: (q) => this.start(q),
      onNext: (q) => this.step(q, 'next'),
      onPrevious: (q) => this.step(q, 'previous'),
      onFindAll: (q, unlimited) => this.findAll(q, unlimited ? 0 : this.resultCap, true),
      onClose: () => this.close(),
      onReplace: (q, replacement, all) => this.replace(q, replacement, all),
      onHistory: () => this.host.historyChanged(),
    });
    this.panel = new ResultsPanel({
      requestWindow: (start, count) => this.host.post({ type: 'findResults', searchId: this.panelSearchId, start, count }),
      onSelect: (item: FindResultItem) => {
        this.lastMatch = { offset: item.offset, length: item.length };
        this.host.revealMatch(item.offset, item.length);
      },
      onClose: () => this.panel.hide(),
    });
  }

  /** The find host messages. */
  handle(m: MessagesFor<'find'>): void {
    switch (m.type) {
      case 'openFind':
        return this.open(m.replace, m.query);
      case 'findProgress':
        return this.onProgress(m.searchId, m.scanned, m.total, m.count);
      case 'findDone':
        return this.onDone(m.searchId, m.result);
      case 'findResults':
        return this.onResults(m.searchId, m.start, m.items);
      case 'replaced':
        return this.onReplaced(m.count, m.message);
      case 'visibleMatches':
        if (m.requestId === this.visibleRequest && this.highlighted) this.host.showMatches(m.offsets, m.lengths);
        return;
      default:
        return unhandled(m);
    }
  }

  get history(): readonly string[] {
    return this.widget.history;
  }

  /** Ctrl+F / Ctrl+H: the widget, with `query` (Find in File…) or seeded from the selection. */
  open(replace: boolean, query?: FindQuery): void {
    this.widget.open(replace, query ?? this.host.seed());
    // Opened again on the pattern it had (nothing new to search): its matches are highlighted again.
    const q = this.widget.query();
    if (!this.highlighted && q.pattern !== '' && queryKey(q) === this.startedKey) this.highlight(q);
  }

  /** Replace the current match (then step to the next), or every match. */
  private replace(query: FindQuery, replacement: string, all: boolean): void {
    if (query.pattern === '') return;
    if (!all && !this.lastMatch) {
      this.step(query, 'next');
      return;
    }
    const m = this.lastMatch ?? { offset: 0, length: 0 };
    this.host.post({ type: 'replace', op: all ? 'all' : 'one', query, replacement, encoding: this.host.encoding(), offset: m.offset, length: m.length });
    if (all) this.widget.setCount(t('find.replacing'));
  }

  /**
   * The host replaced matches: say how many, then find what is left. After a Replace All the
   * count of what is left is shown beside it, so the replacements' count stays in view.
   */
  onReplaced(count: number, message: string): void {
    this.widget.setCount(message);
    const query = this.widget.query();
    const after = this.lastMatch;
    this.lastMatch = undefined;
    this.total = undefined;
    setTimeout(() => {
      if (count === 1 && after) this.send(query, 'next', after.offset);
      this.findAll(query, this.resultCap, false);
      this.replacedNote = count > 1 ? { searchId: this.allSearchId, message } : undefined;
    }, 600);
  }

  /** The box's query while it has one (the timeline counts its hits). */
  currentQuery(): FindQuery | undefined {
    const q = this.widget.query();
    return q.pattern === '' ? undefined : q;
  }

  /** Counts the box's query again (the time range it keeps to changed), without moving. */
  recount(): void {
    if (!this.widget.isOpen || this.widget.query().pattern === '') return;
    this.findAll(this.widget.query(), this.resultCap, false);
  }

  /** F3 / Shift+F3 from anywhere in the editor. */
  next(): void {
    this.step(this.widget.query(), 'next');
  }

  previous(): void {
    this.step(this.widget.query(), 'previous');
  }

  close(): void {
    for (const id of this.pending.keys()) this.host.post({ type: 'cancelFind', searchId: id });
    this.pending.clear();
    this.widget.setProgress(undefined);
    this.widget.close();
    this.highlight(undefined);
    this.host.clearCurrent();
    this.host.focusView();
  }

  /** The rows on screen changed (a scroll, a resize, another view): highlight the matches there. */
  viewChanged(): void {
    // At most one request per interval while the screen moves (a wheel scroll draws every frame).
    if (!this.highlighted || this.visibleTimer) return;
    this.visibleTimer = setTimeout(() => {
      this.visibleTimer = undefined;
      this.askVisible(false);
    }, VISIBLE_DEBOUNCE_MS);
  }

  /** The content changed (an edit, a replace, the file on disk): the same screen's matches again. */
  contentChanged(): void {
    if (this.highlighted) this.askVisible(true);
  }

  /** Highlights `query`'s matches on screen from now on (undefined: none). */
  private highlight(query: FindQuery | undefined): void {
    this.highlighted = query;
    this.visibleAsked = undefined;
    if (query) this.askVisible(true);
    else {
      this.visibleRequest++;
      this.host.showMatches([], []);
    }
  }

  private askVisible(force: boolean): void {
    const q = this.highlighted;
    const range = this.host.visibleRange();
    if (!q || !range) return;
    const end = Math.min(range.end, range.start + MAX_VISIBLE_BYTES);
    const key = `${range.start}:${end}`;
    if (!force && key === this.visibleAsked) return;
    this.visibleAsked = key;
    this.host.post({ type: 'findVisible', requestId: ++this.visibleRequest, query: q, encoding: this.host.encoding(), start: range.start, end });
  }

  onProgress(searchId: number, scanned: number, total: number, count: number): void {
    if (!this.pending.has(searchId)) return;
    this.widget.setProgress(total > 0 ? scanned / total : undefined);
    if (searchId === this.allSearchId) {
      this.setCount(t('find.soFar', count));
      // The panel lists at most its cap (the count goes on past it).
      if (searchId === this.panelSearchId) this.panel.setTotal(Math.min(count, this.panelCap), t('find.resultsSoFar', count));
    }
  }

  onDone(searchId: number, result: FindOutcome): void {
    const request = this.pending.get(searchId);
    if (!request) return;
    this.pending.delete(searchId);
    if (this.pending.size === 0) this.widget.setProgress(undefined);
    switch (result.kind) {
      case 'error':
        this.widget.setError(result.message);
        this.widget.setCount('');
        this.highlight(undefined);
        break;
      case 'noMatch':
        this.lastMatch = undefined;
        this.widget.setError(undefined);
        this.widget.setCount(t('find.noResults'));
        break;
      case 'match':
        this.widget.setError(undefined);
        this.lastMatch = { offset: result.offset, length: result.length };
        this.matchIndex = result.index;
        this.host.revealMatch(result.offset, result.length);
        if (result.wrapped) this.flashWrap(request.op);
        this.showCount();
        break;
      case 'all': {
        if (result.cancelled) break;
        this.widget.setError(undefined);
        this.total = { count: result.count, complete: true };
        if (this.lastMatch && result.indexAtFrom < result.count) this.matchIndex = result.indexAtFrom;
        this.showCount();
        // The count is exact; only the results panel's list stops at the cap.
        if (searchId === this.panelSearchId) {
          this.widget.showUnlimited(result.truncated);
          this.panel.setTotal(result.listed, result.truncated ? t('find.firstOfResults', result.listed, result.count) : t('find.results', result.count));
        }
        break;
      }
    }
  }

  onResults(searchId: number, start: number, items: readonly FindResultItem[]): void {
    if (searchId === this.panelSearchId) this.panel.receive(start, items);
  }

  /** The pattern changed: jump to the first match from the cursor, then count them all. */
  private start(query: FindQuery, op: 'next' | 'previous' = 'next'): void {
    this.startedKey = queryKey(query);
    this.total = undefined;
    this.matchIndex = undefined;
    this.lastMatch = undefined;
    this.widget.showUnlimited(false);
    if (query.pattern === '') {
      this.close();
      this.widget.element.hidden = false;
      this.widget.setCount('');
      this.widget.setError(undefined);
      return;
    }
    this.send(query, op, this.host.cursor());
    this.findAll(query, this.resultCap, false);
    this.highlight(query);
  }

  private step(query: FindQuery, op: 'next' | 'previous'): void {
    this.replacedNote = undefined;
    if (query.pattern === '') return;
    // Enter pressed before the typing debounce fired: the query was never started, so there is
    // no count on its way and the last match belongs to another query. Start it now.
    if (queryKey(query) !== this.startedKey) {
      this.start(query, op);
      return;
    }
    // Step from the current match, or from the cursor when there is none.
    const from = this.lastMatch ? (op === 'next' ? this.lastMatch.offset + 1 : this.lastMatch.offset) : this.host.cursor();
    this.send(query, op, from);
  }

  private findAll(query: FindQuery, maxResults: number, showPanel: boolean): void {
    if (query.pattern === '') return;
    const id = this.send(query, 'all', this.lastMatch?.offset ?? this.host.cursor(), maxResults);
    this.allSearchId = id;
    if (showPanel || !this.panel.element.hidden) this.panelCap = maxResults > 0 ? maxResults : Infinity;
    this.total = undefined;
    if (showPanel) {
      this.panelSearchId = id;
      this.panel.reset(this.host.fileSize());
      this.panel.show();
      this.panel.setTotal(0, t('find.searching'));
    } else if (!this.panel.element.hidden) {
      this.panelSearchId = id;
      this.panel.reset(this.host.fileSize());
      this.panel.setTotal(0, t('find.searching'));
    }
  }

  private send(query: FindQuery, op: FindOp, from: number, maxResults = 0): number {
    const searchId = this.nextSearchId++;
    // A new search of a kind supersedes the previous one of the same kind.
    for (const [id, p] of this.pending) {
      if ((p.op === 'all') === (op === 'all')) {
        this.host.post({ type: 'cancelFind', searchId: id });
        this.pending.delete(id);
      }
    }
    this.pending.set(searchId, { op, query });
    this.host.post({ type: 'find', searchId, query, op, from, maxResults, encoding: this.host.encoding() });
    return searchId;
  }

  private showCount(): void {
    const total = this.total;
    if (!total) {
      this.setCount(this.lastMatch ? t('find.counting') : '');
      return;
    }
    if (total.count === 0) {
      this.setCount(t('find.noResults'));
      return;
    }
    const n = num(total.count);
    this.setCount(this.matchIndex !== undefined ? t('find.nOfM', this.matchIndex + 1, n) : t('find.results', n));
  }

  /** The count text; while it counts what a Replace All left, after that Replace All's own. */
  private setCount(text: string): void {
    const note = this.replacedNote?.searchId === this.allSearchId ? this.replacedNote.message : undefined;
    this.widget.setCount(note && text ? `${note} · ${text}` : text);
  }

  private flashWrap(op: FindOp): void {
    this.widget.setCount(op === 'next' ? t('find.wrappedStart') : t('find.wrappedEnd'));
    setTimeout(() => this.showCount(), 1200);
  }
}

function queryKey(q: FindQuery): string {
  return JSON.stringify([q.pattern, q.mode, q.matchCase, q.wholeWord]);
}
