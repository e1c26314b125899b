/**
 * Everything STS Lens writes to its log or shows in a notification goes through here, and through
 * `redactSecrets` on the way: error texts from AWS, the SDK or a file can carry credentials.
 * A unit test keeps other modules from calling the window's message functions directly.
 */
import * as vscode from 'vscode';
import { redactBundle } from './bundles';

/** Loads the redaction (dist/redact.js) on the first text it is given: activation writes nothing. */
function redactSecrets(text: string): string {
  return redactBundle.load().redactSecrets(text);
}

function clean(message: string | Error): string {
  return redactSecrets(typeof message === 'string' ? message : `${message.name}: ${message.message}`);
}

/**
 * The extension's log channel, redacting every line it is given. The channel itself is created on
 * first use (the first line, or a look at its level): activation writes nothing, so VS Code's count
 * of it does not include creating the channel.
 */
export function createLog(): vscode.LogOutputChannel {
  let created: vscode.LogOutputChannel | undefined;
  let disposed = false;
  const channel = (): vscode.LogOutputChannel => (created ??= vscode.window.createOutputChannel('STS Lens', { log: true }));
  // Once disposed, a late line goes nowhere rather than creating the channel again.
  const write = (line: (c: vscode.LogOutputChannel) => void): void => {
    if (!disposed) line(channel());
  };
  const log: vscode.LogOutputChannel = {
    get name() {
      return 'STS Lens';
    },
    get logLevel() {
      return channel().logLevel;
    },
    get onDidChangeLogLevel() {
      return channel().onDidChangeLogLevel;
    },
    trace: (message, ...args) => write((c) => c.trace(clean(message), ...args.map(String).map(redactSecrets))),
    debug: (message, ...args) => write((c) => c.debug(clean(message), ...args.map(String).map(redactSecrets))),
    info: (message, ...args) => write((c) => c.info(clean(message), ...args.map(String).map(redactSecrets))),
    warn: (message, ...args) => write((c) => c.warn(clean(message), ...args.map(String).map(redactSecrets))),
    error: (message, ...args) => write((c) => c.error(clean(message), ...args.map(String).map(redactSecrets))),
    append: (value) => write((c) => c.append(redactSecrets(value))),
    appendLine: (value) => write((c) => c.appendLine(redactSecrets(value))),
    replace: (value) => write((c) => c.replace(redactSecrets(value))),
    clear: () => created?.clear(),
    show: (...args: unknown[]) => write((c) => (c.show as (...a: unknown[]) => void).apply(c, args)),
    hide: () => created?.hide(),
    dispose: () => {
      disposed = true;
      created?.dispose();
    },
  };
  return log;
}

export function showError<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showErrorMessage(redactSecrets(message), ...items);
}

export function showWarning<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(redactSecrets(message), ...items);
}

export function showInfo<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showInformationMessage(redactSecrets(message), ...items);
}

/** A modal warning with its own buttons; VS Code adds Cancel, which resolves to undefined. */
export function askModal<T extends string>(message: string, detail: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(redactSecrets(message), { modal: true, detail: redactSecrets(detail) }, ...items);
}
