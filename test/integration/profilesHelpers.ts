// Shared helpers for the profiles, sessions and terminal integration tests.
import * as vscode from 'vscode';
import { testWorld } from './world';

export interface Failure {
  error: { kind: string; message: string; next: string; operation: string; actions: string[] };
}

export interface Session {
  id: string;
  operation: string;
  profile?: string;
  roleArn?: string;
  arn?: string;
  sessionName?: string;
  sourceIdentity?: string;
  accessKeyId?: string;
  region: string;
  endpoint?: string;
  expiration?: number;
  refreshable: boolean;
  pinned?: boolean;
}

export async function command<T>(id: string, ...args: unknown[]): Promise<T> {
  return (await vscode.commands.executeCommand(id, ...args)) as T;
}

/** Runs a command that must succeed; fails the test with the explanation when it reports an error. */
export async function ok<T>(id: string, ...args: unknown[]): Promise<T> {
  const r = await command<T | Failure | undefined>(id, ...args);
  if (r === undefined) throw new Error(`${id} returned nothing`);
  if (typeof r === 'object' && r !== null && 'error' in r) throw new Error(`${id} failed: ${(r as Failure).error.kind}: ${(r as Failure).error.message}`);
  return r as T;
}

export async function failure(id: string, ...args: unknown[]): Promise<Failure['error']> {
  const r = await command<unknown>(id, ...args);
  if (!r || typeof r !== 'object' || !('error' in r)) throw new Error(`${id} was expected to fail but returned ${JSON.stringify(r)}`);
  return (r as Failure).error;
}

/** Turns moto's IAM enforcement off for `fn`, then on again. */
export async function withoutIamEnforcement<T>(fn: () => Promise<T>): Promise<T> {
  const ep = testWorld().stsEndpoint;
  await fetch(`${ep}/moto-api/reset-auth`, { method: 'POST', body: 'inf' });
  try {
    return await fn();
  } finally {
    await fetch(`${ep}/moto-api/reset-auth`, { method: 'POST', body: '0' });
  }
}

/** Polls `probe` until it returns a value, or fails after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const EXTENSION_ID = 'sts-lens.sts-lens';

export async function activate(): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
}
