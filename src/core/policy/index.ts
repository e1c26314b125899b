import { describeSyntaxCode } from '../jsonSyntax';
import { listPerKind, MAX_LISTED_PER_KIND, notListedText, type UnlistedKind } from '../notListed';
import type { IamCatalog } from './catalog';
import { checkActions, resolveStatements } from './checks/actions';
import { checkConditions } from './checks/conditions';
import { checkKeySupport } from './checks/keySupport';
import { checkEscalation } from './checks/escalation';
import { checkGrammar } from './checks/grammar';
import { checkPrincipals } from './checks/principals';
import { checkResourceStar } from './checks/resourceStar';
import { checkResources } from './checks/resources';
import { checkSecurity } from './checks/security';
import { checkSize, checkRedundancy } from './checks/suggestions';
import { checkVariables } from './checks/variables';
import type { LintContext } from './context';
import { refineByName } from './guardrailNames';
import { MAX_POLICY_TEXT_LENGTH } from './limits';
import { parsePolicy, stringValues, type ParsedPolicy, type SyntaxProblem } from './parse';
import { PATH_SERVICES } from '../evaluation/escalation/pathActions';
import { Reporter } from './report';
import { severityRank, type Finding, type PolicyType } from './types';

export * from './types';
export * from './catalog';
export { ISSUE_CODES, OPT_IN_CODES, type IssueCodeInfo } from './codes';
export { guardrailTypeFromName } from './guardrailNames';
export { MAX_POLICY_NESTING, MAX_POLICY_TEXT_LENGTH } from './limits';
export { parsePolicy, scalarValues, stringValues, LineIndex, STATEMENT_ELEMENTS, TOP_ELEMENTS } from './parse';
export type { ParsedPolicy, ParsedStatement, ParsedElement, ParsedValue, ParsedConditionKey, ParsedConditionOperator, SyntaxProblem, JsonNode } from './parse';
export { matchActions, suggestAction, suggestService, splitAction, wildcardRegex, editDistance } from './actions';
export { parseConditionOperator, CONDITION_OPERATORS, type ConditionOperatorInfo } from './checks/conditionOperators';

export interface LintOptions {
  policyType: PolicyType | 'auto';
  catalog: IamCatalog;
  /** The account that owns the policy, for cross-account checks. */
  accountId?: string;
  /** Further accounts of the same owner (a project's accountIds): not cross-account either. */
  accountIds?: readonly string[];
  /** Opt-in checks to run (see OPT_IN_CODES). */
  optIn?: readonly string[];
  /** The file's path, whose name may say it is a guardrail (see guardrailNames.ts) when the type is 'auto'. */
  fileName?: string;
  /** The length of a document over the limit that was refused before being printed; the text is then empty. */
  tooLarge?: number;
}

export interface LintResult {
  policyType: PolicyType;
  findings: Finding[];
}

/** Actions that only appear in role trust policies. */
export const TRUST_POLICY_ACTIONS = ['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext'];

function detectFromParsed(policy: ParsedPolicy): PolicyType {
  let principal = false;
  const statements = policy.statements;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (!st.principal && !st.notPrincipal) continue;
    principal = true;
    const actions = stringValues(st.action).map((a) => a.value.toLowerCase());
    if (actions.some((a) => TRUST_POLICY_ACTIONS.includes(a) || a === 'sts:assumerole*')) return 'TRUST_POLICY';
  }
  return principal ? 'RESOURCE_POLICY' : 'IDENTITY_POLICY';
}

/**
 * Trust-policy actions with a Principal mean a trust policy, a Principal alone a resource policy,
 * anything else an identity policy; a file name that says SCP or RCP refines that (guardrailNames.ts).
 */
export function detectPolicyType(text: string, fileName?: string): PolicyType {
  return refineByName(detectFromParsed(parsePolicy(text)), fileName);
}

const NOT_SERVICES = new Set(['arn', 'aws', 'http', 'https']);

/**
 * The services of the escalation paths. The escalation check decides their requests whatever a policy
 * names (a statement on "*" grants them too), and leaves out of each the service keys its action never
 * carries, which it reads in the action's data: a lint loads them with the services the text names
 * (see servicesReferenced), so that its findings never depend on what else happens to be loaded. The
 * 26 services load in about 2 ms.
 */
export const ESCALATION_SERVICES: readonly string[] = [...PATH_SERVICES];

/**
 * Service prefixes a policy may need data for: action prefixes, ARN services and condition-key
 * prefixes. A cheap scan of the text so callers can load data before linting.
 */
export function servicesReferenced(text: string): string[] {
  // Documents over the limit are not linted, so they need no data.
  if (text.length > MAX_POLICY_TEXT_LENGTH) return [];
  const out = new Set<string>();
  let wildcardService = false;
  let last = '';
  // One pass over the string openings: `"prefix:` (actions, condition keys) and `arn:partition:service:`.
  for (let q = text.indexOf('"'); q >= 0; q = text.indexOf('"', q + 1)) {
    let i = q + 1;
    let wild = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 47) i++;
      else if (c === 42 || c === 63) {
        wild = true;
        i++;
      } else break;
    }
    if (i === q + 1 || text.charCodeAt(i) !== 58) continue;
    // Neighbouring actions mostly share their prefix: a repeat of the last one changes nothing.
    if (i - q - 1 === last.length && text.startsWith(last, q + 1)) continue;
    last = text.slice(q + 1, i);
    const p = last.toLowerCase();
    if (wild) {
      // Wildcard service prefixes ("s3*:Get*") need every service; "arn:*:..." and the like do not.
      if (!p.includes('.') && !p.includes('/')) wildcardService = true;
      continue;
    }
    if (!NOT_SERVICES.has(p)) out.add(p);
  }
  for (let a = text.indexOf('arn:'); a >= 0; a = text.indexOf('arn:', a + 4)) {
    const partitionEnd = text.indexOf(':', a + 4);
    if (partitionEnd < 0) break;
    let i = partitionEnd + 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45) i++;
      else break;
    }
    // The partition holds no quote or colon, and the service ends at a colon.
    if (i > partitionEnd + 1 && text.charCodeAt(i) === 58 && !text.slice(a + 4, partitionEnd).includes('"')) out.add(text.slice(partitionEnd + 1, i).toLowerCase());
  }
  if (wildcardService) out.add('*');
  if (text.includes('"Principal"') || text.includes('"NotPrincipal"')) out.add('sts');
  out.add('iam');
  return [...out].sort();
}

/** The services whose data linting a text reads: those it names and the escalation paths' (see ESCALATION_SERVICES). */
export function lintServices(text: string): string[] {
  return [...servicesReferenced(text), ...ESCALATION_SERVICES];
}

/** Lints one policy document. Never throws on bad input: problems come back as findings. */
export function lintPolicy(text: string, options: LintOptions): LintResult {
  const policy = parsePolicy(text, options.tooLarge);
  const policyType = options.policyType === 'auto' ? refineByName(detectFromParsed(policy), options.fileName) : options.policyType;
  const r = new Reporter(policy);
  const ctx: LintContext = { policy, type: policyType, catalog: options.catalog, r, statements: [], accountId: options.accountId ?? options.accountIds?.[0], accountIds: options.accountIds };

  if (policy.limit) {
    const { issueCode, message, offset, length } = policy.limit;
    r.add(issueCode, message, [{ path: [], offset, length }]);
    return { policyType, findings: r.findings };
  }
  checkSyntax(ctx);
  const root = policy.root;
  if (root && root.type === 'object') {
    checkGrammar(ctx);
    ctx.statements = resolveStatements(ctx);
    checkVariables(ctx);
    checkActions(ctx);
    checkResources(ctx);
    checkPrincipals(ctx);
    checkConditions(ctx);
    checkKeySupport(ctx);
    checkSecurity(ctx);
    checkEscalation(ctx);
    if (options.optIn?.includes('RESOURCE_STAR')) checkResourceStar(ctx);
    checkRedundancy(ctx);
    checkSize(ctx);
  } else if (root) {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type Object. A policy document is a JSON object with Version and Statement.', [{ path: [], node: root }]);
  }
  r.closeListed();
  const findings = r.findings;
  findings.sort((a, b) => (a.locations[0]?.span.start.offset ?? 0) - (b.locations[0]?.span.start.offset ?? 0) || severityRank(a.findingType) - severityRank(b.findingType));
  return { policyType, findings };
}

function checkSyntax(ctx: LintContext): void {
  const { policy, r } = ctx;
  if (!/\S/.test(policy.text)) {
    r.add('JSON_SYNTAX_ERROR', 'Fix the JSON syntax error: the document is empty.', [{ path: [], offset: 0, length: 0 }]);
    return;
  }
  // Strict JSON, the common case, has no problem to list.
  if (policy.syntax.length === 0) return;
  const first = policy.syntax.find((s) => s.kind === 'error');
  if (first) {
    const pos = policy.lines.position(first.offset);
    r.add('JSON_SYNTAX_ERROR', `Fix the JSON syntax error at index ${first.offset} line ${pos.line} column ${pos.column}: ${describeSyntax(first.message)}.`, [{ path: [], offset: first.offset, length: first.length }]);
  }
  // Three characters make a comment: a document of 100,000 of them would give 100,000 findings
  // (hundreds of MB as SARIF). The first ones are listed, and the next says how many more there are.
  const kinds = policy.syntax.filter((s) => s.kind !== 'error') as (SyntaxProblem & { kind: UnlistedKind })[];
  listPerKind(kinds, (s) => s.kind, (s, more) => {
    const message = more > 0 ? `${s.message} ${notListedText(s.kind, more)}` : s.message;
    if (s.kind === 'comment') r.add('JSON_COMMENT', message, [{ path: [], offset: s.offset, length: s.length }], { remove: true, title: { kind: 'removeComment' } });
    else r.add('JSON_TRAILING_COMMA', message, [{ path: [], offset: s.offset, length: s.length }], { replacement: '', title: { kind: 'removeTrailingComma' } });
  }, MAX_SYNTAX_FINDINGS_PER_KIND, (kind) => policy.unlisted[kind]);
}

/** Comments, or trailing commas, reported one by one in a document; the next finding counts the rest. */
export const MAX_SYNTAX_FINDINGS_PER_KIND = MAX_LISTED_PER_KIND;

function describeSyntax(code: string): string {
  return describeSyntaxCode(code);
}
