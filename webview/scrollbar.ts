// A scrollbar that maps the whole document linearly. The browser's own scroll height is capped
// far below the rows of a multi-GB file, so the view owns its position and draws this instead.
import { ScrollGeometry, thumbPx, thumbTopPx, topRowAtThumb } from './layout';
import { t } from './l10n';

export class Scrollbar {
  readonly element: HTMLElement;
  private readonly thumb: HTMLElement;
  private geometry: ScrollGeometry = { totalRows: 0, visibleRows: 0, trackPx: 0 };
  private dragStart: { y: number; thumbTop: number } | undefined;

  constructor(private readonly onScroll: (topRow: number) => void, private readonly onPage: (direction: 1 | -1) => void) {
    this.element = document.createElement('div');
    this.element.className = 'scrollbar';
    this.element.setAttribute('role', 'scrollbar');
    this.element.setAttribute('aria-orientation', 'vertical');
    this.element.setAttribute('aria-label', t('scrollbar.label'));
    this.thumb = document.createElement('div');
    this.thumb.className = 'scrollbar-thumb';
    this.element.appendChild(this.thumb);

    this.thumb.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      e.stopPropagation();
      this.thumb.setPointerCapture(e.pointerId);
      this.dragStart = { y: e.clientY, thumbTop: this.thumb.offsetTop };
      this.thumb.classList.add('active');
    });
    this.thumb.addEventListener('pointermove', (e) => {
      if (!this.dragStart) return;
      const px = this.dragStart.thumbTop + (e.clientY - this.dragStart.y);
      this.onScroll(topRowAtThumb(px, this.geometry));
    });
    const endDrag = () => {
      this.dragStart = undefined;
      this.thumb.classList.remove('active');
    };
    this.thumb.addEventListener('pointerup', endDrag);
    this.thumb.addEventListener('pointercancel', endDrag);
    // A click on the track pages towards the click, as native scrollbars do.
    this.element.addEventListener('pointerdown', (e) => {
      if (e.target !== this.element) return;
      const rect = this.thumb.getBoundingClientRect();
      this.onPage(e.clientY < rect.top ? -1 : 1);
    });
  }

  update(geometry: ScrollGeometry, topRow: number): void {
    this.geometry = geometry;
    const hidden = geometry.totalRows <= geometry.visibleRows;
    this.element.classList.toggle('hidden', hidden);
    this.thumb.style.height = `${thumbPx(geometry)}px`;
    this.thumb.style.top = `${thumbTopPx(topRow, geometry)}px`;
    this.element.setAttribute('aria-valuemin', '0');
    this.element.setAttribute('aria-valuemax', String(Math.max(0, geometry.totalRows - geometry.visibleRows)));
    this.element.setAttribute('aria-valuenow', String(topRow));
  }
}
