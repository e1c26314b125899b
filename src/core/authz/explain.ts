import { policyTypeAdvice, type StatedDenial } from './statedDenial';

/**
 * Turns the JSON that sts:DecodeAuthorizationMessage returns (its `DecodedMessage`) into an
 * explanation people can act on. AWS wraps every list as `{ "items": [...] }` and every value
 * as `{ "value": "..." }`; plain arrays and strings are accepted too, and anything missing or
 * unexpected becomes a warning instead of an error.
 */

export type Verdict = 'explicit-deny' | 'implicit-deny' | 'allowed' | 'unknown';

export interface ContextCondition {
  readonly key: string;
  readonly values: readonly string[];
}

export interface MatchedStatement {
  /** The statement's Sid; undefined when the policy gave it none. */
  readonly sid?: string;
  /** 'Allow', 'Deny', or whatever AWS sent when it is neither. */
  readonly effect: string;
  readonly principals: readonly string[];
  readonly principalGroups: readonly string[];
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: readonly ContextCondition[];
  /** Fields AWS sent that this version does not know, kept for the raw view. */
  readonly other: Readonly<Record<string, unknown>>;
}

export interface PrincipalInfo {
  readonly id?: string;
  readonly arn?: string;
  readonly name?: string;
  readonly account?: string;
  readonly kind?: 'assumed-role' | 'user' | 'role' | 'root' | 'federated-user' | 'other';
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly userName?: string;
}

export interface ActionInfo {
  /** As AWS sent it, e.g. "RunInstances". */
  readonly raw: string;
  /** With its service prefix, e.g. "ec2:RunInstances"; equals `raw` when the prefix cannot be found. */
  readonly full: string;
  readonly service?: string;
  readonly name: string;
  /** True when the service prefix was missing and was inferred. */
  readonly prefixInferred: boolean;
  /** Where the inferred prefix came from, for the explanation. */
  readonly prefixSource?: 'matched statement' | 'resource ARN' | 'aws:Service' | 'condition keys';
}

export interface ResourceInfo {
  readonly raw: string;
  readonly partition?: string;
  readonly service?: string;
  readonly region?: string;
  readonly account?: string;
  /** The part after the account, e.g. "instance/*" or "bucket/key". */
  readonly resource?: string;
}

export interface AuthorizationExplanation {
  readonly verdict: Verdict;
  readonly allowed?: boolean;
  readonly explicitDeny?: boolean;
  readonly principal?: PrincipalInfo;
  readonly action?: ActionInfo;
  readonly resource?: ResourceInfo;
  readonly matchedStatements: readonly MatchedStatement[];
  /** Deny statements among the matched ones (what caused an explicit deny). */
  readonly denyingStatements: readonly MatchedStatement[];
  readonly context: readonly ContextCondition[];
  readonly failures: readonly string[];
  /** One line, e.g. "DENIED ec2:RunInstances on instance/* — explicit deny by statement VisualEditor0". */
  readonly summary: string;
  /** What to do next, as sentences. */
  readonly advice: readonly string[];
  /** For an implicit deny: the exact action and resource an Allow must cover. */
  readonly wouldAllow?: { readonly action: string; readonly resource: string };
  /** Things that were missing or odd in the decoded JSON. */
  readonly warnings: readonly string[];
  /** The decoded JSON, pretty-printed. */
  readonly rawJson: string;
  /** What the error text itself said (which kind of policy denied), when the caller passed it. */
  readonly statedDenial?: StatedDenial;
}

export type ExplainResult =
  | { readonly ok: true; readonly explanation: AuthorizationExplanation }
  | { readonly ok: false; readonly error: string };

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** AWS's `{ items: [...] }`, or a plain array; anything else is empty. */
function itemsOf(v: Json): Json[] {
  if (Array.isArray(v)) return v;
  if (isObject(v) && Array.isArray(v.items)) return v.items;
  return [];
}

function valueText(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v)) {
    if ('value' in v) return valueText(v.value);
    return JSON.stringify(v);
  }
  return v === null || v === undefined ? undefined : JSON.stringify(v);
}

function valuesOf(v: Json): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) || (isObject(v) && Array.isArray(v.items)) ? itemsOf(v) : [v];
  return list.map(valueText).filter((s): s is string => s !== undefined);
}

function conditionsOf(v: Json): ContextCondition[] {
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

function str(v: Json): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function bool(v: Json): boolean | undefined {
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

function parseStatement(v: Json): MatchedStatement | undefined {
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

const SERVICE_PREFIX = /^[a-z0-9][a-z0-9-]*$/;

function resolveAction(raw: string, resource: ResourceInfo | undefined, statements: readonly MatchedStatement[], context: readonly ContextCondition[]): ActionInfo {
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
  if (resource?.service && SERVICE_PREFIX.test(resource.service)) return inferred(resource.service, 'resource ARN');
  const service = context.find((c) => c.key.toLowerCase() === 'aws:service')?.values[0];
  if (service && SERVICE_PREFIX.test(service)) return inferred(service, 'aws:Service');
  const prefixes = new Set(context.map((c) => c.key.split(':')[0].toLowerCase()).filter((p) => p !== 'aws' && SERVICE_PREFIX.test(p)));
  if (prefixes.size === 1) return inferred([...prefixes][0], 'condition keys');
  return { raw, full: raw, name, prefixInferred: false };
}

/** "instance/*" for an EC2 ARN, the ARN itself when it has no resource part. */
export function shortResource(resource: ResourceInfo | undefined): string {
  if (!resource) return 'an unknown resource';
  return resource.resource || resource.raw;
}

function describeStatements(statements: readonly MatchedStatement[]): string {
  const named = statements.map((s) => s.sid).filter((s): s is string => !!s);
  if (named.length === 0) return statements.length > 1 ? `${statements.length} unnamed statements` : 'an unnamed statement';
  const extra = statements.length - named.length;
  return `statement${named.length > 1 ? 's' : ''} ${named.join(', ')}${extra > 0 ? ` and ${extra} unnamed` : ''}`;
}

/**
 * Parses and explains a DecodedMessage. Never throws. `stated` is the plain-text denial from the
 * same error, if any: it names the kind of policy, which the decoded message does not.
 */
export function explainDecodedMessage(decoded: string, stated?: StatedDenial): ExplainResult {
  decoded = decoded.replace(/^\uFEFF/, '').trim();
  // `aws sts decode-authorization-message --output yaml` prints DecodedMessage: '<json>'.
  const yaml = /^DecodedMessage:[ \t]*'([\s\S]*)'$/.exec(decoded);
  if (yaml) decoded = yaml[1].replace(/''/g, "'").replace(/\r?\n[ \t]*/g, ' ');
  let data: Json;
  try {
    data = JSON.parse(decoded);
  } catch (e) {
    const preview = decoded.length > 80 ? `${decoded.slice(0, 80)}…` : decoded;
    return { ok: false, error: `The decoded message is not JSON (${e instanceof Error ? e.message : String(e)}): ${preview}` };
  }
  // Some tools print the whole API response: { "DecodedMessage": "{...}" }.
  if (isObject(data) && typeof data.DecodedMessage === 'string') return explainDecodedMessage(data.DecodedMessage, stated);
  // `--query DecodedMessage --output json` prints the JSON as a JSON string.
  if (typeof data === 'string' && /^\s*\{/.test(data)) return explainDecodedMessage(data, stated);
  if (!isObject(data)) return { ok: false, error: 'The decoded message is JSON but not an object, so it is not an authorization status.' };
  return { ok: true, explanation: explainObject(data, stated) };
}

function explainObject(data: Record<string, Json>, stated?: StatedDenial): AuthorizationExplanation {
  const warnings: string[] = [];
  const allowed = bool(data.allowed);
  const explicitDenyField = bool(data.explicitDeny);
  if (allowed === undefined) warnings.push('The message has no "allowed" field.');
  if (explicitDenyField === undefined) warnings.push('The message has no "explicitDeny" field.');

  const matchedStatements = itemsOf(data.matchedStatements).map(parseStatement).filter((s): s is MatchedStatement => !!s);
  const denyingStatements = matchedStatements.filter((s) => s.effect === 'Deny');
  const failures = itemsOf(data.failures).map((f) => valueText(f) ?? '').filter((f) => f !== '');

  const ctx = isObject(data.context) ? data.context : undefined;
  if (!ctx) warnings.push('The message has no "context", so the principal, action and resource are unknown.');
  const context = ctx ? conditionsOf(ctx.conditions) : [];
  const principal = ctx ? parsePrincipal(ctx.principal) : undefined;
  const resourceText = ctx ? str(ctx.resource) : undefined;
  const resource = resourceText ? parseArn(resourceText) : undefined;
  const actionText = ctx ? str(ctx.action) : undefined;
  const action = actionText ? resolveAction(actionText, resource, matchedStatements, context) : undefined;
  if (ctx && !principal) warnings.push('The context names no principal.');
  if (ctx && !actionText) warnings.push('The context names no action.');
  if (ctx && !resourceText) warnings.push('The context names no resource.');
  if (action && !action.service) warnings.push(`The action "${action.raw}" has no service prefix and none could be inferred.`);

  let verdict: Verdict;
  if (allowed === true) verdict = 'allowed';
  else if (explicitDenyField === true) verdict = 'explicit-deny';
  else if (denyingStatements.length > 0 && explicitDenyField === undefined) verdict = 'explicit-deny';
  else if (allowed === false || explicitDenyField === false) verdict = 'implicit-deny';
  else verdict = 'unknown';
  if (explicitDenyField === true && denyingStatements.length === 0 && matchedStatements.length > 0) {
    warnings.push('The message reports an explicit deny, but no matched statement has effect Deny.');
  }

  const actionText2 = action?.full ?? 'an unknown action';
  const on = `on ${shortResource(resource)}`;
  let summary: string;
  let wouldAllow: AuthorizationExplanation['wouldAllow'];
  const advice: string[] = [];
  switch (verdict) {
    case 'explicit-deny': {
      const by = denyingStatements.length > 0 ? `explicit deny by ${describeStatements(denyingStatements)}` : 'explicit deny';
      summary = `DENIED ${actionText2} ${on} — ${by}`;
      advice.push('An explicit Deny wins over every Allow, so adding permissions will not help.');
      const statedAdvice = stated ? policyTypeAdvice(stated, principalLabel(principal)) : undefined;
      if (statedAdvice) advice.push(statedAdvice);
      else advice.push(
        denyingStatements.length > 0
          ? `Find the policy with ${describeStatements(denyingStatements)}: an identity policy, a permissions boundary, a session policy, a resource policy, or an organization SCP or RCP. Change its conditions or the request.`
          : 'AWS did not name the denying statement. Look for Deny statements in the identity policies, permissions boundary, session policy, resource policy and organization SCPs and RCPs.',
      );
      const condKeys = denyingStatements.flatMap((s) => s.conditions);
      const seen = new Set<string>();
      for (const c of condKeys) {
        if (seen.has(c.key.toLowerCase())) continue;
        seen.add(c.key.toLowerCase());
        const actual = context.find((k) => k.key.toLowerCase() === c.key.toLowerCase());
        if (actual) advice.push(`The deny depends on ${c.key}; this request had ${c.key} = ${actual.values.join(', ') || '(empty)'}.`);
        // Guardrails often deny when a tag or attribute is missing (a Null condition).
        else advice.push(`The deny depends on ${c.key}, which this request did not have${c.values.length ? ` (the statement checks ${c.values.join(', ')})` : ''}: if it requires that key, add it to the request, for example as a tag.`);
      }
      break;
    }
    case 'implicit-deny': {
      // An Allow that matched yet did not carry the request means another policy in the chain lacks one.
      const allowing = matchedStatements.filter((st) => st.effect === 'Allow');
      summary = allowing.length > 0
        ? `DENIED ${actionText2} ${on} — implicit deny: ${describeStatements(allowing)} allow${allowing.length > 1 ? '' : 's'} it, another policy does not`
        : `DENIED ${actionText2} ${on} — implicit deny: no statement allows it`;
      if (action && resourceText) wouldAllow = { action: action.full, resource: resourceText };
      const target = action && resourceText ? `${action.full} on ${resourceText}` : `${actionText2} ${on}`;
      if (principal?.kind === 'root') {
        // Identity policies cannot be attached to the root user; it is only limited from outside its account.
        advice.push(`The root user needs no identity policy, so an organization SCP or RCP, or a resource policy in another account, does not allow ${target}. Allow it there.`);
      } else if (stated?.kind === 'implicit' && stated.policyType && stated.policyType !== 'identity-based policy') {
        advice.push(`${policyTypeAdvice(stated, principalLabel(principal))} It must allow ${target}.`);
      } else if (allowing.length > 0) {
        advice.push(`${describeStatements(allowing)} already allow${allowing.length > 1 ? '' : 's'} it, so a policy that must also allow it does not: a permissions boundary, a session policy, or an organization SCP. Allow ${target} there.`);
      } else {
        advice.push(`Allow ${target} in an identity policy of ${principalLabel(principal)}.`);
        advice.push('If an identity policy already allows it, a permissions boundary, a session policy or an organization SCP does not: each of them must allow it too.');
      }
      break;
    }
    case 'allowed':
      summary = `ALLOWED ${actionText2} ${on}`;
      advice.push('The request was allowed by the policies AWS evaluated; the failure came from elsewhere.');
      break;
    default:
      summary = `${actionText2} ${on} — outcome not stated`;
      advice.push('The message does not say whether the request was allowed. Read the raw JSON below.');
  }
  if (failures.length > 0) advice.push(`AWS reported ${failures.length} evaluation failure${failures.length > 1 ? 's' : ''}; see Failures.`);

  return {
    verdict,
    allowed,
    explicitDeny: explicitDenyField ?? (verdict === 'explicit-deny' ? true : undefined),
    principal,
    action,
    resource,
    matchedStatements,
    denyingStatements,
    context,
    failures,
    summary,
    advice,
    wouldAllow,
    warnings,
    rawJson: JSON.stringify(data, null, 2),
    ...(stated ? { statedDenial: stated } : {}),
  };
}

export function principalLabel(p: PrincipalInfo | undefined): string {
  if (!p) return 'the calling principal';
  if (p.kind === 'assumed-role' && p.roleName) return `role ${p.roleName}`;
  if (p.kind === 'role' && p.roleName) return `role ${p.roleName}`;
  if (p.kind === 'user' && p.userName) return `user ${p.userName}`;
  if (p.kind === 'root') return `the root user of ${p.account ?? 'the account'}`;
  return p.arn ?? p.name ?? p.id ?? 'the calling principal';
}
