/** What the STS commands take from their callers, and the check that stops a request before STS sees it. */
import * as os from 'os';
import * as vscode from 'vscode';
import { parseTags, type SessionTag } from '../../core/sessions/limits';

/** A request that breaks an STS limit; the message names the limit. */
export class InvalidRequest extends Error {
  /** `inConfig`: the problem is in the AWS config file, so the fix is there. */
  constructor(readonly operation: string, readonly problems: readonly string[], readonly inConfig = false) {
    super(vscode.l10n.t('{0} was not sent: {1}.', operation, problems.join('; ')));
    this.name = 'InvalidRequest';
  }
}

export type ListOrText = readonly string[] | string | undefined;

export interface AssumeRoleOptions {
  readonly sourceProfile?: string;
  readonly sourceSessionId?: string;
  readonly roleArn?: string;
  readonly sessionName?: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
  readonly mfaCode?: string;
  readonly externalId?: string;
  readonly tags?: readonly SessionTag[] | string;
  readonly transitiveTagKeys?: ListOrText;
  readonly sourceIdentity?: string;
  readonly policy?: string;
  readonly policyArns?: ListOrText;
  /** Ask for optional parameters (tags, policy, …) too. */
  readonly advanced?: boolean;
  readonly pin?: boolean;
  /** Told what is about to be sent (no secrets), so a denial can be matched to what it left out. */
  readonly onRequest?: (sent: { roleArn: string; sessionName: string; externalId?: string; mfaSerial?: string }) => void;
}

export interface ProfileOptions {
  readonly profile?: string;
  readonly mfaCode?: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
  readonly pin?: boolean;
  /** Ask for values the profile does not give (the MFA device for GetSessionToken). */
  readonly prompt?: boolean;
  /** When the profile is asked for: the one offered first (the active identity's). */
  readonly suggest?: string;
}

export interface FederationOptions extends ProfileOptions {
  readonly name?: string;
  readonly policy?: string;
  readonly policyArns?: ListOrText;
  readonly tags?: readonly SessionTag[] | string;
}

export interface WebIdentityOptions {
  readonly roleArn?: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly sessionName?: string;
  readonly durationSeconds?: number;
  readonly providerId?: string;
  readonly policy?: string;
  readonly policyArns?: ListOrText;
  /** Profile whose region and endpoint to use. */
  readonly profile?: string;
}

export interface SamlOptions {
  readonly roleArn?: string;
  readonly principalArn?: string;
  readonly assertion?: string;
  readonly assertionFile?: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly policyArns?: ListOrText;
  readonly profile?: string;
}

/** The local user's name, for default role session names that read well in CloudTrail. */
export function localUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'sts-lens';
  }
}

export function list(v: ListOrText): string[] | undefined {
  if (v === undefined) return undefined;
  const arr = typeof v === 'string' ? v.split(/[\s,]+/) : [...v];
  const out = arr.map((s) => s.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

export function tagsOf(v: readonly SessionTag[] | string | undefined, operation: string): SessionTag[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return v.length ? [...v] : undefined;
  const parsed = parseTags(v);
  if (typeof parsed === 'string') throw new InvalidRequest(operation, [vscode.l10n.t('session tags: {0}', parsed)]);
  return parsed.length ? parsed : undefined;
}

export function check(operation: string, problems: string[], inConfig = false): void {
  if (problems.length) throw new InvalidRequest(operation, problems, inConfig);
}
