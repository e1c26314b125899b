import * as l10n from '@vscode/l10n';
import { compactJson } from '../policy/jsonText';
import type { ActionInfo, ContextCondition, MatchedStatement, PrincipalInfo, ResourceInfo } from './explanationTypes';

/**
 * Reads the parts of a decoded authorization message. AWS wraps every list as `{ "items": [...] }`
 * and every value as `{ "value": "..." }`; plain arrays and strings are accepted too.
 */

export type Json = unknown;

export function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** AWS's `{ items: [...] }`, or a plain array; anything else is empty. */
export function itemsOf(v: Json): Json[] {
  if (Array.isArray(v)) return v;
  if (isObject(v) && Array.isArray(v.items)) return v.items;
  return [];
}

/** A value as text: `{ "value": ... }` wrappers (however deep) unwrapped, anything else as compact JSON. */
export function valueText(v: Json): string | undefined {
  while (isObject(v) && 'value' in v) v = v.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // compactJson, not JSON.stringify: a value nested thousands deep would overflow the stack.
  return v === null || v === undefined ? undefined : compactJson(v);
}

function valuesOf(v: Json): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) || (isObject(v) && Array.isArray(v.items)) ? itemsOf(v) : [v];
  return list.map(valueText).filter((s): s is string => s !== undefined);
}

export function conditionsOf(v: Json): ContextCondition[] {
  // Usually a list of { key, values }; some tools flatten it to an object of key -> values.
  if (isObject(v) && !Array.isArray(v.items)) {
    return Object.entries(v).map(([key, values]) => ({ key, values: valuesOf(values) }));
  }
  return itemsOf(v).flatMap((item) => {
    if (!isObject(item)) return [];
    const key = typeof item.key === 'string' ? item.key : typeof item.name === 'string' ? item.name : undefined;
    if (!key) return [];
    return [{ key, values: valuesOf(item.values ?? item.value) }];
  });
}

export function str(v: Json): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function bool(v: Json): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

export function parseArn(arn: string): ResourceInfo {
  const m = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(arn);
  if (!m) return { raw: arn };
  return { raw: arn, partition: m[1], service: m[2] || undefined, region: m[3] || undefined, account: m[4] || undefined, resource: m[5] };
}

export function parsePrincipal(v: Json): PrincipalInfo | undefined {
  if (typeof v === 'string') v = v.startsWith('arn:') ? { arn: v } : { id: v };
  if (!isObject(v)) return undefined;
  const id = str(v.id);
  const arn = str(v.arn);
  const name = str(v.name);
  let account = str(v.account);
  let kind: PrincipalInfo['kind'];
  let roleName: string | undefined;
  let sessionName: string | undefined;
  let userName: string | undefined;
  if (arn) {
    const parsed = parseArn(arn);
    account = account ?? parsed.account;
    const res = parsed.resource ?? '';
    if (parsed.service === 'sts' && res.startsWith('assumed-role/')) {
      kind = 'assumed-role';
      const parts = res.split('/');
      roleName = parts[1];
      sessionName = parts.slice(2).join('/') || undefined;
    } else if (parsed.service === 'sts' && res.startsWith('federated-user/')) {
      kind = 'federated-user';
      userName = res.slice('federated-user/'.length);
    } else if (parsed.service === 'iam' && res === 'root') {
      kind = 'root';
    } else if (parsed.service === 'iam' && res.startsWith('user/')) {
      kind = 'user';
      userName = res.split('/').pop();
    } else if (parsed.service === 'iam' && res.startsWith('role/')) {
      kind = 'role';
      roleName = res.split('/').pop();
    } else {
      kind = 'other';
    }
  }
  if (!id && !arn && !name) return undefined;
  return { id, arn, name, account, kind, roleName, sessionName, userName };
}

function normaliseEffect(v: Json): string {
  const s = typeof v === 'string' ? v : '';
  if (/^allow$/i.test(s)) return 'Allow';
  if (/^deny$/i.test(s)) return 'Deny';
  return s || 'unknown';
}

const KNOWN_STATEMENT_FIELDS = new Set(['statementId', 'sid', 'effect', 'principals', 'principalGroups', 'actions', 'resources', 'conditions']);

export function parseStatement(v: Json): MatchedStatement | undefined {
  if (!isObject(v)) return undefined;
  const other: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) if (!KNOWN_STATEMENT_FIELDS.has(k)) other[k] = val;
  return {
    sid: str(v.statementId) ?? str(v.sid),
    effect: normaliseEffect(v.effect),
    principals: valuesOf(v.principals),
    principalGroups: valuesOf(v.principalGroups),
    actions: valuesOf(v.actions),
    resources: valuesOf(v.resources),
    conditions: conditionsOf(v.conditions),
    other,
  };
}

/** Where an inferred service prefix came from, as the explanation says it ("restored from the resource ARN"). */
export function prefixSourceText(source: NonNullable<ActionInfo['prefixSource']>): string {
  switch (source) {
    case 'matched statement':
      return l10n.t('matched statement');
    case 'resource ARN':
      return l10n.t('resource ARN');
    case 'aws:Service':
      // A condition key's name, the same in every language.
      return source;
    case 'condition keys':
      return l10n.t('condition keys');
  }
}

const SERVICE_PREFIX = /^[a-z0-9][a-z0-9-]*$/;

export function resolveAction(raw: string, resource: ResourceInfo | undefined, statements: readonly MatchedStatement[], context: readonly ContextCondition[]): ActionInfo {
  const colon = raw.indexOf(':');
  if (colon > 0) {
    const service = raw.slice(0, colon).toLowerCase();
    return { raw, full: `${service}:${raw.slice(colon + 1)}`, service, name: raw.slice(colon + 1), prefixInferred: false };
  }
  const name = raw;
  const lower = name.toLowerCase();
  const inferred = (service: string, source: NonNullable<ActionInfo['prefixSource']>): ActionInfo => ({ raw, full: `${service}:${name}`, service, name, prefixInferred: true, prefixSource: source });
  for (const s of statements) {
    for (const a of s.actions) {
      const i = a.indexOf(':');
      if (i > 0 && a.slice(i + 1).toLowerCase() === lower) return inferred(a.slice(0, i).toLowerCase(), 'matched statement');
    }
  }
  // An action may act on another service's resource (ec2:RunInstances on a License Manager license
  // configuration, ec2:AssociateEnclaveCertificateIamRole on an ACM certificate), so the resource ARN
  // names the action's service only when the request's own words do not name another one.
  const arnService = resource?.service && SERVICE_PREFIX.test(resource.service) ? resource.service : undefined;
  const stated = context.find((c) => c.key.toLowerCase() === 'aws:service')?.values[0]?.toLowerCase();
  const service = stated && SERVICE_PREFIX.test(stated) ? stated : undefined;
  const prefixes = new Set(context.map((c) => c.key.split(':')[0].toLowerCase()).filter((p) => p !== 'aws' && SERVICE_PREFIX.test(p)));
  const keyService = prefixes.size === 1 ? [...prefixes][0] : undefined;
  if (arnService && (service ?? keyService ?? arnService) === arnService) return inferred(arnService, 'resource ARN');
  if (service) return inferred(service, 'aws:Service');
  if (keyService) return inferred(keyService, 'condition keys');
  return { raw, full: raw, name, prefixInferred: false };
}
