/**
 * STS's documented request limits, checked before any call so that a person learns which limit a
 * request breaks instead of getting a generic ValidationError back. The editor shows them when it
 * does not send a request, so they are in the display language.
 */
import * as l10n from '@vscode/l10n';

export interface SessionTag {
  readonly key: string;
  readonly value: string;
}

export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
  readonly mfaCode?: string;
  readonly externalId?: string;
  readonly tags?: readonly SessionTag[];
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
}

export interface AssumeRoleContext {
  /** The caller's credentials are themselves an assumed role: role chaining caps sessions at 1 hour. */
  readonly chained?: boolean;
  /** The role's MaxSessionDuration when known (IAM GetRole). */
  readonly roleMaxSessionSeconds?: number;
}

const NAME_CHARS = /^[\w+=,.@-]*$/;
const ARN = /^arn:aws[\w-]*:[\w-]+:[\w-]*:\d{12}:.+$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** A request parameter whose length STS limits; each has its own sentences, so a translation can word the name as its grammar needs. */
type Field = 'roleArn' | 'sessionName' | 'mfaSerial' | 'externalId' | 'sourceIdentity' | 'providerId' | 'federatedUserName';
/** The parameters that are names: letters, digits and + = , . @ _ - only. */
type NameField = 'sessionName' | 'sourceIdentity' | 'federatedUserName';

function lengthProblem(field: Field, min: number, max: number, actual: number): string {
  switch (field) {
    case 'roleArn': return l10n.t('role ARN must be {0}–{1} characters long (it is {2})', min, max, actual);
    case 'sessionName': return l10n.t('session name must be {0}–{1} characters long (it is {2})', min, max, actual);
    case 'mfaSerial': return l10n.t('MFA serial number must be {0}–{1} characters long (it is {2})', min, max, actual);
    case 'externalId': return l10n.t('external ID must be {0}–{1} characters long (it is {2})', min, max, actual);
    case 'sourceIdentity': return l10n.t('source identity must be {0}–{1} characters long (it is {2})', min, max, actual);
    case 'providerId': return l10n.t('provider ID must be {0}–{1} characters long (it is {2})', min, max, actual);
    case 'federatedUserName': return l10n.t('federated user name must be {0}–{1} characters long (it is {2})', min, max, actual);
  }
}

function nameCharsProblem(field: NameField): string {
  switch (field) {
    case 'sessionName': return l10n.t('session name may contain only letters, digits and + = , . @ _ -');
    case 'sourceIdentity': return l10n.t('source identity may contain only letters, digits and + = , . @ _ -');
    case 'federatedUserName': return l10n.t('federated user name may contain only letters, digits and + = , . @ _ -');
  }
}

function length(field: Field, value: string, min: number, max: number, out: string[]): void {
  if (value.length < min || value.length > max) out.push(lengthProblem(field, min, max, value.length));
}

function nameFormat(field: NameField, value: string, min: number, max: number, out: string[]): void {
  length(field, value, min, max, out);
  if (!NAME_CHARS.test(value)) out.push(nameCharsProblem(field));
}

/** Why a duration may be at most what it may: a phrase in parentheses after the limit. */
function capWords(cap: 'chaining' | 'role' | 'sts' | 'root' | 'sessionToken' | 'federationToken'): string {
  switch (cap) {
    case 'chaining': return l10n.t('role chaining caps sessions at 1 hour');
    case 'role': return l10n.t("the role's maximum session duration");
    case 'sts': return l10n.t('the STS maximum of 12 hours');
    case 'root': return l10n.t('the root user is capped at 1 hour');
    case 'sessionToken': return l10n.t('GetSessionToken allows at most 36 hours');
    case 'federationToken': return l10n.t('GetFederationToken allows at most 36 hours');
  }
}

function duration(value: number | undefined, min: number, max: number, why: Parameters<typeof capWords>[0], out: string[]): void {
  if (value === undefined) return;
  if (!Number.isInteger(value)) out.push(l10n.t('duration must be a whole number of seconds (got {0})', value));
  else if (value < min) out.push(l10n.t('duration must be at least {0} seconds (15 minutes); {1} is too short', min, value));
  else if (value > max) {
    out.push(l10n.t({
      message: 'duration must be at most {0} seconds ({1}); {2} is too long',
      args: [max, capWords(why), value],
      comment: ['{1} says why, e.g. "role chaining caps sessions at 1 hour" or "the STS maximum of 12 hours".'],
    }));
  }
}

const MISSING_MFA_CODE = () => l10n.t('the MFA device is set but no MFA code was given');

function mfa(serial: string | undefined, code: string | undefined, out: string[]): void {
  if (serial !== undefined) {
    length('mfaSerial', serial, 9, 256, out);
    if (!/^[\w+=/:,.@-]*$/.test(serial)) out.push(l10n.t('MFA serial number must be a device ARN (arn:aws:iam::ACCOUNT:mfa/NAME) or a hardware serial'));
  }
  if (code !== undefined && !/^\d{6}$/.test(code)) out.push(l10n.t('MFA code must be exactly 6 digits'));
  if (code !== undefined && serial === undefined) out.push(l10n.t('an MFA code needs the MFA device serial number (mfa_serial) too'));
}

export function tagProblems(tags: readonly SessionTag[] | undefined, transitive: readonly string[] | undefined, out: string[]): void {
  const list = tags ?? [];
  if (list.length > 50) out.push(l10n.t('at most 50 session tags are allowed (got {0})', list.length));
  const seen = new Set<string>();
  for (const t of list) {
    if (t.key.length < 1 || t.key.length > 128) out.push(l10n.t('tag key "{0}" must be 1–128 characters long', t.key));
    if (t.value.length > 256) out.push(l10n.t('tag value for "{0}" must be at most 256 characters long', t.key));
    if (!TAG_CHARS.test(t.key) || !TAG_CHARS.test(t.value)) out.push(l10n.t('tag "{0}" may contain only letters, digits, spaces and _ . : / = + - @', t.key));
    if (/^aws:/i.test(t.key)) out.push(l10n.t('tag key "{0}" may not start with "aws:"', t.key));
    const lower = t.key.toLowerCase();
    if (seen.has(lower)) out.push(l10n.t('tag key "{0}" appears twice (tag keys are case-insensitive)', t.key));
    seen.add(lower);
  }
  const keys = transitive ?? [];
  if (keys.length > 50) out.push(l10n.t('at most 50 transitive tag keys are allowed (got {0})', keys.length));
  for (const k of keys) if (!seen.has(k.toLowerCase())) out.push(l10n.t('transitive tag key "{0}" is not one of the session tags', k));
}

export function policyProblems(policy: string | undefined, policyArns: readonly string[] | undefined, out: string[]): void {
  if (policy !== undefined) {
    if (policy.length < 1 || policy.length > 2048) out.push(l10n.t('session policy must be 1–2048 characters long (it is {0}); remove whitespace or use managed policy ARNs', policy.length));
    try {
      const doc: unknown = JSON.parse(policy);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) out.push(l10n.t('session policy must be a JSON object with "Version" and "Statement"'));
    } catch (e) {
      // The parser's own message (Node's, in English) is the value.
      out.push(l10n.t('session policy is not valid JSON: {0}', e instanceof Error ? e.message : String(e)));
    }
  }
  const arns = policyArns ?? [];
  if (arns.length > 10) out.push(l10n.t('at most 10 managed session policy ARNs are allowed (got {0})', arns.length));
  for (const a of arns) if (!/^arn:aws[\w-]*:iam::(?:\d{12}|aws):policy\/.+$/.test(a) || a.length > 2048) out.push(l10n.t('"{0}" is not a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME)', a));
}

const roleArnProblem = (arn: string): string => l10n.t('role ARN must look like arn:aws:iam::123456789012:role/NAME (got "{0}")', arn);

/** Problems with an AssumeRole request, each naming the STS limit it breaks; empty when valid. */
export function validateAssumeRole(req: AssumeRoleRequest, ctx: AssumeRoleContext = {}): string[] {
  const out: string[] = [];
  length('roleArn', req.roleArn, 20, 2048, out);
  if (!ROLE_ARN.test(req.roleArn)) out.push(roleArnProblem(req.roleArn));
  nameFormat('sessionName', req.sessionName, 2, 64, out);
  const cap = ctx.chained ? 3600 : Math.min(ctx.roleMaxSessionSeconds ?? 43200, 43200);
  duration(req.durationSeconds, 900, cap, ctx.chained ? 'chaining' : ctx.roleMaxSessionSeconds !== undefined ? 'role' : 'sts', out);
  mfa(req.mfaSerial, req.mfaCode, out);
  if (req.mfaSerial !== undefined && req.mfaCode === undefined) out.push(MISSING_MFA_CODE());
  if (req.externalId !== undefined) {
    length('externalId', req.externalId, 2, 1224, out);
    if (!/^[\w+=,.@:/-]*$/.test(req.externalId)) out.push(l10n.t('external ID may contain only letters, digits and + = , . @ : / _ -'));
  }
  if (req.sourceIdentity !== undefined) {
    nameFormat('sourceIdentity', req.sourceIdentity, 2, 64, out);
    if (/^aws:/i.test(req.sourceIdentity)) out.push(l10n.t('source identity may not start with "aws:"'));
  }
  tagProblems(req.tags, req.transitiveTagKeys, out);
  policyProblems(req.policy, req.policyArns, out);
  return out;
}

export interface GetSessionTokenRequest {
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
  readonly mfaCode?: string;
}

/** GetSessionToken: 15 minutes to 36 hours for IAM users (1 hour for the root user). */
export function validateGetSessionToken(req: GetSessionTokenRequest, rootUser = false): string[] {
  const out: string[] = [];
  duration(req.durationSeconds, 900, rootUser ? 3600 : 129600, rootUser ? 'root' : 'sessionToken', out);
  mfa(req.mfaSerial, req.mfaCode, out);
  if (req.mfaSerial !== undefined && req.mfaCode === undefined) out.push(MISSING_MFA_CODE());
  return out;
}

export interface WebIdentityRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly token: string;
  readonly providerId?: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
}

export function validateWebIdentity(req: WebIdentityRequest, roleMaxSessionSeconds?: number): string[] {
  const out: string[] = [];
  if (!ROLE_ARN.test(req.roleArn)) out.push(roleArnProblem(req.roleArn));
  nameFormat('sessionName', req.sessionName, 2, 64, out);
  if (req.token.length < 4 || req.token.length > 20000) out.push(l10n.t('web identity token must be 4–20000 characters long (it is {0})', req.token.length));
  if (req.providerId !== undefined) length('providerId', req.providerId, 4, 2048, out);
  duration(req.durationSeconds, 900, roleMaxSessionSeconds ?? 43200, roleMaxSessionSeconds ? 'role' : 'sts', out);
  policyProblems(req.policy, req.policyArns, out);
  return out;
}

export interface SamlRequest {
  readonly roleArn: string;
  readonly principalArn: string;
  readonly assertion: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
}

export function validateSaml(req: SamlRequest): string[] {
  const out: string[] = [];
  if (!ROLE_ARN.test(req.roleArn)) out.push(roleArnProblem(req.roleArn));
  if (!/^arn:aws[\w-]*:iam::\d{12}:saml-provider\/.+$/.test(req.principalArn)) out.push(l10n.t('SAML provider ARN must look like arn:aws:iam::123456789012:saml-provider/NAME (got "{0}")', req.principalArn));
  if (req.assertion.length < 4 || req.assertion.length > 100000) out.push(l10n.t('SAML assertion must be 4–100000 characters of base64 (it is {0})', req.assertion.length));
  else if (!/^[A-Z0-9+/=\s]+$/i.test(req.assertion)) out.push(l10n.t('SAML assertion must be the base64-encoded SAMLResponse, as the identity provider posts it'));
  duration(req.durationSeconds, 900, 43200, 'sts', out);
  policyProblems(req.policy, req.policyArns, out);
  return out;
}

export interface FederationTokenRequest {
  readonly name: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  readonly tags?: readonly SessionTag[];
}

export function validateFederationToken(req: FederationTokenRequest, rootUser = false): string[] {
  const out: string[] = [];
  nameFormat('federatedUserName', req.name, 2, 32, out);
  duration(req.durationSeconds, 900, rootUser ? 3600 : 129600, rootUser ? 'root' : 'federationToken', out);
  policyProblems(req.policy, req.policyArns, out);
  tagProblems(req.tags, undefined, out);
  return out;
}

export function isArn(value: string): boolean {
  return ARN.test(value);
}

/** Parses "key=value, key2=value2" into session tags; returns a message when malformed. */
export function parseTags(text: string): SessionTag[] | string {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const tags: SessionTag[] = [];
  for (const part of trimmed.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return l10n.t('"{0}" is not key=value', part.trim());
    tags.push({ key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  }
  return tags;
}
