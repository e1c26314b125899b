import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { awsFileEncodingProblem } from '../../core/profiles/awsFileEncoding';
import type { ConfigFileKind } from '../../core/profiles/configLint';

export const CONFIG_LANGUAGE_ID = 'aws-config';
export const CREDENTIALS_LANGUAGE_ID = 'aws-credentials';

/** Languages a shared AWS file may carry before STS Lens recognises it. */
const REPLACEABLE_LANGUAGES = ['plaintext', 'ini', 'properties'];

/** `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` / `~/.aws/credentials`, as the SDKs resolve them. */
function awsFilePaths(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  const expand = (p: string): string => (p === '~' || p.startsWith('~/') ? path.join(home, p.slice(1)) : p);
  return {
    config: expand(env.AWS_CONFIG_FILE?.trim() || path.join(home, '.aws', 'config')),
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE?.trim() || path.join(home, '.aws', 'credentials')),
  };
}

function samePath(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  return process.platform === 'win32' || process.platform === 'darwin' ? ra.toLowerCase() === rb.toLowerCase() : ra === rb;
}

/** Which shared file a document is, by language id. */
export function kindOfDocument(doc: vscode.TextDocument): ConfigFileKind | undefined {
  if (doc.languageId === CONFIG_LANGUAGE_ID) return 'config';
  if (doc.languageId === CREDENTIALS_LANGUAGE_ID) return 'credentials';
  return undefined;
}

/**
 * The language a document should have because its path is the one `AWS_CONFIG_FILE` or
 * `AWS_SHARED_CREDENTIALS_FILE` names (file names that `filenamePatterns` cannot know), or
 * undefined to leave it alone.
 */
export function languageForEnvPath(doc: vscode.TextDocument, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (doc.uri.scheme !== 'file' || !REPLACEABLE_LANGUAGES.includes(doc.languageId)) return undefined;
  const paths = awsFilePaths(env);
  if (samePath(doc.uri.fsPath, paths.config)) return CONFIG_LANGUAGE_ID;
  if (samePath(doc.uri.fsPath, paths.credentials)) return CREDENTIALS_LANGUAGE_ID;
  return undefined;
}

/**
 * The file that holds the other half of a document's profiles: for the configured config file the
 * configured credentials file (and the reverse); for any other `.aws/config`, its sibling.
 */
export function counterpartPath(doc: vscode.TextDocument, kind: ConfigFileKind, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (doc.uri.scheme !== 'file') return undefined;
  const paths = awsFilePaths(env);
  const own = kind === 'config' ? paths.config : paths.credentials;
  if (samePath(doc.uri.fsPath, own)) return kind === 'config' ? paths.credentials : paths.config;
  return path.join(path.dirname(doc.uri.fsPath), kind === 'config' ? 'credentials' : 'config');
}

/** Reads the text of the other shared file; undefined when it does not exist or cannot be read. */
export type CounterpartReader = (filePath: string) => Promise<string | undefined>;

/** As MAX_AWS_FILE_BYTES of src/node/awsFiles.ts, which this bundle does not load. */
const MAX_COUNTERPART_BYTES = 16 * 1024 * 1024;

/** Prefers an open editor's unsaved text, then the file on disk; a file the SDKs cannot read (UTF-16) gives no text, as they read it as no profiles. */
export const readCounterpart: CounterpartReader = async (filePath) => {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && samePath(d.uri.fsPath, filePath));
  if (open) return awsFileEncodingProblem(open.getText(), open.encoding) ? undefined : open.getText();
  try {
    const uri = vscode.Uri.file(filePath);
    // A device (a link to /dev/zero) or a file larger than any AWS file is not read: it would never end.
    const st = await vscode.workspace.fs.stat(uri);
    if (!(st.type & vscode.FileType.File) || st.size > MAX_COUNTERPART_BYTES) return undefined;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return awsFileEncodingProblem(text) ? undefined : text;
  } catch {
    return undefined;
  }
};

export function isSamePath(a: string, b: string): boolean {
  return samePath(a, b);
}
