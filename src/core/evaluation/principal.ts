import { splitArn } from '../policy/checks/arnFormats';
import { partitionOf } from './partitions';

/** What kind of caller a request comes from, read from the request's `principal`. */
export type CallerKind = 'root' | 'user' | 'role' | 'session' | 'federatedUser' | 'service' | 'federated' | 'anonymous' | 'unknown';

/** The calling principal, with the identities AWS checks for it (account, role, session). */
export interface Caller {
  raw: string;
  kind: CallerKind;
  account?: string;
  partition: string;
  /** The caller's own ARN (user, role, session, federated user, root). */
  arn?: string;
  /** For role sessions: the role's ARN (aws:PrincipalArn when the request gives it, else built from the session ARN). */
  roleArn?: string;
  roleName?: string;
  /** IAM user name, for aws:username. */
  userName?: string;
  /** A service-linked role or a session of one: SCPs and RCPs do not restrict it. */
  serviceLinked: boolean;
  /** A caller given as an account ID whose partition the request settles (see readCaller): it is in that partition only. */
  partitionSettled?: boolean;
}

const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/i;

const callerCache = new Map<string, Readonly<Caller>>();

/**
 * readCaller for the evaluation engine, which meets the same few principals request after request
 * (every request of a lint's escalation check comes from one caller). The result is shared: read only.
 */
export function readCallerCached(principal: string, principalArn?: string, accountPartition?: string): Readonly<Caller> {
  let key = principalArn === undefined ? `-${principal}` : `${principal.length}:${principal}${principalArn}`;
  if (accountPartition !== undefined) key = `${accountPartition}/${key}`;
  let hit = callerCache.get(key);
  if (!hit) {
    hit = readCaller(principal, principalArn, accountPartition);
    if (callerCache.size >= 256) callerCache.clear();
    callerCache.set(key, hit);
  }
  return hit;
}

/**
 * Reads the request's principal; `principalArn` is aws:PrincipalArn from the context, when given.
 * `accountPartition` is the partition a principal given as an account ID is in, when the request
 * settles it (see accountPartitionOf); without it the account's root user is read in aws but may be
 * in any partition.
 */
export function readCaller(principal: string, principalArn?: string, accountPartition?: string): Caller {
  const raw = principal.trim();
  const none: Caller = { raw, kind: 'unknown', partition: 'aws', serviceLinked: false };
  if (raw === '' || raw.toLowerCase() === 'anonymous' || raw === '*') return { ...none, kind: 'anonymous' };
  const arn = splitArn(raw);
  if (!arn) {
    if (ACCOUNT_ID.test(raw)) {
      const partition = accountPartition ?? 'aws';
      return { ...none, kind: 'root', account: raw, partition, arn: `arn:${partition}:iam::${raw}:root`, ...(accountPartition ? { partitionSettled: true } : {}) };
    }
    if (SERVICE_PRINCIPAL.test(raw)) return { ...none, kind: raw.toLowerCase() === 'cognito-identity.amazonaws.com' ? 'federated' : 'service' };
    // OIDC providers named by host (accounts.google.com, graph.facebook.com, www.amazon.com).
    return { ...none, kind: raw.includes('.') ? 'federated' : 'unknown' };
  }
  const base = { raw, partition: arn.partition, account: arn.account, arn: raw, serviceLinked: false };
  const resource = arn.resource;
  if (arn.service === 'iam') {
    if (resource === 'root') return { ...base, kind: 'root' };
    if (resource.startsWith('user/')) return { ...base, kind: 'user', userName: resource.slice(resource.lastIndexOf('/') + 1) };
    if (resource.startsWith('role/')) {
      const name = resource.slice(resource.lastIndexOf('/') + 1);
      return { ...base, kind: 'role', roleArn: raw, roleName: name, serviceLinked: resource.startsWith('role/aws-service-role/') };
    }
    if (resource.startsWith('oidc-provider/') || resource.startsWith('saml-provider/')) return { ...none, kind: 'federated', account: arn.account, arn: raw, partition: arn.partition };
  }
  if (arn.service === 'sts') {
    if (resource.startsWith('assumed-role/')) {
      const [, roleName = '', ...session] = resource.split('/');
      const given = principalArn && splitArn(principalArn);
      const roleArn = given && given.resource.startsWith('role/') && given.resource.endsWith(`/${roleName}`) ? principalArn : `arn:${arn.partition}:iam::${arn.account}:role/${roleName}`;
      const serviceLinked = roleArn.includes(':role/aws-service-role/') || roleName.startsWith('AWSServiceRoleFor');
      return { ...base, kind: session.length ? 'session' : 'unknown', roleArn, roleName, serviceLinked };
    }
    if (resource.startsWith('federated-user/')) return { ...base, kind: 'federatedUser' };
  }
  return { ...base, kind: 'unknown' };
}

/** True for callers that are IAM identities of an account: they have identity-based policies. */
export function isAccountIdentity(c: Caller): boolean {
  return c.kind === 'root' || c.kind === 'user' || c.kind === 'role' || c.kind === 'session' || c.kind === 'federatedUser';
}

/**
 * How a Principal entry named the caller. `direct` names the user, the role session or the
 * federated user session itself (or everyone); `role` names the session's role; `account` names its
 * account, which delegates to the account's identity-based policies.
 */
export type PrincipalMatch = 'direct' | 'role' | 'account';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The account a principal value names (a 12-digit ID, or an account root ARN in the caller's
 * partition). An ARN in another partition names another account: AWS, "IAM roles and resource-based
 * policies delegate access across accounts only within a single partition".
 */
function accountOf(value: string, c: Caller): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  const a = splitArn(value);
  return a && a.service === 'iam' && a.resource === 'root' && inPartition(c, a.partition) ? a.account : undefined;
}

/** Whether the caller is in `partition`; a caller given as a bare account ID may be in any, unless the request settled its partition. */
export function inPartition(c: Caller, partition: string): boolean {
  return (!c.raw.startsWith('arn:') && !c.partitionSettled) || c.partition === partition;
}

/** The partitions whose Regions' names say them (cn-north-1, us-gov-west-1, us-iso-east-1, ...). */
const REGION_PARTITIONS: readonly (readonly [string, string])[] = [['cn-', 'aws-cn'], ['us-gov-', 'aws-us-gov'], ['us-iso-', 'aws-iso'], ['us-isob-', 'aws-iso-b'], ['eu-isoe-', 'aws-iso-e'], ['us-isof-', 'aws-iso-f']];

/**
 * The partition of a principal given as an account ID, read from the request: the partition of the
 * aws:PrincipalArn it gives, else of the resource's ARN, else of the Region it names
 * (aws:RequestedRegion), else aws. AWS: "You cannot use IAM credentials from one partition to interact
 * with resources in a different partition", so an account calling a resource of aws-cn is an account of aws-cn.
 */
export function accountPartitionOf(resource: string, principalArn: string | undefined, region: string | undefined): string {
  const named = (principalArn && partitionOf(principalArn)) || partitionOf(resource);
  if (named) return named;
  const r = region?.toLowerCase() ?? '';
  let found = 'aws';
  for (const [prefix, partition] of REGION_PARTITIONS) if (r.startsWith(prefix)) found = partition;
  return found;
}

/** Matches one `AWS` principal value against the caller. */
export function matchAwsPrincipal(value: string, c: Caller): PrincipalMatch | undefined {
  if (value === '*') return 'direct';
  const account = accountOf(value, c);
  if (account !== undefined) return isAccountIdentity(c) && c.account === account ? (c.kind === 'root' ? 'direct' : 'account') : undefined;
  if (!c.arn) return undefined;
  if (value === c.arn) return c.kind === 'role' ? 'role' : 'direct';
  // A resource policy naming the IAM user behind a federated user session is limited like a role's.
  if (c.kind === 'federatedUser' && value === federatedUserIamArn(c)) return 'role';
  if (c.kind === 'session' && c.roleArn) {
    if (value === c.roleArn) return 'role';
    // A role ARN with a path names the same role as the session's path-less form.
    const v = splitArn(value);
    if (v && v.service === 'iam' && v.partition === c.partition && v.account === c.account && v.resource.startsWith('role/') && !c.roleArn.includes('/', c.roleArn.indexOf(':role/') + 6) && v.resource.endsWith(`/${c.roleName}`)) return 'role';
  }
  return undefined;
}

/**
 * The identities AWS checks, in order, for NotPrincipal: the account, then the role (or the IAM user
 * behind a federated user), then the caller itself. Each holds the values that name it: a role
 * session is named by its own ARN or its role's.
 */
export function callerIdentities(c: Caller): { kind: 'AWS' | 'Service' | 'Federated'; values: string[] }[] {
  if (c.kind === 'service') return [{ kind: 'Service', values: [c.raw] }];
  if (c.kind === 'federated') return [{ kind: 'Federated', values: [c.raw] }];
  if (c.kind === 'anonymous' || c.kind === 'unknown' || !c.account) return [];
  const out: { kind: 'AWS'; values: string[] }[] = [{ kind: 'AWS', values: [c.account] }];
  if (c.kind === 'session' && c.roleArn) out.push({ kind: 'AWS', values: [c.roleArn] }, { kind: 'AWS', values: [c.arn!, c.roleArn] });
  else if (c.kind === 'federatedUser') out.push({ kind: 'AWS', values: [c.arn!, federatedUserIamArn(c)] });
  else if (c.kind !== 'root' && c.arn) out.push({ kind: 'AWS', values: [c.arn] });
  return out;
}

/** The IAM user that called GetFederationToken, from a federated user ARN. */
export function federatedUserIamArn(c: Caller): string {
  const name = c.arn ? c.arn.slice(c.arn.indexOf(':federated-user/') + ':federated-user/'.length) : '';
  return `arn:${c.partition}:iam::${c.account}:user/${name}`;
}

const OIDC_PROVIDER = ':oidc-provider/';

/** An OIDC provider ARN's partition, account and host (`arn:aws:iam::111122223333:oidc-provider/HOST`); a bare host has neither. */
function providerParts(v: string): { partition?: string; account?: string; host: string } {
  const at = v.startsWith('arn:') ? v.indexOf(OIDC_PROVIDER) : -1;
  if (at < 0) return { host: v.toLowerCase() };
  const arn = splitArn(v);
  return { partition: arn?.partition, account: arn?.account, host: v.slice(at + OIDC_PROVIDER.length).toLowerCase() };
}

/**
 * A `Federated` value against a web identity or SAML caller. A web identity token names its
 * provider by host (`token.actions.githubusercontent.com`, `accounts.google.com`) while trust
 * policies name an IAM OIDC provider by ARN, or the well-known providers (Google, Cognito,
 * Amazon, Facebook) by host: either form names the same provider. Two ARNs must agree on the
 * partition and the account.
 */
export function federatedMatch(policyValue: string, caller: string): boolean {
  if (policyValue === '*' || policyValue === caller) return true;
  const p = providerParts(policyValue);
  const c = providerParts(caller);
  if (p.host !== c.host) return false;
  return p.account === undefined || c.account === undefined || (p.account === c.account && p.partition === c.partition);
}

export interface PrincipalValues {
  /** `"Principal": "*"`. */
  all: boolean;
  /** A plain string other than "*" (`"Principal": "arn:…"`), which is not valid policy syntax. */
  invalid?: string;
  aws: string[];
  service: string[];
  federated: string[];
  canonical: string[];
}

/** Best match of a Principal element's values against the caller; undefined when none names it. */
export function matchPrincipal(p: PrincipalValues, c: Caller): PrincipalMatch | undefined {
  if (p.all) return 'direct';
  let best: PrincipalMatch | undefined;
  for (const v of p.aws) {
    const m = matchAwsPrincipal(v, c);
    if (m === 'direct') return m;
    if (m === 'role' || (m === 'account' && !best)) best = m;
  }
  if (best) return best;
  // A wildcard under Service names no one: AWS rejects it ("Wildcards (*, ?) are not supported with the principal key Service").
  const lower = c.raw.toLowerCase();
  if (p.service.some((s) => s.toLowerCase() === lower)) return 'direct';
  if (p.federated.some((s) => federatedMatch(s, c.raw))) return 'direct';
  if (p.canonical.some((s) => s === '*' || s === c.raw)) return 'direct';
  return undefined;
}

/**
 * NotPrincipal excludes the caller only when every identity AWS checks for it is listed (its
 * account, its role, itself), as the NotPrincipal documentation warns: listing only a user or a
 * role leaves the Deny applying through the account.
 */
export function excludedByNotPrincipal(p: PrincipalValues, c: Caller): boolean {
  if (p.all) return true;
  const ids = callerIdentities(c);
  if (ids.length === 0) return false;
  return ids.every((id) => {
    if (id.kind === 'Service') return p.service.some((s) => s.toLowerCase() === id.values[0].toLowerCase());
    if (id.kind === 'Federated') return p.federated.some((s) => federatedMatch(s, id.values[0]));
    return p.aws.some((v) => v === '*' || id.values.some((value) => v === value || (ACCOUNT_ID.test(value) && accountOf(v, c) === value)));
  });
}
