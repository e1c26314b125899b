import { lintPolicy, type IamCatalog } from '../policy';
import { splitAtVariables } from '../policy/variableSpans';
import { buildAllowingStatement, withoutConditionKeys, type ActionFacts, type AllowingStatement } from './allowStatement';
import type { AuthorizationExplanation } from './explain';

/** Service prefixes the catalog must have loaded before `offerAllowingStatement` runs. */
export function servicesForExplanation(ex: AuthorizationExplanation): string[] {
  const out = new Set<string>(['iam']);
  if (ex.action?.service) out.add(ex.action.service);
  for (const c of ex.context) {
    const prefix = c.key.split(':')[0].toLowerCase();
    if (prefix && prefix !== 'aws') out.add(prefix);
  }
  return [...out];
}

/** What the IAM reference says about the explanation's action, or undefined when it does not know it. */
export function actionFactsFrom(catalog: IamCatalog, ex: AuthorizationExplanation): ActionFacts | undefined {
  const service = ex.action?.service;
  if (!service || !ex.action) return undefined;
  const info = catalog.action(service, ex.action.name);
  if (!info) return undefined;
  const keys = new Set<string>([...info.conditionKeys, ...info.resourceTypes.flatMap((r) => r.conditionKeys)]);
  const keyTypes: Record<string, string> = {};
  const keySpelling: Record<string, string> = {};
  for (const c of ex.context) {
    const known = catalog.conditionKey(c.key);
    if (known?.type) keyTypes[c.key.toLowerCase()] = known.type;
    // Context keys sometimes arrive in another case ("ec2:ebsOptimized"); templates keep the request's tag name.
    if (known?.key && !known.key.includes('${')) keySpelling[c.key.toLowerCase()] = known.key;
  }
  const requiredResourceTypes = info.resourceTypes.filter((r) => r.required).map((r) => r.name);
  // Keys with ${TagKey}-style parts stand for every concrete key that fits them.
  const concrete = ex.context.map((c) => c.key).filter((k) => [...keys].some((pattern) => templateMatches(pattern, k)));
  return { action: `${info.service}:${info.name}`, conditionKeys: [...keys, ...concrete], keyTypes, keySpelling, requiredResourceTypes };
}

function templateMatches(pattern: string, key: string): boolean {
  if (!pattern.includes('${')) return pattern.toLowerCase() === key.toLowerCase();
  const re = new RegExp(`^${splitAtVariables(pattern).map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('.+')}$`, 'i');
  return re.test(key);
}

export interface OfferedStatement extends AllowingStatement {
  /** Findings the policy engine still reports, as "CODE: details". */
  readonly findings: readonly string[];
  /** Condition keys dropped because the policy engine rejected them. */
  readonly dropped: readonly string[];
  /** False when the action is unknown to the IAM reference. */
  readonly actionKnown: boolean;
}

/**
 * Builds the least-privilege statement and lints it as an identity policy; condition keys the
 * linter rejects are dropped and the rest of its findings are returned with the statement.
 */
export function offerAllowingStatement(ex: AuthorizationExplanation, catalog: IamCatalog): OfferedStatement | undefined {
  const facts = actionFactsFrom(catalog, ex);
  let stmt = buildAllowingStatement(ex, facts);
  if (!stmt) return undefined;
  const dropped: string[] = [];
  let findings = lintPolicy(stmt.policyText, { policyType: 'IDENTITY_POLICY', catalog }).findings;
  const keys = Object.values((stmt.statement.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap((e) => Object.keys(e));
  const blocking = findings.filter((f) => f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING');
  const rejected = keys.filter((k) => blocking.some((f) => f.findingDetails.toLowerCase().includes(k.toLowerCase())));
  if (rejected.length > 0) {
    stmt = withoutConditionKeys(stmt, rejected);
    dropped.push(...rejected);
    findings = lintPolicy(stmt.policyText, { policyType: 'IDENTITY_POLICY', catalog }).findings;
  }
  return {
    ...stmt,
    findings: findings.map((f) => `${f.findingType} ${f.issueCode}: ${f.findingDetails}`),
    dropped,
    actionKnown: facts !== undefined,
  };
}
