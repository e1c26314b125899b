// Runs in a worker thread: parses a changed AWS config file off the extension host's thread, so that
// a file of many megabytes never pauses the editor. Bundled to dist/awsConfigWorker.js. It is given
// the config file's text only (never the credentials file's), and logs nothing.
import { parentPort, workerData } from 'worker_threads';
import { useCoreWordsFrom } from '../core/coreWords';
import { encodeParsedConfig, parseConfigText } from './awsConfigParse';
import type { ConfigParseAnswer, ConfigParseJob } from './awsConfigParser';

if (parentPort) {
  // The dropped lines are said in the display language the extension host passed.
  useCoreWordsFrom((workerData as { coreWords?: Record<string, string> } | undefined)?.coreWords);
  const port = parentPort;
  port.on('message', (job: ConfigParseJob) => {
    void parseConfigText(job.file, job.text).then(
      (parsed): ConfigParseAnswer => ({ id: job.id, ok: true, parsed: encodeParsedConfig(parsed) }),
      (e: unknown): ConfigParseAnswer => ({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    ).then((answer) => port.postMessage(answer));
  });
}
