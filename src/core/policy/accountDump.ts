import { prettyJson, prettyJsonLength } from './jsonText';
import { MAX_POLICY_TEXT_LENGTH } from './limits';
import type { PolicyType } from './types';

/**
 * The policies in the output of `aws iam get-account-authorization-details` (or the merged pages
 * of the IAM GetAccountAuthorizationDetails API). Pure: takes the dump's text, returns the policies.
 */
export interface AccountPolicy {
  /** Readable name: `role/deploy inline:ci-policy`, `role/deploy trust policy`, `policy/ReadBuckets v3`. */
  readonly name: string;
  readonly kind: 'inline' | 'trust' | 'managed';
  readonly policyType: PolicyType;
  /**
   * The text linted, and the text that finding positions refer to: a document the dump holds as
   * a string (the API's URL-encoded form) is URL-decoded and kept as it is; a document the dump
   * holds as a JSON object (the AWS CLI's output) is printed with two-space indentation.
   */
  readonly text: string;
  /**
   * The length the printed text of a document held as a JSON object would have, when that is over
   * MAX_POLICY_TEXT_LENGTH: such a document is refused by this length without being printed, and its
   * `text` is empty.
   */
  readonly tooLarge?: number;
  /** The principal (`role/deploy`, `user/alice`, `group/dev`), or the managed policy (`policy/ReadBuckets`). */
  readonly owner: string;
  readonly awsManaged: boolean;
  /** Managed policies: their ARN. */
  readonly arn?: string;
}

/** A user, group or role and every policy that applies to it (a user's include its groups'). */
export interface AccountPrincipal {
  readonly name: string;
  /** Indexes into `policies`, including AWS managed ones that are not linted. */
  readonly policies: readonly number[];
  /** The principal's ARN, when the dump gives it. */
  readonly arn?: string;
  /** Index into `policies` of the permissions boundary, when the dump holds that policy. */
  readonly boundary?: number;
}

export interface AccountDump {
  readonly accountId?: string;
  readonly policies: readonly AccountPolicy[];
  readonly principals: readonly AccountPrincipal[];
  /** What could not be read, in words; the rest of the dump still counts. */
  readonly problems: readonly string[];
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Json => !!x) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The document's text as linted: see AccountPolicy.text. */
export function policyDocumentText(doc: unknown): string | undefined {
  if (typeof doc === 'string') {
    try {
      return decodeURIComponent(doc);
    } catch {
      return doc;
    }
  }
  return doc && typeof doc === 'object' ? prettyJson(doc) : undefined;
}

/** The document's text, or for a JSON object printed past the policy limit its length and no text. */
function accountDocument(doc: unknown): { text: string; tooLarge?: number } | undefined {
  if (doc && typeof doc === 'object') {
    const length = prettyJsonLength(doc);
    if (length > MAX_POLICY_TEXT_LENGTH) return { text: '', tooLarge: length };
  }
  const text = policyDocumentText(doc);
  return text === undefined ? undefined : { text };
}

/** `role/path/name`: the IAM path (other than /) kept, as in the ARN. */
function principalName(kind: string, entry: Json, nameKey: string): string | undefined {
  const name = str(entry[nameKey]);
  if (!name) return undefined;
  const p = str(entry.Path) ?? '/';
  return `${kind}${p === '/' ? '/' : `${p.endsWith('/') ? p : `${p}/`}`}${name}`.replace(/\/{2,}/g, '/');
}

const ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):/;
const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

export function readAccountDump(text: string): AccountDump {
  const problems: string[] = [];
  let root: Json | undefined;
  try {
    root = obj(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
  } catch (e) {
    return { policies: [], principals: [], problems: [`not JSON: ${(e as Error).message}`] };
  }
  if (!root || !['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'].some((k) => k in root!)) {
    return { policies: [], principals: [], problems: ['not the output of aws iam get-account-authorization-details: none of UserDetailList, GroupDetailList, RoleDetailList or Policies is there'] };
  }
  const policies: AccountPolicy[] = [];
  const principals: AccountPrincipal[] = [];
  const entriesOf = (key: string): Json[] => topList(root!, key, problems);
  let accountId: string | undefined;
  const noteArn = (arn: string | undefined): void => {
    accountId ??= arn ? ACCOUNT.exec(arn)?.[1] : undefined;
  };

  // Managed policies first, so principals can refer to them by ARN.
  const byArn = new Map<string, number>();
  // Counted and said once: a dump of 100,000 of them would otherwise be as many lines.
  let unnamedPolicies = 0;
  let unnamedAt = -1;
  for (const p of entriesOf('Policies')) {
    const arn = str(p.Arn);
    // Some implementations of the API leave PolicyName out; the ARN ends with it.
    const name = str(p.PolicyName) ?? arn?.slice(arn.lastIndexOf('/') + 1);
    if (!arn || !name) {
      if (unnamedPolicies++ === 0) unnamedAt = problems.push('a managed policy without PolicyName or Arn was skipped') - 1;
      continue;
    }
    const awsManaged = AWS_MANAGED.test(arn);
    if (!awsManaged) noteArn(arn);
    const versions = list(p.PolicyVersionList);
    const def = versions.find((v) => v.IsDefaultVersion === true) ?? versions.find((v) => v.VersionId === p.DefaultVersionId);
    const docText = accountDocument(def?.Document);
    if (!def || docText === undefined) {
      problems.push(`policy/${name}: no default version document`);
      continue;
    }
    byArn.set(arn, policies.length);
    policies.push({ name: `policy/${name} ${str(def.VersionId) ?? str(p.DefaultVersionId) ?? ''}`.trim(), kind: 'managed', policyType: 'IDENTITY_POLICY', ...docText, owner: `policy/${name}`, awsManaged, arn });
  }
  if (unnamedPolicies > 1) problems[unnamedAt] = `${unnamedPolicies.toLocaleString('en-US')} managed policies without PolicyName or Arn were skipped`;

  const inline = (owner: string, entries: unknown): number[] =>
    list(entries).flatMap((e) => {
      const name = str(e.PolicyName);
      const docText = accountDocument(e.PolicyDocument);
      if (!name || docText === undefined) {
        problems.push(`${owner}: an inline policy without PolicyName or PolicyDocument was skipped`);
        return [];
      }
      policies.push({ name: `${owner} inline:${name}`, kind: 'inline', policyType: 'IDENTITY_POLICY', ...docText, owner, awsManaged: false });
      return [policies.length - 1];
    });
  const attached = (owner: string, entries: unknown): number[] =>
    list(entries).flatMap((e) => {
      const i = byArn.get(str(e.PolicyArn) ?? '');
      if (i === undefined && str(e.PolicyArn) && !AWS_MANAGED.test(str(e.PolicyArn)!)) problems.push(`${owner}: attached policy ${str(e.PolicyArn)} is not in the dump`);
      return i === undefined ? [] : [i];
    });

  /** A user's or role's ARN and permissions boundary. */
  const limits = (entry: Json): { arn?: string; boundary?: number } => {
    const boundary = byArn.get(str(obj(entry.PermissionsBoundary)?.PermissionsBoundaryArn) ?? '');
    return { ...(str(entry.Arn) ? { arn: str(entry.Arn) } : {}), ...(boundary !== undefined ? { boundary } : {}) };
  };
  const groups = new Map<string, number[]>();
  const unnamedGroups = new Unnamed('GroupDetailList', 'GroupName');
  for (const g of entriesOf('GroupDetailList')) {
    const owner = principalName('group', g, 'GroupName');
    if (!owner) {
      unnamedGroups.count++;
      continue;
    }
    noteArn(str(g.Arn));
    const mine = [...new Set([...inline(owner, g.GroupPolicyList), ...attached(owner, g.AttachedManagedPolicies)])];
    groups.set(str(g.GroupName)!, mine);
    principals.push({ name: owner, policies: mine, ...(str(g.Arn) ? { arn: str(g.Arn) } : {}) });
  }
  const unnamedUsers = new Unnamed('UserDetailList', 'UserName');
  for (const u of entriesOf('UserDetailList')) {
    const owner = principalName('user', u, 'UserName');
    if (!owner) {
      unnamedUsers.count++;
      continue;
    }
    noteArn(str(u.Arn));
    // A group named twice in GroupList (or a policy attached twice) counts once: duplicates only multiply work.
    const groupNames = new Set((Array.isArray(u.GroupList) ? u.GroupList : []).map(String));
    const mine = new Set([...inline(owner, u.UserPolicyList), ...attached(owner, u.AttachedManagedPolicies)]);
    for (const g of groupNames) for (const i of groups.get(g) ?? []) mine.add(i);
    principals.push({ name: owner, policies: [...mine], ...limits(u) });
  }
  const unnamedRoles = new Unnamed('RoleDetailList', 'RoleName');
  for (const r of entriesOf('RoleDetailList')) {
    const owner = principalName('role', r, 'RoleName');
    if (!owner) {
      unnamedRoles.count++;
      continue;
    }
    noteArn(str(r.Arn));
    const trust = accountDocument(r.AssumeRolePolicyDocument);
    if (trust !== undefined) policies.push({ name: `${owner} trust policy`, kind: 'trust', policyType: 'TRUST_POLICY', ...trust, owner, awsManaged: false });
    principals.push({ name: owner, policies: [...new Set([...inline(owner, r.RolePolicyList), ...attached(owner, r.AttachedManagedPolicies)])], ...limits(r) });
  }
  for (const u of [unnamedGroups, unnamedUsers, unnamedRoles]) u.report(problems);
  return { accountId, policies, principals, problems };
}

/**
 * One of the dump's four lists, its entries that are objects. A list that is something else, or
 * entries that are not objects, are said in `problems`: a damaged dump must not read as an empty one.
 */
function topList(root: Json, key: string, problems: string[]): Json[] {
  const v = root[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push(`${key} is ${v === null ? 'null' : `a ${typeof v}`}, not a list: it was skipped`);
    return [];
  }
  const entries = list(v);
  const others = v.length - entries.length;
  if (others === 1) problems.push(`${key}: an entry that is not an object was skipped`);
  else if (others > 1) problems.push(`${key}: ${others} entries that are not objects were skipped`);
  return entries;
}

/** Users, groups or roles without a name cannot be reported on: they are counted and said once. */
class Unnamed {
  count = 0;
  constructor(private readonly key: string, private readonly nameKey: string) {}

  report(problems: string[]): void {
    if (this.count === 1) problems.push(`${this.key}: an entry without ${this.nameKey} was skipped`);
    else if (this.count > 1) problems.push(`${this.key}: ${this.count} entries without ${this.nameKey} were skipped`);
  }
}

/** The policies to lint: AWS managed ones only when asked for. */
export function policiesToLint(dump: AccountDump, includeAwsManaged: boolean): number[] {
  return dump.policies.flatMap((p, i) => (p.awsManaged && !includeAwsManaged ? [] : [i]));
}
