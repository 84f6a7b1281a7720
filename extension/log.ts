// The extension's log: a LogOutputChannel ("Large File Editor" in the Output panel, with VS
// Code's log levels), so an error the user never sees as a notification — a failed mode switch,
// a message from the webview that could not be acted on, an error swallowed because the work
// could go on without it — is still there to send with a bug report. This module does not
// import vscode: the engine's door, the save paths and the edit journal log through it too, and
// they also run outside VS Code (unit tests, the engine's command line), where the log goes
// nowhere unless someone opens one (`openLog`). Never throws: logging must not turn a handled
// error into an unhandled one.

/** Where the log goes: VS Code's LogOutputChannel has these methods. */
export interface LogChannel {
  error(message: string): void;
  info(message: string): void;
  dispose?(): void;
}

let open: (() => LogChannel) | undefined;
let channel: LogChannel | undefined;

/**
 * Where the log goes from now on; `create` runs at the first message (the output channel exists
 * only once there is something to say). The extension opens VS Code's channel when it activates.
 */
export function openLog(create: () => LogChannel): void {
  disposeLog();
  open = create;
}

function output(): LogChannel | undefined {
  try {
    channel ??= open?.();
  } catch {
    // The channel could not be made (a window going away): nowhere to log, and nothing to tell.
    open = undefined;
  }
  return channel;
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const raw = (e as { code?: unknown }).code;
    const code = typeof raw === 'string' ? ` [${raw}]` : '';
    return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}${code}${e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  }
  if (typeof e === 'object' && e !== null) {
    try {
      return JSON.stringify(e);
    } catch {
      // Circular, or a getter that throws: its string form is all there is to say.
    }
  }
  return String(e);
}

/** Logs `e` with what was being done when it happened (which file, which step). */
export function logError(context: string, e: unknown): void {
  try {
    output()?.error(`${context}: ${describe(e)}`);
  } catch {
    // A closed channel: the message is lost, the caller goes on.
  }
}

export function logInfo(message: string): void {
  try {
    output()?.info(message);
  } catch {
    // A closed channel: as in logError.
  }
}

/** Runs `work`, logging (not throwing) a failure: for promises nobody awaits. */
export function logFailure(context: string, work: Promise<unknown>): void {
  work.catch((e: unknown) => logError(context, e));
}

export function disposeLog(): void {
  const c = channel;
  channel = undefined;
  open = undefined;
  try {
    c?.dispose?.();
  } catch {
    // Disposing a channel VS Code already closed: nothing left to release.
  }
}
