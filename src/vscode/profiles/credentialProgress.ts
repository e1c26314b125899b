import * as vscode from 'vscode';
import { Cancelled } from './prompts';

/** How long getting credentials runs before its progress is shown: a fast resolution shows nothing. */
export const CREDENTIAL_PROGRESS_DELAY_MS = 1500;

/**
 * Getting a profile's credentials with a cancellable progress notification that appears once it has
 * taken longer than CREDENTIAL_PROGRESS_DELAY_MS: a credential_process may wait for input no one can
 * give here, and the SDK waits on it forever. Cancel aborts the work's signal (which stops a
 * credential_process) and rejects at once, silently, whether or not the work stops.
 */
export class CredentialProgress {
  private readonly shown = new Map<number, { readonly title: string; cancel(): void }>();
  private nextId = 0;

  /** The titles of the notifications shown now: tests wait on this state. */
  get titles(): string[] {
    return [...this.shown.values()].map((s) => s.title);
  }

  /** Cancels every resolution whose notification is shown, as its Cancel button does. */
  cancelShown(): void {
    for (const s of [...this.shown.values()]) s.cancel();
  }

  run<T>(profile: string, work: (signal: AbortSignal) => Promise<T>, cancelled: () => Error = () => new Cancelled()): Promise<T> {
    const abort = new AbortController();
    const title = vscode.l10n.t('Getting credentials for profile {0}…', profile);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      let endProgress: (() => void) | undefined;
      const settle = (finish: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.shown.delete(id);
        endProgress?.();
        finish();
      };
      const cancel = () => {
        abort.abort();
        settle(() => reject(cancelled()));
      };
      const timer = setTimeout(() => {
        void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) =>
          new Promise<void>((end) => {
            if (done) return end();
            const sub = token.onCancellationRequested(cancel);
            endProgress = () => {
              sub.dispose();
              end();
            };
            this.shown.set(id, { title, cancel });
          }));
      }, CREDENTIAL_PROGRESS_DELAY_MS);
      work(abort.signal).then((v) => settle(() => resolve(v)), (e: unknown) => settle(() => reject(e)));
    });
  }
}
