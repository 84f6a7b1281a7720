// The frame every view shares: the focusable rows area beside the whole-file scrollbar, with
// wheel, keyboard and pointer input turned into calls on the view. Vertical scrolling is the
// view's own (browsers cap scroll heights far below a big file's rows); sideways scrolling is
// the browser's (a row is never wider than the text view's unwrapped limit).
import { Scrollbar } from '../scrollbar';

export interface ViewInput {
  /** The scrollbar's thumb was dragged to `position` (a byte offset). */
  scrollTo(position: number): void;
  /** A click on the scrollbar track: a page up or down. */
  page(direction: 1 | -1): void;
  /** The wheel moved this many rows (never 0). */
  wheelRows(rows: number): void;
  key(e: KeyboardEvent): void;
  /** A press (`extending` false) or a drag over the rows. */
  pointer(e: PointerEvent, extending: boolean): void;
  /** The second (2) or third (3) press of a multiple click. */
  multiClick(e: PointerEvent, count: 2 | 3): void;
}

/** Presses closer together than this make a double (or triple) click. */
const DOUBLE_CLICK_MS = 500;

export class ViewFrame {
  readonly element: HTMLElement;
  readonly rows: HTMLElement;
  readonly scrollbar: Scrollbar;
  /** Set by the view once it has measured the font. */
  rowHeight = 20;
  private dragging = false;
  private lastPress: { at: number; x: number; y: number; count: number } | undefined;

  constructor(className: string, role: string, label: string, input: ViewInput) {
    this.element = document.createElement('div');
    this.element.className = `view ${className}`;
    this.rows = document.createElement('div');
    this.rows.className = 'rows';
    this.rows.tabIndex = 0;
    this.rows.setAttribute('role', role);
    this.rows.setAttribute('aria-label', label);
    this.scrollbar = new Scrollbar((position) => input.scrollTo(position), (direction) => input.page(direction));
    this.element.append(this.rows, this.scrollbar.element);

    this.rows.addEventListener(
      'wheel',
      (e) => {
        // Sideways (a trackpad, Shift+wheel) is the browser's own scrolling of the rows.
        if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
        e.preventDefault();
        const lines = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? e.deltaY : e.deltaY / this.rowHeight;
        if (lines === 0) return;
        input.wheelRows(lines > 0 ? Math.max(1, Math.round(lines)) : Math.min(-1, Math.round(lines)));
      },
      { passive: false },
    );
    this.rows.addEventListener('keydown', (e) => input.key(e));
    this.rows.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      this.rows.focus();
      // Nothing of the page stays selected: the byte selection is the only one.
      document.getSelection()?.removeAllRanges();
      const count = this.pressCount(e);
      this.dragging = count === 1;
      if (count === 1) input.pointer(e, false);
      else input.multiClick(e, count);
    });
    this.rows.addEventListener('pointermove', (e) => this.dragging && input.pointer(e, true));
    window.addEventListener('pointerup', () => (this.dragging = false));
  }

  /**
   * 1, 2 or 3 for a single, double or triple press (then 1 again). Counted here: the browser's
   * click events do not come, since each press redraws the row under the pointer.
   */
  private pressCount(e: PointerEvent): 1 | 2 | 3 {
    const last = this.lastPress;
    const near = last && e.timeStamp - last.at < DOUBLE_CLICK_MS && Math.abs(e.clientX - last.x) < 4 && Math.abs(e.clientY - last.y) < 4;
    const count = near ? ((last.count % 3) + 1) as 1 | 2 | 3 : 1;
    this.lastPress = { at: e.timeStamp, x: e.clientX, y: e.clientY, count };
    return count;
  }

  /** Whole rows that fit in the frame (below its top padding, above a sideways scrollbar). */
  visibleRows(): number {
    const height = this.rows.clientHeight - (parseFloat(getComputedStyle(this.rows).paddingTop) || 0);
    return Math.max(1, Math.floor(height / this.rowHeight));
  }
}
