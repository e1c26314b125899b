import { matchActions } from '../../policy/actions';
import type { IamCatalog } from '../../policy/catalog';
import { parseCidr } from '../../policy/checks/conditionValues';
import { splitArn } from '../../policy/checks/arnFormats';
import { effectiveAllows, partCovers, resourcesOverlap } from './compare';
import type { ConditionClause } from './conditions';
import type { AccessPart, PolicyAccess, StatementRef } from './model';

/** Access a policy grants that a check forbids, at the statement that grants it. */
export interface AccessViolation {
  action: string;
  resource: string;
  principal?: string;
  statement: StatementRef;
  /** Plain words: what is granted and why it breaks the check. */
  message: string;
}

/** What must not be granted, as CheckAccessNotGranted's access object states it. */
export interface NotGrantedRule {
  actions?: readonly string[];
  resources?: readonly string[];
}

function asPart(resource: string): AccessPart {
  return { effect: 'Allow', resource, clauses: [], statement: { index: 0, line: 1, start: 0, end: 0 } };
}

/**
 * The listed access that the policy grants, as Access Analyzer's CheckAccessNotGranted reads the
 * list: with actions only, any of them on any resource; with resources only, any action on any of
 * them; with both, any of the actions on any of the resources. An Allow grants through wildcards
 * and NotAction, also under conditions; only an unconditional Deny takes it away.
 */
export function notGrantedViolations(access: PolicyAccess, rule: NotGrantedRule, catalog: IamCatalog): AccessViolation[] {
  const out: AccessViolation[] = [];
  const keys = new Set<string>();
  if (rule.actions?.length) {
    for (const a of rule.actions) {
      const matched = matchActions(a, catalog);
      if (matched.length) for (const m of matched) keys.add(`${m.service}:${m.name}`.toLowerCase());
      else keys.add(a.trim().toLowerCase());
    }
  } else for (const k of access.actions.keys()) keys.add(k);
  const resources = rule.resources?.length ? rule.resources.map(asPart) : undefined;
  for (const key of keys) {
    const entry = access.actions.get(key);
    if (!entry) continue;
    const hard = entry.denies.filter((d) => d.clauses.length === 0);
    for (const p of effectiveAllows(entry.allows, entry.denies)) {
      for (const r of resources ?? [p]) {
        if (resources && !resourcesOverlap(p, r)) continue;
        // A Deny without conditions on all of the listed resource takes it away.
        if (resources && hard.some((d) => partCovers(d, { ...r, ...(p.principal !== undefined ? { principal: p.principal } : {}) }))) continue;
        out.push({ action: entry.action, resource: r.resource, ...(p.principal !== undefined ? { principal: p.principal } : {}), statement: p.statement, message: `${entry.action} is granted on ${r.resource}${p.principal !== undefined ? ` to ${p.principal}` : ''}${p.clauses.length ? ' (under conditions)' : ''}, which must not be granted.` });
        break;
      }
    }
  }
  return out;
}

/** Condition keys whose fixed values confine access to known accounts, organizations, networks or sources. */
const TRUSTED_KEYS = new Set([
  'aws:principalaccount', 'aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalservicename',
  'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip', 'aws:userid', 'kms:calleraccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id', 's3:dataaccesspointaccount', 's3:dataaccesspointarn', 'lambda:eventsourcetoken',
]);

const POSITIVE = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'IpAddress']);
const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NotIpAddress']);

/** A value that names something fixed: no wildcard where it would widen to anyone, no 0.0.0.0/0. */
function fixedValue(key: string, value: string): boolean {
  if (key === 'aws:sourceip') {
    const c = parseCidr(value.trim());
    return !!c && c.prefix > 0;
  }
  if (key === 'aws:userid') return !/^\*/.test(value);
  const arn = splitArn(value);
  // An ARN pattern is confined when its account is fixed (`arn:aws:iam::111122223333:role/*`).
  if (arn) return /^\d{12}$/.test(arn.account) || (arn.account === '' && !/[*?]/.test(arn.resource));
  return value !== '' && !/[*?]/.test(value);
}

function confines(c: ConditionClause, operators: ReadonlySet<string>): boolean {
  const op = c.operator.endsWith('IfExists') && operators === NEGATED ? c.operator.slice(0, -'IfExists'.length) : c.operator;
  return operators.has(op) && TRUSTED_KEYS.has(c.key) && c.values.length > 0 && c.values.every((v) => fixedValue(c.key, v));
}

/**
 * The Allows of a resource or trust policy that are open to anyone: a `*` principal (or
 * NotPrincipal) without a condition that confines it to fixed accounts, organizations, VPCs or
 * sources, and not taken back by a Deny for everyone outside them. Amazon S3 "considers a bucket
 * policy public unless" it grants only to fixed principals or fixed values of such keys; IAM Access
 * Analyzer reads other resource types the same way.
 */
export function publicAccessViolations(access: PolicyAccess): AccessViolation[] {
  if (access.policyType !== 'RESOURCE_POLICY' && access.policyType !== 'TRUST_POLICY') return [];
  const out: AccessViolation[] = [];
  const seen = new Set<number>();
  for (const entry of access.actions.values()) {
    for (const p of effectiveAllows(entry.allows, entry.denies)) {
      if (p.principal !== '*' && !p.notPrincipals) continue;
      if (p.clauses.some((c) => confines(c, POSITIVE))) continue;
      const guarded = entry.denies.some((d) => (d.principal === '*' || d.principal === undefined) && !d.notPrincipals && partCovers({ ...d, clauses: [] }, { ...p, clauses: [] }) && d.clauses.length > 0 && d.clauses.every((c) => confines(c, NEGATED)));
      if (guarded) continue;
      // One finding per statement and action is plenty; the first action of a statement carries the message.
      const key = p.statement.start;
      out.push({ action: entry.action, resource: p.notResources ? `* except ${p.notResources.join(', ')}` : p.resource, principal: p.notPrincipals ? `* except ${p.notPrincipals.join(', ')}` : '*', statement: p.statement, message: `${seen.has(key) ? '' : 'Public access: '}${entry.action} is allowed to anyone${p.clauses.length ? ' (its conditions do not confine it to an account, organization, VPC or source)' : ''}.` });
      seen.add(key);
    }
  }
  return out;
}
