// The strip above the views: the view switch (one button per view of the view table), row
// width, encoding, word wrap, go to, follow, the mode and Save.
import type { DocumentInfo, LineIndexProgress, ViewKind, WordWrap } from '../shared/protocol';
import { COMMON_ENCODINGS, encodingName } from '../shared/encodingNames';
import { num, size, t } from './l10n';
import type { WebviewStringKey } from '../shared/webviewStrings';

/** Follow: off, following the end, or paused because the user scrolled up (Ctrl+End goes on). */
export type FollowState = 'off' | 'on' | 'paused';

const MODE_LABEL = { read: 'mode.read', write: 'mode.write', copy: 'mode.copy' } as const;
const MODE_ICON = { read: 'lock', write: 'edit', copy: 'copy' } as const;

export interface ToolbarEvents {
  onView(view: ViewKind): void;
  onBytesPerRow(n: number): void;
  onEncoding(label: string): void;
  onWordWrap(): void;
  onGoto(input: string): void;
  /** The Go to box changed: the view moves there for now. */
  onGotoPreview(input: string): void;
  /** Escape in the Go to box: the view goes back. */
  onGotoCancel(): void;
  /** The Follow button: on, off, or on again when paused. */
  onFollow(): void;
  onChangeMode(): void;
  /** The Save button (shown while there are unsaved edits): a deliberate save. */
  onSave(): void;
  /** The Timeline button: show or hide the timeline panel. */
  onTimeline(): void;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly viewButtons = new Map<ViewKind, HTMLButtonElement>();
  private readonly wrapButton: HTMLButtonElement;
  private readonly widthSelect: HTMLSelectElement;
  private readonly encodingSelect: HTMLSelectElement;
  private readonly gotoInput: HTMLInputElement;
  private readonly message: HTMLElement;
  private readonly lines: HTMLElement;
  private readonly title: HTMLElement;
  private readonly followButton: HTMLButtonElement;
  private readonly modeButton: HTMLButtonElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly timelineButton: HTMLButtonElement;
  private readonly overflowButton: HTMLButtonElement;
  private readonly overflowMenu: HTMLElement;
  private readonly overflowOrder: readonly HTMLElement[];
  /** The row's items in their order (the ones that can go into the menu, and what stays around them). */
  private readonly rowOrder: readonly HTMLElement[];
  private mode: DocumentInfo['mode'];
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private flashUntilSaved = false;

  constructor(doc: DocumentInfo, views: { readonly [K in ViewKind]: { readonly label: WebviewStringKey; readonly icon: string } }, events: ToolbarEvents) {
    this.element = document.createElement('div');
    this.element.className = 'toolbar';
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', t('toolbar.label'));

    const title = document.createElement('span');
    title.className = 'title';
    this.title = title;
    this.setSize(doc);

    const switcher = document.createElement('span');
    switcher.className = 'switch';
    for (const kind of Object.keys(views) as ViewKind[]) {
      const label = t(views[kind].label);
      const b = button(views[kind].icon, label, t('toolbar.showAs', label), () => events.onView(kind));
      b.dataset.view = kind;
      this.viewButtons.set(kind, b);
      switcher.append(b);
    }
    this.wrapButton = button('word-wrap', t('toolbar.wrap'), t('toolbar.wrapTip'), () => events.onWordWrap());
    this.wrapButton.classList.add('wrap');

    this.widthSelect = select(t('toolbar.bytesPerRow'), [
      ...[8, 16, 32, 64].map((n) => [String(n), t('toolbar.nBytes', n)] as const),
      ['0', t('toolbar.fitWidth')],
    ]);
    this.widthSelect.addEventListener('change', () => events.onBytesPerRow(Number(this.widthSelect.value)));

    this.encodingSelect = select(
      t('toolbar.encoding'),
      COMMON_ENCODINGS.map((e) => [e, encodingName(e)]),
    );
    this.encodingSelect.addEventListener('change', () => events.onEncoding(this.encodingSelect.value));

    this.gotoInput = document.createElement('input');
    this.gotoInput.className = 'goto';
    this.gotoInput.placeholder = t('toolbar.gotoPlaceholder');
    this.gotoInput.setAttribute('aria-label', t('toolbar.gotoLabel'));
    this.gotoInput.addEventListener('input', () => events.onGotoPreview(this.gotoInput.value));
    this.gotoInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        events.onGoto(this.gotoInput.value);
        e.preventDefault();
      } else if (e.key === 'Escape') {
        events.onGotoCancel();
        e.preventDefault();
        e.stopPropagation();
      }
    });

    this.message = document.createElement('span');
    this.message.className = 'message';
    this.message.setAttribute('role', 'status');
    this.message.setAttribute('aria-live', 'polite');

    const goto = document.createElement('label');
    goto.className = 'goto-box';
    const gotoIcon = document.createElement('span');
    gotoIcon.className = 'codicon codicon-go-to-file';
    gotoIcon.setAttribute('aria-hidden', 'true');
    goto.append(gotoIcon, this.gotoInput);

    this.lines = document.createElement('span');
    this.lines.className = 'lines';
    this.lines.setAttribute('aria-live', 'off');

    this.followButton = button('fold-down', t('toolbar.follow'), t('toolbar.followTip'), () => events.onFollow());
    this.followButton.setAttribute('aria-pressed', 'false');

    this.modeButton = button('lock', t(MODE_LABEL[doc.mode]), t('toolbar.modeTip'), () => events.onChangeMode());
    this.mode = doc.mode;
    this.setMode(doc.mode);
    this.saveButton = button('save', t('toolbar.save'), t('toolbar.saveTip'), () => events.onSave());
    this.saveButton.classList.add('save');
    this.saveButton.hidden = true;

    this.timelineButton = button('graph', t('toolbar.timeline'), t('toolbar.timelineTip'), () => events.onTimeline());
    this.timelineButton.classList.add('timeline-toggle');
    this.timelineButton.setAttribute('aria-pressed', 'false');

    this.overflowButton = button('ellipsis', '', t('toolbar.more'), () => this.toggleOverflow());
    this.overflowButton.classList.add('overflow-button');
    this.overflowButton.setAttribute('aria-haspopup', 'true');
    this.overflowButton.setAttribute('aria-expanded', 'false');
    this.overflowButton.hidden = true;
    this.overflowMenu = document.createElement('div');
    this.overflowMenu.className = 'toolbar-overflow';
    this.overflowMenu.setAttribute('role', 'group');
    this.overflowMenu.setAttribute('aria-label', t('toolbar.more'));
    this.overflowMenu.hidden = true;
    // Moved into the "…" menu when the row is too narrow, the first of these first.
    this.overflowOrder = [this.lines, this.timelineButton, this.followButton, goto, this.wrapButton, this.encodingSelect, this.widthSelect, switcher];
    this.rowOrder = [switcher, this.widthSelect, this.encodingSelect, this.wrapButton, goto, this.followButton, this.timelineButton, this.lines];
    this.element.append(title, this.modeButton, this.saveButton, switcher, this.widthSelect, this.encodingSelect, this.wrapButton, goto, this.followButton, this.timelineButton, this.lines, this.message, this.overflowButton, this.overflowMenu);
    new ResizeObserver(() => this.fit()).observe(this.element);
    document.addEventListener('mousedown', (e) => {
      if (!this.overflowMenu.hidden && !this.overflowMenu.contains(e.target as Node) && !this.overflowButton.contains(e.target as Node)) this.toggleOverflow(false);
    });
  }

  /**
   * One row at any width: what does not fit goes, in overflowOrder, into the "…" menu (as VS
   * Code's editor toolbars do); it comes back, in its place, when there is room again.
   */
  private fit(): void {
    const bar = this.element;
    const row = [...bar.children, ...this.overflowMenu.children].filter((el) => this.overflowOrder.includes(el as HTMLElement));
    const inOrder = this.rowOrder.filter((el) => row.includes(el) || el.parentElement === bar);
    for (let k = inOrder.length - 1; k >= 0; k--) {
      const el = inOrder[k];
      if (el.parentElement !== bar) bar.insertBefore(el, inOrder.slice(k + 1).find((x) => x.parentElement === bar) ?? this.message);
    }
    this.overflowButton.hidden = true;
    const overflows = () => bar.scrollWidth > bar.clientWidth + 1;
    if (!overflows()) {
      this.toggleOverflow(false);
      return;
    }
    this.overflowButton.hidden = false;
    for (const el of this.overflowOrder) {
      if (!overflows()) break;
      this.overflowMenu.prepend(el);
    }
  }

  private toggleOverflow(open = this.overflowMenu.hidden): void {
    this.overflowMenu.hidden = !open;
    this.overflowButton.setAttribute('aria-expanded', String(open));
  }

  update(view: ViewKind, bytesPerRow: number, encoding: string, wrap: WordWrap): void {
    for (const [kind, b] of this.viewButtons) b.setAttribute('aria-pressed', String(view === kind));
    this.widthSelect.hidden = view !== 'hex';
    this.encodingSelect.hidden = view !== 'text';
    this.wrapButton.hidden = view !== 'text';
    this.wrapButton.setAttribute('aria-pressed', String(wrap !== 'off'));
    this.wrapButton.dataset.wrap = wrap;
    this.widthSelect.value = String(bytesPerRow);
    if (![...this.encodingSelect.options].some((o) => o.value === encoding)) {
      this.encodingSelect.append(new Option(encodingName(encoding), encoding));
    }
    this.encodingSelect.value = encoding;
    this.fit();
  }

  setSize(doc: DocumentInfo): void {
    this.title.textContent = `${doc.fileName} — ${formatSize(doc.size)}${doc.backend === 'js' ? ` — ${t('toolbar.jsBackend')}` : ''}`;
    this.title.title = doc.backend === 'js' ? t('toolbar.jsBackendTip') : '';
  }

  setMode(mode: DocumentInfo['mode']): void {
    const icon = this.modeButton.querySelector('.codicon');
    if (icon) icon.className = `codicon codicon-${MODE_ICON[mode]}`;
    this.modeButton.lastChild!.textContent = ` ${t(MODE_LABEL[mode])}`;
    this.modeButton.dataset.mode = mode;
    this.mode = mode;
    if (this.saveButton && mode === 'read') this.saveButton.hidden = true;
  }

  /** A dot in the title while there are unsaved edits, as VS Code's tabs show. */
  setDirty(dirty: boolean): void {
    this.title.classList.toggle('dirty', dirty);
    this.saveButton.hidden = !dirty || this.mode === 'read';
    this.saveButton.title = this.mode === 'copy' ? t('toolbar.saveCopyTip') : t('toolbar.saveEditsTip');
    if (!dirty && this.flashUntilSaved) {
      this.message.textContent = '';
      this.flashUntilSaved = false;
    }
  }

  setFollow(state: FollowState): void {
    this.followButton.setAttribute('aria-pressed', String(state !== 'off'));
    this.followButton.dataset.follow = state;
    this.followButton.lastChild!.textContent = ` ${state === 'paused' ? t('toolbar.followPaused') : t('toolbar.follow')}`;
    const tip = state === 'paused' ? t('toolbar.followPausedTip') : t('toolbar.followTip');
    this.followButton.title = tip;
    this.followButton.setAttribute('aria-label', tip);
  }

  setTimeline(open: boolean): void {
    this.timelineButton.setAttribute('aria-pressed', String(open));
  }

  /** A chip (the time range) before the line count. */
  addChip(chip: HTMLElement): void {
    this.element.insertBefore(chip, this.lines);
  }

  /** Line index progress, then the number of lines. */
  setLineIndex(progress: LineIndexProgress | undefined): void {
    if (!progress) {
      this.lines.textContent = '';
      return;
    }
    this.lines.textContent = progress.complete
      ? t(progress.lines === 1 ? 'toolbar.oneLine' : 'toolbar.lines', progress.lines)
      : t('toolbar.indexing', Math.floor((100 * progress.indexed) / Math.max(1, progress.size)), progress.lines);
    this.fit();
  }

  /**
   * A short message next to the controls, e.g. an invalid "go to". `untilSaved`: it is about a
   * save in progress, so it also goes when the document is next shown clean.
   */
  flash(text: string, untilSaved = false): void {
    this.message.textContent = text;
    this.flashUntilSaved = untilSaved;
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => (this.message.textContent = ''), 5000);
  }
}

/** A button of a codicon and a label (none: the icon alone), its tooltip and name `aria`. */
export function button(icon: string, label: string, aria: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  const glyph = document.createElement('span');
  glyph.className = `codicon codicon-${icon}`;
  glyph.setAttribute('aria-hidden', 'true');
  b.append(glyph, document.createTextNode(label ? ` ${label}` : ''));
  b.setAttribute('aria-label', aria);
  b.title = aria;
  b.addEventListener('click', onClick);
  return b;
}

function select(aria: string, options: readonly (readonly [string, string])[]): HTMLSelectElement {
  const s = document.createElement('select');
  s.setAttribute('aria-label', aria);
  for (const [value, label] of options) s.append(new Option(label, value));
  return s;
}

export function formatSize(bytes: number): string {
  return bytes < 1024 ? size(bytes) : t('size.withBytes', size(bytes), num(bytes));
}
