// The extension's log: a LogOutputChannel ("Large File Editor" in the Output panel, with VS
// Code's log levels), so an error the user never sees as a notification — a failed mode switch,
// a message from the webview that could not be acted on — is still there to send with a bug
// report. Never throws: logging must not turn a handled error into an unhandled one.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

function output(): vscode.LogOutputChannel | undefined {
  try {
    channel ??= vscode.window.createOutputChannel('Large File Editor', { log: true });
  } catch {
    // No window (a unit test): nowhere to log.
  }
  return channel;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(e);
}

/** Logs `e` with what was being done when it happened. */
export function logError(context: string, e: unknown): void {
  output()?.error(`${context}: ${describe(e)}`);
}

export function logInfo(message: string): void {
  output()?.info(message);
}

/** Runs `work`, logging (not throwing) a failure: for promises nobody awaits. */
export function logFailure(context: string, work: Promise<unknown>): void {
  work.catch((e: unknown) => logError(context, e));
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
