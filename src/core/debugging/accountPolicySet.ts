import * as l10n from '@vscode/l10n';
import { applyEdits, format } from 'jsonc-parser';
import type { EvaluationInput, EvaluationRequest, PolicySource } from '../evaluation/types';

/** A part of the decision that could not be read, with the IAM action that would have been needed. */
export interface UnreadPart {
  /** What is missing from the evaluation, e.g. "SCPs". */
  readonly part: string;
  /** The IAM action that failed, e.g. "organizations:ListPoliciesForTarget". */
  readonly action: string;
  /** True when AWS answered AccessDenied; false for other failures (network, throttling, not found). */
  readonly denied: boolean;
  /** One line for people, e.g. "organizations:ListPoliciesForTarget was denied: SCPs not evaluated". */
  readonly text: string;
}

/** Everything read from an account that decides one request. */
export interface AccountPolicySet {
  readonly identityPolicies: PolicySource[];
  readonly permissionsBoundaries: PolicySource[];
  /** Levels root → OUs → account; undefined when the account is in no organization or SCPs do not apply. */
  readonly serviceControlPolicies?: PolicySource[][];
  readonly resourceControlPolicies?: PolicySource[][];
  /** The organization's management account, whose principals SCPs do not restrict. */
  readonly managementAccount?: string;
  readonly resourcePolicies: PolicySource[];
  /** Parts that could not be read: the answer is partial while this is not empty. */
  readonly unread: UnreadPart[];
  /** Facts that shaped the set, e.g. "SCPs do not apply to the management account 123456789012". */
  readonly notes: string[];
}

export function unreadPart(action: string, part: string, denied: boolean, detail?: string): UnreadPart {
  const text = denied ? l10n.t('{0} was denied: {1} not evaluated', action, part) : detail ? l10n.t('{0} failed ({1}): {2} not evaluated', action, detail, part) : l10n.t('{0} failed: {1} not evaluated', action, part);
  return { part, action, denied, text };
}

/** The engine's input for `request` against what was read from the account. */
export function accountEvaluationInput(request: EvaluationRequest, set: AccountPolicySet): EvaluationInput {
  return {
    request,
    identityPolicies: set.identityPolicies,
    ...(set.permissionsBoundaries.length ? { permissionsBoundaries: set.permissionsBoundaries } : {}),
    ...(set.serviceControlPolicies ? { serviceControlPolicies: set.serviceControlPolicies } : {}),
    ...(set.resourceControlPolicies ? { resourceControlPolicies: set.resourceControlPolicies } : {}),
    ...(set.resourcePolicies.length ? { resourcePolicies: set.resourcePolicies } : {}),
    ...(set.managementAccount ? { managementAccount: set.managementAccount } : {}),
  };
}

/**
 * A policy's JSON laid out with two-space indentation, token by token: nothing is parsed into
 * objects, so duplicate keys, key order and invalid parts stay as written (findings keep meaning).
 */
export function prettyPolicyText(text: string): string {
  if (text.length > 1_048_576) return text;
  return applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }));
}

/** Policy text as IAM returns it (URL-encoded in most APIs), pretty-printed. */
export function policyText(raw: string): string {
  let text = raw;
  if (/%[0-9A-F]{2}/i.test(raw) && !raw.trimStart().startsWith('{')) {
    try {
      text = decodeURIComponent(raw);
    } catch {
      // Not URL-encoded after all.
    }
  }
  return prettyPolicyText(text);
}
