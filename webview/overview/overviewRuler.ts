// The overview ruler: a canvas strip beside the main view's scrollbar with where in the whole file
// the find matches, the filter's lines, the error-level lines and the bookmarks are (three lanes
// of 3 px, as VS Code's ruler has; bookmarks across).
// The host sends counts per pixel row ('overview', extension/overview/overviewDensity.ts) as the
// scans run; drawing is one pass over the ruler's rows, whatever the number of hits (klogg's
// overview froze redrawing many hits, PR #562). A click jumps there.
import type { OverviewKind } from '../../shared/filterProtocol';
import { intensities, offsetAtY, OVERVIEW_KINDS, resample } from './overviewBands';
import { t } from '../l10n';

/** The theme colours of the kinds' marks (VS Code's own overview ruler colours). */
const COLOR_VARS: Record<OverviewKind, [string, string]> = {
  find: ['--vscode-editorOverviewRuler-findMatchForeground', '#d18616'],
  filter: ['--vscode-editorOverviewRuler-infoForeground', '#3794ff'],
  errors: ['--vscode-editorOverviewRuler-errorForeground', '#f14c4c'],
  bookmarks: ['--vscode-editorOverviewRuler-bracketMatchForeground', '#a0a0a0'],
};

export interface OverviewRulerEvents {
  /** The ruler is this many pixel rows tall (the host counts hits per row). */
  rows(rows: number): void;
  jump(offset: number): void;
  size(): number;
}

export class OverviewRuler {
  readonly element: HTMLCanvasElement;
  private readonly counts = new Map<OverviewKind, Uint32Array>();
  private height = 0;
  private drawQueued = false;

  constructor(private readonly events: OverviewRulerEvents) {
    this.element = document.createElement('canvas');
    this.element.className = 'overview-ruler';
    this.element.setAttribute('aria-hidden', 'true');
    this.element.title = t('overview.title');
    this.element.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      const rect = this.element.getBoundingClientRect();
      this.events.jump(offsetAtY(e.clientY - rect.top, rect.height, this.events.size()));
    });
    new ResizeObserver(() => this.measure()).observe(this.element);
  }

  /** Counts of one kind per row of a ruler `rows` tall (undefined or empty: none). */
  update(kind: OverviewKind, counts: Uint32Array | undefined): void {
    if (counts && counts.some((c) => c > 0)) this.counts.set(kind, counts);
    else this.counts.delete(kind);
    this.element.dataset[kind] = String(this.counts.has(kind));
    this.queueDraw();
  }

  private measure(): void {
    const height = Math.round(this.element.clientHeight);
    if (height <= 0 || height === this.height) return;
    this.height = height;
    this.events.rows(Math.min(8192, height));
    this.queueDraw();
  }

  private queueDraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  private draw(): void {
    const canvas = this.element;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    const style = getComputedStyle(canvas);
    const lanes = OVERVIEW_KINDS.filter((k) => k !== 'bookmarks');
    const lane = Math.floor(width / lanes.length);
    for (const kind of OVERVIEW_KINDS) {
      const counts = this.counts.get(kind);
      if (!counts) continue;
      const [cssVar, fallback] = COLOR_VARS[kind];
      ctx.fillStyle = style.getPropertyValue(cssVar).trim() || fallback;
      const alpha = intensities(resample(counts, height));
      const x = kind === 'bookmarks' ? 0 : lanes.indexOf(kind) * lane;
      const w = kind === 'bookmarks' ? width : lane;
      for (let y = 0; y < height; y++) {
        if (alpha[y] === 0) continue;
        ctx.globalAlpha = alpha[y];
        // A bookmark is a bar across, two pixels tall (as VS Code's ruler draws a cursor).
        ctx.fillRect(x, kind === 'bookmarks' ? Math.max(0, y - 1) : y, w, kind === 'bookmarks' ? 2 : 1);
      }
    }
    ctx.globalAlpha = 1;
  }
}
