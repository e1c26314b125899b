import * as l10n from '@vscode/l10n';
import type { AuthorizationExplanation, ContextCondition } from './explain';

/** What the IAM reference knows about the denied action; gathered outside `core` and passed in. */
export interface ActionFacts {
  /** The action as IAM spells it, e.g. "ec2:RunInstances". */
  readonly action: string;
  /** Condition keys the action supports, including its resource types' keys. */
  readonly conditionKeys: readonly string[];
  /** Condition key (lower case) -> IAM type: String, Numeric, Bool, Date, ARN, IPAddress, ArrayOfString... */
  readonly keyTypes: Readonly<Record<string, string>>;
  /** Condition key (lower case) -> its IAM spelling, e.g. "ec2:ebsoptimized" -> "ec2:EbsOptimized". */
  readonly keySpelling?: Readonly<Record<string, string>>;
  /** Resource types the action always needs, e.g. image, instance, network-interface… for RunInstances. */
  readonly requiredResourceTypes?: readonly string[];
}

export interface AllowingStatement {
  readonly statement: Readonly<Record<string, unknown>>;
  /** A complete identity policy holding only that statement, pretty-printed. */
  readonly policyText: string;
  /** The statement alone, pretty-printed, ready to paste into a Statement array. */
  readonly statementText: string;
  /** Why some request context keys were left out, and other caveats. */
  readonly notes: readonly string[];
}

// Keys the decoded context carries for AWS's own bookkeeping; they are not policy condition keys.
const NOT_POLICY_KEYS = new Set(['aws:resource', 'aws:account', 'aws:type', 'aws:arn', 'aws:service', 'aws:region', 'aws:principal', 'aws:action']);
// Global keys worth pinning in a least-privilege statement; the rest describe the caller, not the request.
const USEFUL_GLOBAL_KEYS = new Set(['aws:requestedregion']);

const OPERATOR_BY_TYPE: Readonly<Record<string, string>> = {
  string: 'StringEquals',
  numeric: 'NumericEquals',
  bool: 'Bool',
  boolean: 'Bool',
  date: 'DateEquals',
  arn: 'ArnEquals',
  ipaddress: 'IpAddress',
};

function guessType(values: readonly string[]): string {
  if (values.every((v) => v === 'true' || v === 'false')) return 'bool';
  if (values.every((v) => /^-?\d+(?:\.\d+)?$/.test(v))) return 'numeric';
  if (values.every((v) => v.startsWith('arn:'))) return 'arn';
  return 'string';
}

function sidFor(action: string): string {
  const words = action.split(/[^A-Z0-9]+/i).filter(Boolean);
  return `Allow${words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`.slice(0, 128);
}

/**
 * A least-privilege statement that would have allowed the request: the exact action, the exact
 * resource, and the request's own values for the condition keys the action supports. Undefined
 * when the explanation lacks the action.
 */
export function buildAllowingStatement(ex: AuthorizationExplanation, facts?: ActionFacts): AllowingStatement | undefined {
  if (!ex.action) return undefined;
  const notes: string[] = [];
  const action = facts?.action ?? ex.action.full;
  if (!action.includes(':')) notes.push(l10n.t('The action "{0}" has no service prefix; add it before use.', action));
  const resource = ex.resource?.raw ?? '*';
  if (!ex.resource) notes.push(l10n.t('The message names no resource, so the statement uses "*". Narrow it if you can.'));

  const supported = facts ? new Set(facts.conditionKeys.map((k) => k.toLowerCase())) : undefined;
  const service = ex.action.service;
  const condition: Record<string, Record<string, string | string[]>> = {};
  const skipped: string[] = [];
  for (const c of ex.context) {
    const key = c.key.toLowerCase();
    if (NOT_POLICY_KEYS.has(key)) continue;
    const known = supported ? supported.has(key) || USEFUL_GLOBAL_KEYS.has(key) : key.startsWith(`${service}:`) || USEFUL_GLOBAL_KEYS.has(key);
    if (!known) continue;
    if (c.values.length === 0 || c.values.some((v) => v === '*' || v === '')) continue;
    const type = (facts?.keyTypes[key] ?? guessType(c.values)).toLowerCase();
    if (type.startsWith('arrayof')) {
      skipped.push(c.key);
      continue;
    }
    const operator = OPERATOR_BY_TYPE[type] ?? 'StringEquals';
    const name = facts?.keySpelling?.[key] ?? c.key;
    (condition[operator] ??= {})[name] = c.values.length === 1 ? c.values[0] : [...c.values];
  }
  if (skipped.length > 0) notes.push(l10n.t('Multivalued keys left out (pin them with ForAllValues if needed): {0}.', skipped.join(', ')));
  const statement: Record<string, unknown> = { Sid: sidFor(action), Effect: 'Allow', Action: action, Resource: resource };
  if (Object.keys(condition).length > 0) {
    statement.Condition = condition;
    notes.push(l10n.t("The conditions pin this request's own values; remove the ones you want to leave open."));
  }
  const others = otherRequiredTypes(ex, facts);
  if (others.length > 0) {
    notes.push(l10n.t('{0} also needs permission on the other resources it uses ({1}). AWS reports one denied resource at a time, so allow those too or expect the next error to name one of them.', action, others.join(', ')));
  }
  if (ex.verdict === 'explicit-deny') notes.push(l10n.t('The request was explicitly denied: this Allow will not take effect until the denying statement stops matching.'));
  const policy = { Version: '2012-10-17', Statement: [statement] };
  return { statement, policyText: JSON.stringify(policy, null, 2), statementText: JSON.stringify(statement, null, 2), notes };
}

/** Required resource types of the action other than the one the message named. */
function otherRequiredTypes(ex: AuthorizationExplanation, facts: ActionFacts | undefined): string[] {
  const required = facts?.requiredResourceTypes ?? [];
  if (required.length < 2) return [];
  const reported = ex.context.find((c) => c.key.toLowerCase() === 'aws:type')?.values[0] ?? ex.resource?.resource?.split(/[/:]/)[0];
  if (!reported || !required.includes(reported)) return [];
  return required.filter((t) => t !== reported);
}

/** Removes the named condition keys from a statement (used to drop keys the linter rejects). */
export function withoutConditionKeys(stmt: AllowingStatement, keys: readonly string[]): AllowingStatement {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  const statement: Record<string, unknown> = { ...stmt.statement };
  const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
  if (condition) {
    const kept: Record<string, Record<string, unknown>> = {};
    for (const [op, entries] of Object.entries(condition)) {
      const rest = Object.fromEntries(Object.entries(entries).filter(([k]) => !drop.has(k.toLowerCase())));
      if (Object.keys(rest).length > 0) kept[op] = rest;
    }
    if (Object.keys(kept).length > 0) statement.Condition = kept;
    else delete statement.Condition;
  }
  const policy = { Version: '2012-10-17', Statement: [statement] };
  return { statement, policyText: JSON.stringify(policy, null, 2), statementText: JSON.stringify(statement, null, 2), notes: stmt.notes };
}

export type { ContextCondition };
