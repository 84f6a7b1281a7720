// A page cache over bytes made on demand (a Buffer, or a generator for a virtual file of any
// size), whose requests are answered when the test says so: the views' "pages on the way".
import { PageCache } from '../../../webview/pageCache';
import { Selection } from '../../../webview/selection';
import type { RowModel, ViewRow, Viewport } from '../../../webview/views/documentView';
import { ViewNavigator } from '../../../webview/views/viewNavigator';

export interface FakeCache {
  readonly cache: PageCache;
  /** Answers every request made so far; returns how many. */
  deliver(): number;
  /** Requests answered so far (to check a move reads a bounded part of the file). */
  readonly served: { offset: number; length: number }[];
}

export function fakeCache(size: number, bytesAt: (offset: number, length: number) => Uint8Array): FakeCache {
  const queue = new Map<number, { offset: number; length: number }>();
  const served: { offset: number; length: number }[] = [];
  const cache = new PageCache(
    {
      request: (id, offset, length) => queue.set(id, { offset, length }),
      cancel: (ids) => ids.forEach((id) => queue.delete(id)),
    },
    size,
    4096,
  );
  return {
    cache,
    served,
    deliver: () => {
      const batch = [...queue];
      queue.clear();
      for (const [id, r] of batch) {
        served.push(r);
        cache.receive(id, r.offset, bytesAt(r.offset, r.length));
      }
      return batch.length;
    },
  };
}

export function bufferCache(bytes: Uint8Array): FakeCache {
  return fakeCache(bytes.length, (offset, length) => bytes.slice(offset, offset + length));
}

/** Calls `f` until it answers, delivering pages in between. */
export function settle<T>(fake: FakeCache, f: () => T | undefined): T {
  for (let i = 0; i < 1000; i++) {
    const v = f();
    if (v !== undefined) return v;
    if (fake.deliver() === 0) throw new Error('no answer, and no page asked for');
  }
  throw new Error('no answer after 1000 deliveries');
}

/** A navigator over `model` with its own selection, and a way to finish each move. */
export function navigatorOver<R extends ViewRow>(
  model: RowModel<R>,
  fake: FakeCache,
  viewport: Viewport,
  editable = false,
): { nav: ViewNavigator<R>; selection: Selection; finish: () => void; rows: () => NonNullable<ReturnType<ViewNavigator<R>['visibleRows']>>; userScrolls: boolean[] } {
  const selection = new Selection(model.size, editable);
  const userScrolls: boolean[] = [];
  const nav = new ViewNavigator(model, selection, { changed: () => undefined, topChanged: (byUser) => userScrolls.push(byUser) });
  nav.setViewport(viewport);
  /** Finishes the move just started (delivering its pages). */
  const finish = () => {
    for (let i = 0; i < 1000 && nav.waiting; i++) {
      fake.deliver();
      nav.pagesArrived();
    }
    if (nav.waiting) throw new Error('the move never finished');
  };
  const rows = () => settle(fake, () => nav.visibleRows());
  return { nav, selection, finish, rows, userScrolls };
}

export function ascii(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}
