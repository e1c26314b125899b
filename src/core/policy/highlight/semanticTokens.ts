import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { actionTokens, conditionKeyTokens, operatorTokens, valueTokens, type Emit } from './stringParts';
import { MAX_POLICY_TOKENS, type PolicyToken, type PolicyTokenType } from './tokenTypes';

/**
 * Semantic tokens of one policy's JSON text: its elements (Version, Statement, Effect, Action...),
 * effects, actions, ARNs and their parts, principals, condition operators and keys, policy
 * variables and the version date. One pass of jsonc-parser's scanner with a stack of what each
 * open object or array is in the policy: linear in the text, with no regular expression and no
 * recursion, and bounded by a token cap.
 */

/** What a value is in the policy, decided by the members around it. */
type Role =
  | 'policy' // the policy object
  | 'version'
  | 'statements' // the value of Statement: one statement or an array of them
  | 'statement'
  | 'effect'
  | 'actions'
  | 'principal'
  | 'condition' // operator -> block
  | 'conditionBlock' // condition key -> values
  | 'values' // Resource, principals, condition values, any other member of a statement
  | 'none';

export interface Frame {
  readonly array: boolean;
  readonly role: Role;
  /** The member whose value comes next (objects). */
  key: string;
  expectKey: boolean;
}

/** Where a scan can resume: the offset of a token and what the containers open before it are. */
export interface ScanCheckpoint {
  readonly offset: number;
  readonly stack: readonly Readonly<Frame>[];
  readonly untracked: number;
}

export interface PolicyTokenOptions {
  /** Only tokens that start in [start, end) of the text; the scan stops at `end`. */
  readonly start?: number;
  readonly end?: number;
  /** Start scanning here (a checkpoint at or before `start` from an earlier scan of the same text) instead of at the top. */
  readonly resume?: ScanCheckpoint;
  /** Receives a checkpoint every few thousand tokens, in order, so that a later range request of the same text resumes near its start. */
  readonly checkpoints?: ScanCheckpoint[];
  readonly maxTokens?: number;
  /** Asked every few thousand scanner tokens; true stops the pass. */
  readonly isCancelled?: () => boolean;
}

export interface PolicyTokens {
  readonly tokens: PolicyToken[];
  /** True when the cap cut the tokens short. */
  readonly truncated: boolean;
  readonly cancelled: boolean;
}

const ELEMENTS = new Set(['Version', 'Id', 'Statement', 'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const EFFECTS = new Set(['Allow', 'Deny']);
/** Keys longer than this are no element, operator or key that changes a role: not copied. */
const MAX_KEY = 64;
/** Policies nest a few levels; deeper containers are counted, not tracked, and get no tokens. */
const MAX_TRACKED_DEPTH = 32;
const CANCEL_CHECK_EVERY = 4096;
const CHECKPOINT_EVERY = 2048;

/** The role of the value of member `key` (or of an array element when `key` is undefined) in a container of `role`. */
function valueRole(role: Role, key: string | undefined): Role {
  switch (role) {
    case 'policy':
      return key === 'Statement' ? 'statements' : key === 'Version' ? 'version' : 'none';
    case 'statements':
      return 'statement';
    case 'statement':
      if (key === 'Effect') return 'effect';
      if (key === 'Action' || key === 'NotAction') return 'actions';
      if (key === 'Principal' || key === 'NotPrincipal') return 'principal';
      if (key === 'Condition') return 'condition';
      if (key === 'Sid' || key === 'Id') return 'none';
      return 'values';
    case 'principal':
      return 'values';
    case 'condition':
      return 'conditionBlock';
    case 'conditionBlock':
      return 'values';
    case 'actions':
    case 'values':
      return role;
    default:
      return 'none';
  }
}

/** The role of an object or array that is a value of `role`: a lone statement object is a statement. */
function containerRole(role: Role, array: boolean): Role {
  if (role === 'statements') return array ? 'statements' : 'statement';
  if (role === 'effect' || role === 'version') return 'none';
  if (role === 'principal' && array) return 'values';
  if ((role === 'condition' || role === 'conditionBlock') && array) return 'none';
  return role;
}

function keyTokens(role: Role, s: string, start: number, end: number, key: string, emit: Emit): void {
  if ((role === 'policy' && (key === 'Version' || key === 'Id' || key === 'Statement')) || (role === 'statement' && ELEMENTS.has(key))) emit(start, end - start, 'iamPolicyElement');
  else if (role === 'condition') operatorTokens(s, start, end, emit);
  else if (role === 'conditionBlock') conditionKeyTokens(s, start, end, emit);
}

function stringTokens(role: Role, s: string, start: number, end: number, emit: Emit): void {
  switch (role) {
    case 'version':
      if (end - start === 10 && VERSIONS.has(s.slice(start, end))) emit(start, end - start, 'iamVersionDate');
      return;
    case 'effect':
      if (end - start <= 5 && EFFECTS.has(s.slice(start, end))) emit(start, end - start, 'iamEffect');
      return;
    case 'actions':
      actionTokens(s, start, end, emit);
      return;
    case 'values':
    case 'principal':
      valueTokens(s, start, end, emit);
      return;
    default:
      return;
  }
}

/** The semantic tokens of a policy's text (the region's JSON), in order. */
export function policySemanticTokens(text: string, options: PolicyTokenOptions = {}): PolicyTokens {
  const from = Math.max(0, options.start ?? 0);
  const to = Math.min(text.length, options.end ?? text.length);
  const max = options.maxTokens ?? MAX_POLICY_TOKENS;
  const tokens: PolicyToken[] = [];
  let truncated = false;
  const emit: Emit = (offset, length, type: PolicyTokenType) => {
    if (length <= 0 || offset < from || offset >= to) return;
    if (tokens.length >= max) truncated = true;
    else tokens.push({ offset, length, type });
  };

  const scanner = createScanner(text, true);
  const resume = options.resume && options.resume.offset <= from ? options.resume : undefined;
  if (resume) scanner.setPosition(resume.offset);
  const stack: Frame[] = resume ? resume.stack.map((f) => ({ ...f })) : [];
  /** Open containers past MAX_TRACKED_DEPTH (or inside a container of no role). */
  let untracked = resume?.untracked ?? 0;
  let scanned = 0;
  const top = (): Frame | undefined => stack[stack.length - 1];
  /** Role of the value about to be read, from the container it is in. */
  const nextRole = (): Role => {
    if (untracked) return 'none';
    const f = top();
    if (!f) return 'policy';
    return valueRole(f.role, f.array ? undefined : f.key);
  };

  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (++scanned % CANCEL_CHECK_EVERY === 0 && options.isCancelled?.()) return { tokens, truncated, cancelled: true };
    const offset = scanner.getTokenOffset();
    if (offset >= to || truncated) break;
    if (options.checkpoints && scanned % CHECKPOINT_EVERY === 0) options.checkpoints.push({ offset, stack: stack.map((f) => ({ ...f })), untracked });
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const array = kind === SyntaxKind.OpenBracketToken;
        const role = stack.length ? containerRole(nextRole(), array) : array ? 'none' : 'policy';
        if (untracked || stack.length >= MAX_TRACKED_DEPTH || role === 'none') untracked++;
        else stack.push({ array, role, key: '', expectKey: !array });
        break;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (untracked) untracked--;
        else stack.pop();
        break;
      case SyntaxKind.CommaToken: {
        const f = top();
        if (f && !untracked && !f.array) f.expectKey = true;
        break;
      }
      case SyntaxKind.ColonToken: {
        const f = top();
        if (f && !untracked) f.expectKey = false;
        break;
      }
      case SyntaxKind.StringLiteral: {
        const length = scanner.getTokenLength();
        const start = offset + 1;
        const end = offset + length - (scanner.getTokenError() === ScanError.UnexpectedEndOfString ? 0 : 1);
        if (end < start || untracked) break;
        const f = top();
        if (f && !f.array && f.expectKey) {
          f.key = end - start <= MAX_KEY ? text.slice(start, end) : '';
          keyTokens(f.role, text, start, end, f.key, emit);
        } else stringTokens(nextRole(), text, start, end, emit);
        break;
      }
      default:
        break;
    }
  }
  return { tokens, truncated, cancelled: false };
}
