import * as l10n from '@vscode/l10n';
import type { ActionInfo, ConditionKeyInfo, IamCatalog } from '../catalog';
import { parsePolicy, stringValues, type ParsedPolicy, type ParsedStatement } from '../parse';
import { replaceVariables } from '../variableSpans';
import { contentRange, positionAt, type PolicyPosition } from './context';
import { CONDITION_OPERATORS, operatorDescription } from './operators';
import { expandAction } from './wildcard';

export type CompletionKind = 'service' | 'action' | 'operator' | 'conditionKey' | 'value' | 'arn' | 'element';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Text that replaces the range; a snippet when `snippet` is true. */
  readonly insertText: string;
  readonly snippet?: boolean;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly sortText?: string;
  /** Ask the editor to suggest again after inserting (e.g. after `s3:`). */
  readonly retrigger?: boolean;
}

export interface CompletionResult {
  /** Offsets of the text the entries replace. */
  readonly start: number;
  readonly end: number;
  readonly entries: CompletionEntry[];
}

/** Global keys offered in every statement; their types and descriptions come from the IAM data. */
export const COMMON_GLOBAL_KEYS = [
  'aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalTag/${TagKey}', 'aws:PrincipalType',
  'aws:PrincipalIsAWSService', 'aws:PrincipalServiceName', 'aws:userid', 'aws:username', 'aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpce',
  'aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID', 'aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge',
  'aws:RequestedRegion', 'aws:RequestTag/${TagKey}', 'aws:ResourceTag/${TagKey}', 'aws:TagKeys', 'aws:ResourceAccount', 'aws:ResourceOrgID',
  'aws:CalledVia', 'aws:ViaAWSService', 'aws:CurrentTime', 'aws:EpochTime', 'aws:TokenIssueTime', 'aws:SourceIdentity', 'aws:FederatedProvider',
];

/** A condition key's description, when AWS puts it in the request context, and its documentation link. */
function keyDocumentation(info: ConditionKeyInfo): string | undefined {
  const parts = [info.description, info.availability && l10n.t('**Availability**: {0}', info.availability), info.docUrl && l10n.t('[AWS documentation]({0})', info.docUrl)].filter(Boolean);
  return parts.length ? parts.join('\n\n') : undefined;
}

/** Actions a statement names, expanded (NotAction statements give nothing). */
export function statementActions(st: ParsedStatement, catalog: IamCatalog): ActionInfo[] {
  const out = new Map<string, ActionInfo>();
  for (const v of stringValues(st.action)) for (const a of expandAction(v.value, catalog) ?? []) out.set(`${a.service}:${a.name}`, a);
  return [...out.values()];
}

/** Condition keys supported by the statement's actions (their own keys and their resource types' keys). */
export function relevantConditionKeys(st: ParsedStatement, catalog: IamCatalog): string[] {
  const keys = new Set<string>();
  for (const a of statementActions(st, catalog)) {
    a.conditionKeys.forEach((k) => keys.add(k));
    for (const r of a.resourceTypes) {
      r.conditionKeys.forEach((k) => keys.add(k));
      catalog.resourceType(a.service, r.name)?.conditionKeys.forEach((k) => keys.add(k));
    }
  }
  return [...keys].sort();
}

const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** Top-level element names, and the Version value. */
function topLevelCompletions(policy: ParsedPolicy, pos: PolicyPosition, offset: number): CompletionResult | undefined {
  const { start, end } = contentRange(pos.node, policy.text);
  if (offset < start || offset > end) return undefined;
  if (pos.isKey && pos.path.length === 1) {
    const present = new Set(policy.elements.map((e) => e.key));
    return { start, end, entries: ['Version', 'Id', 'Statement'].filter((k) => !present.has(k) || k === pos.node.value).map((k) => ({ label: k, kind: 'element' as const, insertText: k })) };
  }
  if (!pos.isKey && pos.path.length === 1 && pos.path[0] === 'Version') {
    return { start, end, entries: [{ label: '2012-10-17', kind: 'value', insertText: '2012-10-17', detail: l10n.t('current policy language version') }] };
  }
  return undefined;
}

/** Turns an ARN format from the IAM data into a snippet with a tab stop per variable. */
export function arnSnippet(format: string): string {
  let n = 0;
  return replaceVariables(format, (name) => (name === '' ? '${}' : name === 'Partition' ? 'aws' : `\${${++n}:${name}}`));
}

/** Completion entries at `offset`: services, actions, operators, condition keys, Effect values, principal kinds and ARN skeletons. */
export function completionsAt(input: string | ParsedPolicy, offset: number, catalog: IamCatalog): CompletionResult | undefined {
  const policy = typeof input === 'string' ? parsePolicy(input) : input;
  const pos = positionAt(policy, offset);
  if (!pos || pos.node.type !== 'string') return undefined;
  if (!pos.statement) return topLevelCompletions(policy, pos, offset);
  const { node, path, isKey, element, statement } = pos;
  const { start, end } = contentRange(node, policy.text);
  if (offset < start || offset > end) return undefined;
  const typed = policy.text.slice(start, offset);
  const base = statement.path.length;

  if (isKey && path.length === base + 1) {
    const present = new Set(statement.elements.map((e) => e.key));
    const entries = STATEMENT_KEYS.filter((k) => !present.has(k) || k === node.value).map((k) => ({ label: k, kind: 'element' as const, insertText: k }));
    return { start, end, entries };
  }
  if (element === 'Effect' && !isKey) {
    return { start, end, entries: ['Allow', 'Deny'].map((v) => ({ label: v, kind: 'value' as const, insertText: v })) };
  }
  if ((element === 'Action' || element === 'NotAction') && !isKey) {
    const colon = typed.indexOf(':');
    if (colon < 0) {
      return {
        start,
        end,
        entries: catalog.allServicePrefixes().map((p) => ({ label: p, kind: 'service' as const, insertText: `${p}:`, detail: catalog.serviceName(p), retrigger: true })),
      };
    }
    const prefix = typed.slice(0, colon).toLowerCase();
    const entries = catalog.actions(prefix).map((a) => ({
      label: `${prefix}:${a.name}`,
      kind: 'action' as const,
      insertText: `${prefix}:${a.name}`,
      detail: a.accessLevel,
      documentation: a.description,
    }));
    return { start, end, entries };
  }
  if (element === 'Condition' && isKey && path.length === base + 2) {
    const entries: CompletionEntry[] = [];
    for (const op of CONDITION_OPERATORS) {
      entries.push({ label: op.name, kind: 'operator', insertText: op.name, detail: op.family, documentation: operatorDescription(op.name), sortText: `0${op.name}` });
      if (op.name !== 'Null') entries.push({ label: `${op.name}IfExists`, kind: 'operator', insertText: `${op.name}IfExists`, detail: op.family, documentation: l10n.t('{0} True when the key is absent.', operatorDescription(op.name) ?? ''), sortText: `1${op.name}` });
    }
    for (const set of ['ForAnyValue', 'ForAllValues']) {
      for (const op of CONDITION_OPERATORS.filter((o) => o.family === 'String' || o.family === 'Arn')) {
        entries.push({ label: `${set}:${op.name}`, kind: 'operator', insertText: `${set}:${op.name}`, detail: l10n.t('{0}, multivalued', op.family), sortText: `2${set}${op.name}` });
      }
    }
    return { start, end, entries };
  }
  if (element === 'Condition' && isKey && path.length === base + 3) {
    const relevant = relevantConditionKeys(statement, catalog);
    const entries: CompletionEntry[] = relevant.map((k) => {
      const info = catalog.conditionKey(k);
      return { label: k, kind: 'conditionKey', insertText: k, detail: info?.type, documentation: info && keyDocumentation(info), sortText: `0${k}` };
    });
    for (const k of COMMON_GLOBAL_KEYS) {
      if (relevant.includes(k)) continue;
      const info = catalog.conditionKey(k.replace('${TagKey}', 'tag'));
      entries.push({ label: k, kind: 'conditionKey', insertText: k, detail: info ? l10n.t('{0} · global', info.type) : l10n.t('global'), documentation: info && keyDocumentation(info), sortText: `1${k}` });
    }
    return { start, end, entries };
  }
  if ((element === 'Principal' || element === 'NotPrincipal') && isKey && path.length === base + 2) {
    return { start, end, entries: ['AWS', 'Service', 'Federated', 'CanonicalUser'].map((k) => ({ label: k, kind: 'element' as const, insertText: k })) };
  }
  if ((element === 'Resource' || element === 'NotResource') && !isKey) {
    const entries: CompletionEntry[] = [];
    const seen = new Set<string>();
    for (const a of statementActions(statement, catalog)) {
      for (const r of a.resourceTypes) {
        for (const format of catalog.resourceType(a.service, r.name)?.arnFormats ?? []) {
          if (seen.has(format)) continue;
          seen.add(format);
          entries.push({ label: format.replace('${Partition}', 'aws'), kind: 'arn', insertText: arnSnippet(format), snippet: true, detail: `${a.service} ${r.name}`, documentation: l10n.t('ARN of a {0} {1}, used by {2}', a.service, r.name, `${a.service}:${a.name}`) });
        }
      }
    }
    entries.push({ label: '*', kind: 'value', insertText: '*', detail: l10n.t('every resource') });
    return { start, end, entries };
  }
  return undefined;
}
