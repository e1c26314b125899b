/**
 * One parse of an AWS config file's text: the SDK's ini loader's sections and the lines it drops,
 * the same in the worker thread (src/node/awsConfigWorker.ts) and on the extension host's thread.
 * The sections cross between threads as JSON chunks, which the host decodes a chunk at a time: a
 * message of a few hundred thousand small objects is decoded by the receiving thread in one go, for
 * about as long as the parse itself.
 */
import { externalDataInterceptor, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { fileProblems } from '../core/profiles/fileProblems';
import type { IniSyntaxProblem } from '../core/profiles/iniSyntax';
import type { IniSections } from '../core/profiles/model';

export interface ParsedConfig {
  readonly sections: IniSections;
  readonly problems: readonly IniSyntaxProblem[];
}

/** A parsed config as it crosses between threads. */
export interface ParsedConfigWire {
  /** JSON arrays of section, key, value, section, key, value, …: at most RECORDS_PER_CHUNK each. */
  readonly sections: readonly string[];
  readonly problems: readonly IniSyntaxProblem[];
}

/** Settings per chunk: decoding one takes a few milliseconds. */
const RECORDS_PER_CHUNK = 20_000;

/**
 * The SDK's ini loader's sections of a config file's text, read from that text rather than from the
 * disk: the bytes parsed are the bytes read, hashed and checked. The loader is handed the text through
 * its own interception hook, removed again before the parse runs.
 */
export async function sdkConfigSections(file: string, text: string): Promise<IniSections> {
  // No credentials file: an intercepted empty text, so that no file is read.
  const noCredentials = `${file}\0no-credentials`;
  const intercepted = externalDataInterceptor.getFileRecord();
  externalDataInterceptor.interceptFile(file, text);
  externalDataInterceptor.interceptFile(noCredentials, '');
  try {
    const loading = loadSharedConfigFiles({ configFilepath: file, filepath: noCredentials, ignoreCache: true });
    delete intercepted[file];
    delete intercepted[noCredentials];
    return (await loading).configFile as IniSections;
  } finally {
    delete intercepted[file];
    delete intercepted[noCredentials];
  }
}

/** The sections and the dropped lines of a config file's text. */
export async function parseConfigText(file: string, text: string, between: () => Promise<void> = async () => {}): Promise<ParsedConfig> {
  const sections = await sdkConfigSections(file, text);
  await between();
  return { sections, problems: fileProblems(text, 'config') };
}

export function encodeParsedConfig(parsed: ParsedConfig): ParsedConfigWire {
  const chunks: string[] = [];
  let records: string[] = [];
  for (const [name, values] of Object.entries(parsed.sections)) {
    if (!values) continue;
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      records.push(name, key, value);
      if (records.length >= 3 * RECORDS_PER_CHUNK) {
        chunks.push(JSON.stringify(records));
        records = [];
      }
    }
  }
  if (records.length) chunks.push(JSON.stringify(records));
  return { sections: chunks, problems: parsed.problems };
}

/**
 * The parsed config a worker sent, rebuilt as the SDK's loader builds it (a section appears with its
 * first setting; settings in the order they came). `between` runs after each chunk, to let the
 * extension host serve what waits.
 */
export async function decodeParsedConfig(wire: ParsedConfigWire, between: () => Promise<void>): Promise<ParsedConfig> {
  const sections: IniSections = {};
  let name: string | undefined;
  let values: Record<string, string | undefined> = {};
  for (const chunk of wire.sections) {
    const records = JSON.parse(chunk) as string[];
    for (let i = 0; i + 2 < records.length; i += 3) {
      if (records[i] !== name) {
        name = records[i];
        values = Object.hasOwn(sections, name) ? sections[name]! : (sections[name] = {});
      }
      values[records[i + 1]] = records[i + 2];
    }
    await between();
  }
  return { sections, problems: wire.problems };
}
