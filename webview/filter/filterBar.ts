// The filtered view's controls: the expression box (or include / exclude lists), case and whole
// word, context lines, the count and progress, cancel, refine, export, bookmark all, the history
// and saved filters, the Matches / Marks switch, and the breadcrumbs of the refine chain. Only the
// DOM and its events; what they do is the controller's (filterController.ts).
import type { FilterLink, SavedFilter } from '../../shared/filterProtocol';
import { num, t } from '../l10n';

export interface FilterBarEvents {
  run(refine: boolean): void;
  cancel(): void;
  exportLines(): void;
  bookmarkAll(): void;
  pop(levels: number): void;
  clear(): void;
  save(name: string): void;
  close(): void;
  contextChanged(): void;
  showMarks(on: boolean): void;
  /** Escape or ArrowDown in the box: the keyboard goes to the list. */
  toList(): void;
}

function button(label: string, text: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = `fbtn ${className}`.trim();
  b.textContent = text;
  b.title = label;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function toggle(label: string, icon: string, onChange: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = `icon toggle codicon ${icon}`;
  b.title = label;
  b.setAttribute('aria-label', label);
  b.setAttribute('aria-pressed', 'false');
  b.addEventListener('click', () => {
    b.setAttribute('aria-pressed', String(b.getAttribute('aria-pressed') !== 'true'));
    onChange();
  });
  return b;
}

function numberBox(label: string, onChange: () => void): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'number';
  input.min = '0';
  input.max = '1000';
  input.value = '0';
  input.className = 'filter-context';
  input.title = label;
  input.setAttribute('aria-label', label);
  input.addEventListener('change', onChange);
  return input;
}

export class FilterBar {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  readonly include: HTMLTextAreaElement;
  readonly exclude: HTMLTextAreaElement;
  readonly matchCase: HTMLButtonElement;
  readonly wholeWord: HTMLButtonElement;
  readonly before: HTMLInputElement;
  readonly after: HTMLInputElement;
  private readonly listsEl: HTMLElement;
  private readonly listsToggle: HTMLButtonElement;
  private readonly count: HTMLElement;
  private readonly error: HTMLElement;
  private readonly crumbs: HTMLElement;
  private readonly history: HTMLDataListElement;
  private readonly saved: HTMLSelectElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly saveName: HTMLInputElement;
  /** Matches / Marks: pressed while the bookmarks are listed. */
  readonly marksButton: HTMLButtonElement;
  private savedFilters: readonly SavedFilter[] = [];

  constructor(private readonly events: FilterBarEvents) {
    this.element = document.createElement('div');
    this.element.className = 'filter-bar';
    const row = document.createElement('div');
    row.className = 'filter-row';
    this.input = document.createElement('input');
    this.input.className = 'filter-input';
    this.input.placeholder = t('filter.placeholder');
    this.input.setAttribute('aria-label', t('filter.expressionLabel'));
    this.input.spellcheck = false;
    this.history = document.createElement('datalist');
    this.history.id = 'filter-history';
    this.input.setAttribute('list', this.history.id);
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        this.events.run(e.shiftKey);
      } else if (e.key === 'Escape' || (e.key === 'ArrowDown' && e.altKey)) {
        e.preventDefault();
        e.stopPropagation();
        this.events.toList();
      }
    });
    this.input.addEventListener('input', () => this.showError(undefined));
    this.matchCase = toggle(t('filter.matchCase'), 'codicon-case-sensitive', () => undefined);
    this.wholeWord = toggle(t('filter.wholeWord'), 'codicon-whole-word', () => undefined);
    this.listsToggle = toggle(t('filter.lists'), 'codicon-list-filter', () => this.showLists(this.listsToggle.getAttribute('aria-pressed') === 'true'));
    this.before = numberBox(t('filter.contextBefore'), () => this.events.contextChanged());
    this.after = numberBox(t('filter.contextAfter'), () => this.events.contextChanged());
    const ctx = document.createElement('span');
    ctx.className = 'filter-ctx';
    ctx.append('B', this.before, 'A', this.after);
    this.count = document.createElement('span');
    this.count.className = 'filter-count';
    this.count.setAttribute('role', 'status');
    this.cancelButton = button(t('filter.cancelTip'), t('filter.cancel'), () => this.events.cancel());
    this.cancelButton.hidden = true;
    this.saved = document.createElement('select');
    this.saved.className = 'filter-saved';
    this.saved.setAttribute('aria-label', t('filter.savedLabel'));
    this.saved.addEventListener('change', () => this.pickSaved());
    this.saveName = document.createElement('input');
    this.saveName.className = 'filter-save-name';
    this.saveName.placeholder = t('filter.saveNamePlaceholder');
    this.saveName.setAttribute('aria-label', t('filter.saveNameLabel'));
    this.saveName.hidden = true;
    this.saveName.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter' && this.saveName.value.trim()) {
        this.events.save(this.saveName.value.trim());
        this.saveName.value = '';
        this.saveName.hidden = true;
      } else if (e.key === 'Escape') this.saveName.hidden = true;
    });
    this.marksButton = button(t('filter.marksTip'), t('filter.marks'), () => {
      const on = this.marksButton.getAttribute('aria-pressed') !== 'true';
      this.marksButton.setAttribute('aria-pressed', String(on));
      this.events.showMarks(on);
    });
    this.marksButton.setAttribute('aria-pressed', 'false');
    row.append(
      this.input,
      this.history,
      this.matchCase,
      this.wholeWord,
      this.listsToggle,
      ctx,
      button(t('filter.runTip'), t('filter.run'), () => this.events.run(false)),
      button(t('filter.refineTip'), t('filter.refine'), () => this.events.run(true)),
      this.cancelButton,
      this.count,
      button(t('filter.exportTip'), t('filter.export'), () => this.events.exportLines()),
      button(t('filter.bookmarkAllTip'), t('filter.bookmarkAll'), () => this.events.bookmarkAll()),
      this.marksButton,
      this.saved,
      button(t('filter.saveTip'), t('filter.save'), () => {
        this.saveName.hidden = false;
        this.saveName.focus();
      }),
      this.saveName,
      button(t('filter.closeTip'), '×', () => this.events.close(), 'filter-close'),
    );
    this.listsEl = document.createElement('div');
    this.listsEl.className = 'filter-lists';
    this.listsEl.hidden = true;
    this.include = document.createElement('textarea');
    this.include.placeholder = t('filter.includePlaceholder');
    this.include.setAttribute('aria-label', t('filter.include'));
    this.exclude = document.createElement('textarea');
    this.exclude.placeholder = t('filter.excludePlaceholder');
    this.exclude.setAttribute('aria-label', t('filter.exclude'));
    for (const t of [this.include, this.exclude]) {
      t.rows = 2;
      t.spellcheck = false;
      t.addEventListener('keydown', (e) => {
        e.stopPropagation();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          this.events.run(e.shiftKey);
        }
      });
    }
    this.listsEl.append(this.include, this.exclude);
    this.error = document.createElement('div');
    this.error.className = 'filter-error';
    this.error.setAttribute('role', 'alert');
    this.error.hidden = true;
    this.crumbs = document.createElement('nav');
    this.crumbs.className = 'filter-crumbs';
    this.crumbs.setAttribute('aria-label', t('filter.chainLabel'));
    this.element.append(row, this.listsEl, this.error, this.crumbs);
  }

  get listsShown(): boolean {
    return !this.listsEl.hidden;
  }

  lists(): { include: string[]; exclude: string[] } {
    const lines = (t: HTMLTextAreaElement) => t.value.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    return { include: lines(this.include), exclude: lines(this.exclude) };
  }

  showLists(on: boolean): void {
    this.listsEl.hidden = !on;
    this.listsToggle.setAttribute('aria-pressed', String(on));
    this.input.disabled = on;
  }

  pressed(b: HTMLButtonElement): boolean {
    return b.getAttribute('aria-pressed') === 'true';
  }

  setPressed(b: HTMLButtonElement, on: boolean): void {
    b.setAttribute('aria-pressed', String(on));
  }

  setCount(text: string, running: boolean): void {
    this.count.textContent = text;
    this.cancelButton.hidden = !running;
  }

  /** A bad expression: the message, and the expression with the bad part marked (and selected in the box). */
  showError(e: { message: string; start?: number; end?: number; text?: string } | undefined): void {
    this.input.classList.toggle('invalid', !!e && e.start !== undefined);
    this.error.hidden = !e;
    if (!e) return this.error.replaceChildren();
    const nodes: Node[] = [document.createTextNode(e.message)];
    if (e.text !== undefined && e.start !== undefined && e.end !== undefined) {
      const start = Math.max(0, Math.min(e.start, e.text.length));
      const end = Math.max(start, Math.min(e.end, e.text.length));
      const shown = document.createElement('code');
      const bad = document.createElement('mark');
      bad.className = 'filter-error-span';
      bad.textContent = e.text.slice(start, end) || ' ';
      shown.append(e.text.slice(0, start), bad, e.text.slice(end));
      nodes.push(document.createTextNode(': '), shown);
      if (!this.input.disabled) this.input.setSelectionRange(start, end);
    }
    this.error.replaceChildren(...nodes);
  }

  setChain(chain: readonly FilterLink[]): void {
    const nodes: Node[] = [];
    chain.forEach((link, i) => {
      if (i > 0) nodes.push(document.createTextNode(' › '));
      const crumb = document.createElement('button');
      crumb.className = 'filter-crumb';
      crumb.textContent = `${link.label} (${num(link.count)}${link.complete ? '' : '…'})`;
      const levels = chain.length - 1 - i;
      crumb.title = levels === 0 ? t('filter.crumbShown') : t(levels > 1 ? 'filter.crumbBack' : 'filter.crumbBackOne', levels);
      crumb.setAttribute('aria-current', String(levels === 0));
      crumb.addEventListener('click', () => levels > 0 && this.events.pop(levels));
      nodes.push(crumb);
    });
    if (chain.length > 1) {
      nodes.push(document.createTextNode(' '));
      nodes.push(button(t('filter.popTip'), t('filter.pop'), () => this.events.pop(1), 'filter-pop'));
    }
    if (chain.length > 0) nodes.push(button(t('filter.clearTip'), t('filter.clear'), () => this.events.clear(), 'filter-clear'));
    this.crumbs.replaceChildren(...nodes);
    this.crumbs.hidden = chain.length === 0;
  }

  setPresets(history: readonly string[], saved: readonly SavedFilter[]): void {
    this.history.replaceChildren(
      ...history.map((h) => {
        const o = document.createElement('option');
        o.value = h;
        return o;
      }),
    );
    this.savedFilters = saved;
    const head = document.createElement('option');
    head.value = '';
    head.textContent = saved.length ? t('filter.savedHead') : t('filter.noSaved');
    this.saved.replaceChildren(
      head,
      ...saved.map((s, i) => {
        const o = document.createElement('option');
        o.value = String(i);
        o.textContent = s.name;
        o.title = s.expression;
        return o;
      }),
    );
  }

  private pickSaved(): void {
    const s = this.savedFilters[Number(this.saved.value)];
    this.saved.value = '';
    if (!s) return;
    this.showLists(false);
    this.input.value = s.expression;
    this.setPressed(this.matchCase, s.matchCase ?? false);
    this.setPressed(this.wholeWord, s.wholeWord ?? false);
    this.events.run(false);
  }
}
