// Runs in a worker thread: lints policies off the extension host's thread, so that a slow
// policy never delays typing. Bundled to dist/policyLintWorker.js. No vscode here.
import { parentPort } from 'worker_threads';
import { lintRequest, type LintRequest } from './lintRequest';

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: LintRequest) => {
    void lintRequest(req).then((res) => port.postMessage(res));
  });
}
