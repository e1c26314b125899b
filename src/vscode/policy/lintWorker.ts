// Runs in a worker thread: lints policies off the extension host's thread, so that a slow
// policy never delays typing. Bundled to dist/policyLintWorker.js. No vscode here.
import { parentPort, workerData } from 'worker_threads';
import { useCoreWordsFrom } from '../../core/coreWords';
import { lintRequest, type LintRequest } from './lintRequest';

if (parentPort) {
  // Findings are built here: in the display language the extension host passed (see PolicyLinter).
  useCoreWordsFrom((workerData as { coreWords?: Record<string, string> } | undefined)?.coreWords);
  const port = parentPort;
  port.on('message', (req: LintRequest) => {
    void lintRequest(req).then((res) => port.postMessage(res));
  });
}
