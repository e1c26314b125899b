// Runs in a worker thread: parses a changed AWS config file, or lints one, off the extension host's
// thread, so that a file of many megabytes never pauses the editor. Bundled to dist/awsConfigWorker.js.
// It is given the config file's text only (never the credentials file's), and logs nothing.
import { parentPort, workerData } from 'worker_threads';
import { useCoreWordsFrom } from '../core/coreWords';
import { runConfigCheck, type ConfigCheckAnswer, type ConfigCheckJob } from './awsConfigChecks';
import { encodeParsedConfig, parseConfigText } from './awsConfigParse';
import type { ConfigParseAnswer, ConfigParseJob } from './awsConfigParser';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

if (parentPort) {
  // Dropped lines and findings are said in the display language the extension host passed.
  useCoreWordsFrom((workerData as { coreWords?: Record<string, string> } | undefined)?.coreWords);
  const port = parentPort;
  port.on('message', (job: ConfigParseJob | ConfigCheckJob) => {
    if ('kind' in job) {
      let answer: ConfigCheckAnswer;
      try {
        answer = { ok: true, findings: runConfigCheck(job) };
      } catch (e) {
        answer = { ok: false, error: message(e) };
      }
      port.postMessage(answer);
      return;
    }
    void parseConfigText(job.file, job.text).then(
      (parsed): ConfigParseAnswer => ({ id: job.id, ok: true, parsed: encodeParsedConfig(parsed) }),
      (e: unknown): ConfigParseAnswer => ({ id: job.id, ok: false, error: message(e) }),
    ).then((answer) => port.postMessage(answer));
  });
}
