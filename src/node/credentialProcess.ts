// A profile's credential_process, run as the AWS SDK for JavaScript runs it (the command line through
// the system shell, its standard output read as JSON, Version 1), but with what the SDK's fromProcess
// lacks: a time limit, a stop when the person cancels, and a bound on what is read. The SDK waits for
// the process forever and cannot be told to stop it; a command that waits for input no one can give
// here (a prompt, a browser sign-in) would hold the request for good.
import { spawn } from 'child_process';
import * as l10n from '@vscode/l10n';
import type { TemporaryCredentials } from '../core/identity';
import { lengthWords } from '../core/policy/limitWords';
import { CredentialSourceError } from '../core/profiles/localCredentials';
import { quoted } from '../core/untrustedText';

/** What the SDK's exec reads at most of the output (Node's maxBuffer): a valid output is a few hundred bytes. */
export const MAX_PROCESS_OUTPUT_BYTES = 1024 * 1024;
/** Long enough for a command that asks for an MFA code or a browser sign-in, short of forever. */
export const CREDENTIAL_PROCESS_TIMEOUT_MS = 5 * 60 * 1000;

export interface CredentialProcessOptions {
  /** The profile whose credential_process this is, named in messages. */
  readonly profile: string;
  readonly timeoutMs?: number;
  /** Stops the process when aborted (the person cancelled). */
  readonly signal?: AbortSignal;
  readonly maxBytes?: number;
  readonly now?: () => number;
}

/** The person stopped the request: said nowhere. */
export class CredentialProcessCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CredentialProcessCancelled';
  }
}

/** A variable the shell sets for the program (`NAME=value`, the value quoted or not), with the space before it. */
const ASSIGNMENT = /\s*[a-z_]\w*=(?:"[^"]*"|'[^']*'|[^\s"'])*/iy;
/** A word, whole: quoted with its closing quote, or unquoted without quotes. */
const WORD = /\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)(?=\s|$))/y;

/**
 * The program the command runs, as messages name it: its arguments are never repeated, nor the
 * variables set before it (`TOKEN=… helper`), since they may hold a secret (a key, a token, a
 * password) given on the command line. A command that cannot be read so is named in general words.
 */
export function commandName(command: string): string {
  let at = 0;
  for (;;) {
    ASSIGNMENT.lastIndex = at;
    const a = ASSIGNMENT.exec(command);
    if (!a || a[0].length === 0) break;
    at = ASSIGNMENT.lastIndex;
  }
  WORD.lastIndex = at;
  const m = WORD.exec(command);
  return m ? quoted(m[1] ?? m[2] ?? m[3]) : l10n.t('a command');
}

/** What a valid output looks like, for messages: never what the process printed, which may hold a secret. */
const VALID_OUTPUT = '{"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…", "Expiration": "2026-01-01T00:00:00Z"}';

function problem(o: CredentialProcessOptions, command: string, reason: string): Error {
  return new CredentialSourceError(l10n.t('The credential_process of profile {0} ({1}) {2}', quoted(o.profile), commandName(command), reason));
}

/** Runs the command and returns its credentials; throws a message that names the profile and the program only. */
export async function runCredentialProcess(command: string, o: CredentialProcessOptions): Promise<TemporaryCredentials> {
  const out = await runBounded(command, o);
  let data: Record<string, unknown> | undefined;
  try {
    const v: unknown = JSON.parse(out.trim());
    data = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    data = undefined;
  }
  // The output holds the secret: no part of it is repeated, in a message or in the log.
  if (!data) throw problem(o, command, l10n.t('did not print JSON. A valid output is one JSON object: {0}.', VALID_OUTPUT));
  if (data.Version !== 1) throw problem(o, command, l10n.t('did not print "Version": 1. A valid output is one JSON object: {0}.', VALID_OUTPUT));
  if (typeof data.AccessKeyId !== 'string' || typeof data.SecretAccessKey !== 'string' || !data.AccessKeyId || !data.SecretAccessKey) {
    throw problem(o, command, l10n.t('printed no AccessKeyId or SecretAccessKey. A valid output is one JSON object: {0}.', VALID_OUTPUT));
  }
  const expiration = typeof data.Expiration === 'string' && data.Expiration ? new Date(data.Expiration) : undefined;
  if (expiration && expiration.getTime() < (o.now ?? Date.now)()) throw problem(o, command, l10n.t('printed credentials that have already expired.'));
  return {
    accessKeyId: data.AccessKeyId,
    secretAccessKey: data.SecretAccessKey,
    sessionToken: typeof data.SessionToken === 'string' && data.SessionToken ? data.SessionToken : undefined,
    expiration,
  };
}

/** The command's standard output, read up to the limit, within the time limit. */
function runBounded(command: string, o: CredentialProcessOptions): Promise<string> {
  const maxBytes = o.maxBytes ?? MAX_PROCESS_OUTPUT_BYTES;
  const timeoutMs = o.timeoutMs ?? CREDENTIAL_PROCESS_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(new CredentialProcessCancelled());
    // As exec does: through /bin/sh (cmd.exe on Windows). Its own process group, so that a stop
    // reaches what the shell started as well.
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'ignore'], detached: process.platform !== 'win32', windowsHide: true });
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (error: Error | undefined, text?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (error) stop();
      if (error) reject(error);
      else resolve(text!);
    };
    const stop = () => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const onAbort = () => finish(new CredentialProcessCancelled());
    o.signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => finish(problem(o, command, l10n.t('did not finish within {0} and was stopped. It may be waiting for input that cannot be given here (a prompt or a sign-in): run it in a terminal to see what it waits for.', durationWords(timeoutMs)))), timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      total += b.length;
      if (total > maxBytes) {
        finish(problem(o, command, l10n.t('printed more than {0}, the most that is read; a valid output is one JSON object of a few hundred bytes: {1}.', lengthWords(maxBytes), VALID_OUTPUT)));
        return;
      }
      chunks.push(b);
    });
    child.on('error', (e: NodeJS.ErrnoException) => finish(problem(o, command, l10n.t('could not be started ({0}).', e.code ?? e.message))));
    child.on('close', (code, signal) => {
      if (code === 0) finish(undefined, Buffer.concat(chunks, total).toString('utf8'));
      else if (code === 127) finish(problem(o, command, l10n.t('was not found: the shell could run no such command (exit code 127). Check the program\'s path in the profile.')));
      else if (code !== null) finish(problem(o, command, l10n.t('ended with exit code {0}: run it in a terminal to see its message.', code)));
      else finish(problem(o, command, l10n.t('was ended by signal {0}.', signal ?? '?')));
    });
  });
}

function durationWords(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s >= 120 && s % 60 === 0) return l10n.t('{0} minutes', s / 60);
  return s === 1 ? l10n.t('1 second') : l10n.t('{0} seconds', s);
}
