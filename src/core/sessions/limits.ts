/**
 * STS's documented request limits, checked before any call so that a person learns which limit a
 * request breaks instead of getting a generic ValidationError back.
 */

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

function length(field: string, value: string, min: number, max: number, out: string[]): void {
  if (value.length < min || value.length > max) out.push(`${field} must be ${min}–${max} characters long (it is ${value.length})`);
}

function nameFormat(field: string, value: string, min: number, max: number, out: string[]): void {
  length(field, value, min, max, out);
  if (!NAME_CHARS.test(value)) out.push(`${field} may contain only letters, digits and + = , . @ _ -`);
}

function duration(value: number | undefined, min: number, max: number, why: string, out: string[]): void {
  if (value === undefined) return;
  if (!Number.isInteger(value)) out.push(`duration must be a whole number of seconds (got ${value})`);
  else if (value < min) out.push(`duration must be at least ${min} seconds (15 minutes); ${value} is too short`);
  else if (value > max) out.push(`duration must be at most ${max} seconds (${why}); ${value} is too long`);
}

function mfa(serial: string | undefined, code: string | undefined, out: string[]): void {
  if (serial !== undefined) {
    length('MFA serial number', serial, 9, 256, out);
    if (!/^[\w+=/:,.@-]*$/.test(serial)) out.push('MFA serial number must be a device ARN (arn:aws:iam::ACCOUNT:mfa/NAME) or a hardware serial');
  }
  if (code !== undefined && !/^\d{6}$/.test(code)) out.push('MFA code must be exactly 6 digits');
  if (code !== undefined && serial === undefined) out.push('an MFA code needs the MFA device serial number (mfa_serial) too');
}

export function tagProblems(tags: readonly SessionTag[] | undefined, transitive: readonly string[] | undefined, out: string[]): void {
  const list = tags ?? [];
  if (list.length > 50) out.push(`at most 50 session tags are allowed (got ${list.length})`);
  const seen = new Set<string>();
  for (const t of list) {
    if (t.key.length < 1 || t.key.length > 128) out.push(`tag key "${t.key}" must be 1–128 characters long`);
    if (t.value.length > 256) out.push(`tag value for "${t.key}" must be at most 256 characters long`);
    if (!TAG_CHARS.test(t.key) || !TAG_CHARS.test(t.value)) out.push(`tag "${t.key}" may contain only letters, digits, spaces and _ . : / = + - @`);
    if (/^aws:/i.test(t.key)) out.push(`tag key "${t.key}" may not start with "aws:"`);
    const lower = t.key.toLowerCase();
    if (seen.has(lower)) out.push(`tag key "${t.key}" appears twice (tag keys are case-insensitive)`);
    seen.add(lower);
  }
  const keys = transitive ?? [];
  if (keys.length > 50) out.push(`at most 50 transitive tag keys are allowed (got ${keys.length})`);
  for (const k of keys) if (!seen.has(k.toLowerCase())) out.push(`transitive tag key "${k}" is not one of the session tags`);
}

export function policyProblems(policy: string | undefined, policyArns: readonly string[] | undefined, out: string[]): void {
  if (policy !== undefined) {
    if (policy.length < 1 || policy.length > 2048) out.push(`session policy must be 1–2048 characters long (it is ${policy.length}); remove whitespace or use managed policy ARNs`);
    try {
      const doc: unknown = JSON.parse(policy);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) out.push('session policy must be a JSON object with "Version" and "Statement"');
    } catch (e) {
      out.push(`session policy is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const arns = policyArns ?? [];
  if (arns.length > 10) out.push(`at most 10 managed session policy ARNs are allowed (got ${arns.length})`);
  for (const a of arns) if (!/^arn:aws[\w-]*:iam::(?:\d{12}|aws):policy\/.+$/.test(a) || a.length > 2048) out.push(`"${a}" is not a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME)`);
}

/** Problems with an AssumeRole request, each naming the STS limit it breaks; empty when valid. */
export function validateAssumeRole(req: AssumeRoleRequest, ctx: AssumeRoleContext = {}): string[] {
  const out: string[] = [];
  length('role ARN', req.roleArn, 20, 2048, out);
  if (!ROLE_ARN.test(req.roleArn)) out.push(`role ARN must look like arn:aws:iam::123456789012:role/NAME (got "${req.roleArn}")`);
  nameFormat('session name', req.sessionName, 2, 64, out);
  const cap = ctx.chained ? 3600 : Math.min(ctx.roleMaxSessionSeconds ?? 43200, 43200);
  const why = ctx.chained ? 'role chaining caps sessions at 1 hour' : ctx.roleMaxSessionSeconds !== undefined ? "the role's maximum session duration" : 'the STS maximum of 12 hours';
  duration(req.durationSeconds, 900, cap, why, out);
  mfa(req.mfaSerial, req.mfaCode, out);
  if (req.mfaSerial !== undefined && req.mfaCode === undefined) out.push('the MFA device is set but no MFA code was given');
  if (req.externalId !== undefined) {
    length('external ID', req.externalId, 2, 1224, out);
    if (!/^[\w+=,.@:/-]*$/.test(req.externalId)) out.push('external ID may contain only letters, digits and + = , . @ : / _ -');
  }
  if (req.sourceIdentity !== undefined) {
    nameFormat('source identity', req.sourceIdentity, 2, 64, out);
    if (/^aws:/i.test(req.sourceIdentity)) out.push('source identity may not start with "aws:"');
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
  duration(req.durationSeconds, 900, rootUser ? 3600 : 129600, rootUser ? 'the root user is capped at 1 hour' : 'GetSessionToken allows at most 36 hours', out);
  mfa(req.mfaSerial, req.mfaCode, out);
  if (req.mfaSerial !== undefined && req.mfaCode === undefined) out.push('the MFA device is set but no MFA code was given');
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
  if (!ROLE_ARN.test(req.roleArn)) out.push(`role ARN must look like arn:aws:iam::123456789012:role/NAME (got "${req.roleArn}")`);
  nameFormat('session name', req.sessionName, 2, 64, out);
  if (req.token.length < 4 || req.token.length > 20000) out.push(`web identity token must be 4–20000 characters long (it is ${req.token.length})`);
  if (req.providerId !== undefined) length('provider ID', req.providerId, 4, 2048, out);
  duration(req.durationSeconds, 900, roleMaxSessionSeconds ?? 43200, roleMaxSessionSeconds ? "the role's maximum session duration" : 'the STS maximum of 12 hours', out);
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
  if (!ROLE_ARN.test(req.roleArn)) out.push(`role ARN must look like arn:aws:iam::123456789012:role/NAME (got "${req.roleArn}")`);
  if (!/^arn:aws[\w-]*:iam::\d{12}:saml-provider\/.+$/.test(req.principalArn)) out.push(`SAML provider ARN must look like arn:aws:iam::123456789012:saml-provider/NAME (got "${req.principalArn}")`);
  if (req.assertion.length < 4 || req.assertion.length > 100000) out.push(`SAML assertion must be 4–100000 characters of base64 (it is ${req.assertion.length})`);
  else if (!/^[A-Z0-9+/=\s]+$/i.test(req.assertion)) out.push('SAML assertion must be the base64-encoded SAMLResponse, as the identity provider posts it');
  duration(req.durationSeconds, 900, 43200, 'the STS maximum of 12 hours', out);
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
  nameFormat('federated user name', req.name, 2, 32, out);
  duration(req.durationSeconds, 900, rootUser ? 3600 : 129600, rootUser ? 'the root user is capped at 1 hour' : 'GetFederationToken allows at most 36 hours', out);
  policyProblems(req.policy, req.policyArns, out);
  tagProblems(req.tags, undefined, out);
  return out;
}

/**
 * The default role session name: the local user and a short UTC time (`alice-1128T0432Z`, month, day,
 * hours and minutes), short enough for a tree row and readable in CloudTrail, within STS's 2–64
 * characters of letters, digits and +=,.@-.
 */
export function defaultSessionName(user: string, now: number): string {
  const who = user.replace(/[^\w+=,.@-]+/g, '-').replace(/^-+|(?<!-)-+$/g, '').slice(0, 32) || 'sts-lens';
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  // UTC, like CloudTrail's event times, so the name and the event line up.
  return `${who}-${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}Z`;
}

/** The SDK's own default session name (`aws-sdk-js-1795837033970`), which says nothing in CloudTrail. */
export function isSdkDefaultSessionName(name: string | undefined): boolean {
  return !!name && /^aws-sdk-js-\d+$/.test(name);
}

/** Whether a caller ARN is an assumed role, so a further AssumeRole is role chaining. */
export function isAssumedRoleArn(arn: string | undefined): boolean {
  return !!arn && /^arn:aws[\w-]*:sts::\d{12}:assumed-role\//.test(arn);
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
    if (eq <= 0) return `"${part.trim()}" is not key=value`;
    tags.push({ key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  }
  return tags;
}
