// The views a document can be shown in: one entry each. A new view (a filtered view of matching
// lines, a structure view, a timeline) is a RowModel, a RowsView subclass drawing its rows, and
// one entry here (plus its name in shared/protocol.ts's VIEW_KINDS). See README "Views".
import type { WebviewStringKey } from '../../shared/webviewStrings';
import type { ViewKind } from '../../shared/protocol';
import type { PageCache } from '../pageCache';
import type { Selection } from '../selection';
import type { TextCodec } from '../textCodec';
import type { DocumentView, RowModel, ViewEvents, ViewRow } from './documentView';
import { HexModel } from './hexModel';
import { HexView } from './hexView';
import { TextModel } from './textModel';
import { TextView } from './textView';

/** What a view's rows are made from (no DOM: the models are unit-tested from this table). */
export interface ModelContext {
  readonly cache: PageCache;
  readonly size: number;
  readonly codec: TextCodec;
}

/** What a view's DOM needs besides its model. */
export interface ViewContext {
  readonly selection: Selection;
  readonly events: ViewEvents;
  /** 8, 16, 32, 64 or 'fit' (the hex view's row width). */
  readonly bytesPerRow: number | 'fit';
}

export interface ViewEntry<M extends RowModel<ViewRow>, V extends DocumentView> {
  /** The toolbar's label (the key of its text) and icon (a codicon). */
  readonly label: WebviewStringKey;
  readonly icon: string;
  model(context: ModelContext): M;
  view(context: ViewContext, model: M): V;
}

function entry<M extends RowModel<ViewRow>, V extends DocumentView>(e: ViewEntry<M, V>): ViewEntry<M, V> {
  return e;
}

export const VIEW_TABLE = {
  hex: entry({
    label: 'view.hex',
    icon: 'file-binary',
    model: (c) => new HexModel(c.cache, c.size),
    view: (c, model) => new HexView(model, c.selection, c.events, c.bytesPerRow),
  }),
  text: entry({
    label: 'view.text',
    icon: 'file-text',
    model: (c) => new TextModel(c.cache, c.size, c.codec),
    view: (c, model) => new TextView(model, c.selection, c.events),
  }),
} as const satisfies { readonly [K in ViewKind]: ViewEntry<RowModel<ViewRow>, DocumentView> };

/** The views of an editor, made from the table (the concrete classes, for the options only they have). */
export type Views = { readonly [K in ViewKind]: ReturnType<(typeof VIEW_TABLE)[K]['view']> };

export function createViews(models: ModelContext, views: ViewContext): Views {
  const made: Partial<Record<ViewKind, DocumentView>> = {};
  for (const kind of Object.keys(VIEW_TABLE) as ViewKind[]) {
    const e: ViewEntry<RowModel<ViewRow>, DocumentView> = VIEW_TABLE[kind];
    made[kind] = e.view(views, e.model(models));
  }
  return made as Views;
}
