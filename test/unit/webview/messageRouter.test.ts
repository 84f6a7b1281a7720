// The router of host messages: each message reaches the controller its route names; messages for
// a controller not subscribed yet, or of a type no route knows, are dropped. The route table and
// the controllers' switches are checked by the compiler: the @ts-expect-error lines below fail
// the build if a missing route or an unhandled message type stops being an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostMessage } from '../../../shared/protocol';
import {
  type ControllerName,
  HOST_ROUTES,
  type HostMessageType,
  hostMessageRouter,
  type MessagesFor,
  unhandled,
} from '../../../webview/messageRouter';

test('every host message type has a route, and a table without one does not compile', () => {
  const { saveHeld: _dropped, ...withoutOne } = HOST_ROUTES;
  // @ts-expect-error 'saveHeld' has no route
  const incomplete: Record<HostMessageType, ControllerName> = withoutOne;
  assert.equal(Object.keys(incomplete).length, Object.keys(HOST_ROUTES).length - 1);
  assert.ok(Object.values(HOST_ROUTES).every((c) => ['boot', 'editor', 'pages', 'lines', 'find', 'filter', 'time'].includes(c)));
});

/** A 'pages' controller that forgot 'pageFailed': its switch's default does not compile. */
function forgetful(m: MessagesFor<'pages'>): string {
  switch (m.type) {
    case 'page':
      return 'page';
    default:
      // @ts-expect-error 'pageFailed' reaches the default
      return unhandled(m);
  }
}

test('a controller whose switch misses one of its message types does not compile (and throws if one comes)', () => {
  assert.equal(forgetful({ type: 'page', requestId: 1, offset: 0, data: new Uint8Array(0) }), 'page');
  assert.throws(() => forgetful({ type: 'pageFailed', requestId: 1, code: 'E', message: 'm' }), /Unhandled host message "pageFailed"/);
});

test('each message reaches the controller its route names, and only it', () => {
  const router = hostMessageRouter();
  const seen: string[] = [];
  const record = (name: string) => ({ handle: (m: HostMessage) => seen.push(`${name}:${m.type}`) });
  for (const name of ['boot', 'editor', 'pages', 'lines', 'find', 'filter', 'time'] as const) router.subscribe(name, record(name));
  const messages: HostMessage[] = [
    { type: 'page', requestId: 1, offset: 0, data: new Uint8Array(0) },
    { type: 'findDone', searchId: 1, result: { kind: 'noMatch' } },
    { type: 'lineIndex', progress: { indexed: 0, size: 0, lines: 0, complete: false } },
    { type: 'setWordWrap', wrap: 'toggle' },
    { type: 'openFailed', code: 'E', message: 'm' },
  ];
  for (const m of messages) assert.equal(router.dispatch(m), true);
  assert.deepEqual(seen, ['pages:page', 'find:findDone', 'lines:lineIndex', 'editor:setWordWrap', 'boot:openFailed']);
});

test('messages for a controller not subscribed (yet, or any more) and of unknown types are dropped', () => {
  const router = hostMessageRouter();
  const seen: string[] = [];
  assert.equal(router.dispatch({ type: 'saveHeld' }), false, 'no editor yet');
  const stop = router.subscribe('editor', { handle: (m) => seen.push(m.type) });
  assert.equal(router.dispatch({ type: 'saveHeld' }), true);
  assert.equal(router.dispatch({ type: 'noSuchMessage' } as unknown as HostMessage), false);
  assert.equal(router.dispatch({ type: 'toString' } as unknown as HostMessage), false, 'not fooled by Object.prototype');
  assert.throws(() => router.subscribe('editor', { handle: () => undefined }), /already subscribed/);
  stop();
  assert.equal(router.dispatch({ type: 'saveHeld' }), false);
  assert.deepEqual(seen, ['saveHeld']);
});
