/**
 * Everything STS Lens writes to its log or shows in a notification goes through here, and through
 * `redactSecrets` on the way: error texts from AWS, the SDK or a file can carry credentials.
 * A unit test keeps other modules from calling the window's message functions directly.
 */
import * as vscode from 'vscode';
import { redactSecrets } from '../core/sessions/redact';

function clean(message: string | Error): string {
  return redactSecrets(typeof message === 'string' ? message : `${message.name}: ${message.message}`);
}

/** The extension's log channel, redacting every line it is given. */
export function createLog(): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel('STS Lens', { log: true });
  const log: vscode.LogOutputChannel = {
    get name() {
      return channel.name;
    },
    get logLevel() {
      return channel.logLevel;
    },
    onDidChangeLogLevel: channel.onDidChangeLogLevel,
    trace: (message, ...args) => channel.trace(clean(message), ...args.map(String).map(redactSecrets)),
    debug: (message, ...args) => channel.debug(clean(message), ...args.map(String).map(redactSecrets)),
    info: (message, ...args) => channel.info(clean(message), ...args.map(String).map(redactSecrets)),
    warn: (message, ...args) => channel.warn(clean(message), ...args.map(String).map(redactSecrets)),
    error: (message, ...args) => channel.error(clean(message), ...args.map(String).map(redactSecrets)),
    append: (value) => channel.append(redactSecrets(value)),
    appendLine: (value) => channel.appendLine(redactSecrets(value)),
    replace: (value) => channel.replace(redactSecrets(value)),
    clear: () => channel.clear(),
    show: (...args: unknown[]) => (channel.show as (...a: unknown[]) => void).apply(channel, args),
    hide: () => channel.hide(),
    dispose: () => channel.dispose(),
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
