// Long work under a notification with a percentage and a Cancel button. The notification is VS
// Code's: it stays exactly as long as the promise returned to withProgress is pending, so the work
// is awaited inside it and nothing else is (no question asked, no later step): it ends when the
// work ends, whether the work finished, failed or was cancelled.
import * as vscode from 'vscode';

/**
 * Runs `work` under a cancellable progress notification. `report(done, total)` moves the bar
 * (whole percents); `signal` aborts when the user presses Cancel or `token` is cancelled.
 */
export async function withCancellableProgress<T>(
  title: string,
  token: vscode.CancellationToken | undefined,
  work: (report: (done: number, total: number) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, progressToken) => {
      const abort = new AbortController();
      const cancel = () => abort.abort();
      const subscriptions = [progressToken.onCancellationRequested(cancel), ...(token ? [token.onCancellationRequested(cancel)] : [])];
      let last = 0;
      try {
        return await work((done, total) => {
          const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
          if (percent > last) {
            progress.report({ increment: percent - last, message: `${percent}%` });
            last = percent;
          }
        }, abort.signal);
      } finally {
        for (const s of subscriptions) s.dispose();
      }
    },
  );
}
