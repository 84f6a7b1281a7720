// Host messages reach the webview's controllers through one table: every message type of
// shared/protocol.ts names the controller that handles it, and each controller handles exactly
// its own types with an exhaustive switch. A message type added to the protocol without a route
// is a compile error here (the table must cover every type), and one routed to a controller that
// does not handle it is a compile error there (its switch's `default` would see the new type).
import type { HostMessage } from '../shared/protocol';

/** The webview's controllers, each subscribed to its own host messages. */
export type ControllerName = 'boot' | 'editor' | 'pages' | 'lines' | 'find' | 'filter' | 'time';

export type HostMessageType = HostMessage['type'];
export type HostMessageOf<T extends HostMessageType> = Extract<HostMessage, { readonly type: T }>;

/** Who handles each host message. */
export const HOST_ROUTES = {
  // Creating the editor, or saying why there is none.
  init: 'boot',
  openFailed: 'boot',
  // The page cache.
  page: 'pages',
  pageFailed: 'pages',
  // Line numbers for the gutter and the toolbar.
  lineIndex: 'lines',
  lineNumbers: 'lines',
  // Find, replace and the results panel.
  openFind: 'find',
  findProgress: 'find',
  findDone: 'find',
  findResults: 'find',
  replaced: 'find',
  visibleMatches: 'find',
  // The document, its views and their position.
  goto: 'editor',
  gotoFailed: 'editor',
  toggleView: 'editor',
  toggleTypingMode: 'editor',
  setEncoding: 'editor',
  setBytesPerRow: 'editor',
  setWordWrap: 'editor',
  reportRendered: 'editor',
  reveal: 'editor',
  gotoPreview: 'editor',
  gotoCancel: 'editor',
  select: 'editor',
  fileChanged: 'editor',
  setFollow: 'editor',
  contentChanged: 'editor',
  modeChanged: 'editor',
  editRefused: 'editor',
  saveHeld: 'editor',
  editedRanges: 'editor',
  // The filtered view, bookmarks and the overview ruler (shared/filterProtocol.ts).
  filterProgress: 'filter',
  filterDone: 'filter',
  filterRows: 'filter',
  filterChain: 'filter',
  filterNearest: 'filter',
  filterStale: 'filter',
  filterExportProgress: 'filter',
  filterExportDone: 'filter',
  filterPresets: 'filter',
  bookmarks: 'filter',
  overview: 'filter',
  openFilter: 'filter',
  highlightRules: 'filter',
  // The timeline and the time range (time in logs).
  timeline: 'time',
  timeRange: 'time',
  showTimeline: 'time',
} as const satisfies Record<HostMessageType, ControllerName>;

/** The message types a route table sends to controller `C`. */
export type RoutedTypes<R extends Record<string, ControllerName>, C extends ControllerName> = {
  [T in keyof R]: R[T] extends C ? T : never;
}[keyof R];

/** The host messages controller `C` handles. */
export type MessagesFor<C extends ControllerName> = HostMessageOf<RoutedTypes<typeof HOST_ROUTES, C> & HostMessageType>;

export interface MessageHandler<M> {
  handle(message: M): void;
}

/**
 * Delivers each message to the controller its route names. A message for a controller not
 * subscribed (yet: the editor exists only after 'init') or of a type no route knows (the host
 * of another version) is dropped, and `dispatch` says so.
 */
export class MessageRouter<M extends { readonly type: string }, R extends Record<M['type'], ControllerName>> {
  private readonly handlers = new Map<ControllerName, MessageHandler<never>>();

  constructor(private readonly routes: R) {}

  /** `handler` receives the messages routed to `name` from now on; the returned function stops that. */
  subscribe<C extends ControllerName>(name: C, handler: MessageHandler<Extract<M, { readonly type: RoutedTypes<R, C> }>>): () => void {
    if (this.handlers.has(name)) throw new Error(`The ${name} controller is already subscribed`);
    this.handlers.set(name, handler);
    return () => {
      if (this.handlers.get(name) === (handler as MessageHandler<never>)) this.handlers.delete(name);
    };
  }

  /** Hands `message` to its controller; false when it was dropped. */
  dispatch(message: M): boolean {
    const route = Object.prototype.hasOwnProperty.call(this.routes, message.type) ? this.routes[message.type as M['type']] : undefined;
    const handler = route && this.handlers.get(route);
    if (!handler) return false;
    (handler as MessageHandler<M>).handle(message);
    return true;
  }
}

/** The router of host messages, with the protocol's table. */
export function hostMessageRouter(): MessageRouter<HostMessage, typeof HOST_ROUTES> {
  return new MessageRouter<HostMessage, typeof HOST_ROUTES>(HOST_ROUTES);
}

/** The `default` of an exhaustive switch: a message type that reaches it is a compile error. */
export function unhandled(message: never): never {
  throw new Error(`Unhandled host message ${JSON.stringify((message as { type?: unknown }).type)}`);
}
