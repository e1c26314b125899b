import * as l10n from '@vscode/l10n';
import type { AccessLevel, ActionInfo, IamCatalog } from '../catalog';
import { parsePolicy, stringValues, type ParsedPolicy, type ParsedStatement } from '../parse';
import { accessLevelCount, effectText, exceptText, withConditions } from './statementWords';
import { describePrincipal } from './principals';
import { expandAction } from './wildcard';

const LEVEL_ORDER: AccessLevel[] = ['Permissions management', 'Write', 'Tagging', 'Read', 'List'];

export interface StatementSummary {
  /** Index in `Statement` (0 when Statement is a single object). */
  readonly index: number;
  /** Offset and length of the statement object in the policy text. */
  readonly offset: number;
  readonly length: number;
  readonly effect: string;
  readonly sid?: string;
  /** The expanded actions, sorted by service and name; empty for `*` and NotAction statements. */
  readonly actions: readonly ActionInfo[];
  /** Action strings that could not be expanded (unknown, not loaded, or `*`). */
  readonly unexpanded: readonly string[];
  readonly allActions: boolean;
  readonly notAction: boolean;
  readonly byLevel: Readonly<Partial<Record<AccessLevel, number>>>;
  /** Number of resource strings, or 'all' for `*`; undefined when the statement has neither Resource nor NotResource. */
  readonly resources: number | 'all' | undefined;
  readonly notResource: boolean;
  readonly conditions: number;
  /** Who a resource or trust policy statement names (Principal or NotPrincipal), as labels. */
  readonly principals: readonly string[];
  /** The statement names its principals in NotPrincipal: everyone except them. */
  readonly notPrincipal: boolean;
  /** One line in words, e.g. "Allows 14 actions (3 write, 11 read) on 2 resources · 1 condition". */
  readonly text: string;
}

/** The IAM data joins some levels ("Permissions management, Write"); the first one is the one that matters. */
export function primaryAccessLevel(level: string): AccessLevel {
  const first = level.split(',')[0].trim();
  return (LEVEL_ORDER as string[]).includes(first) ? (first as AccessLevel) : 'Write';
}

function byServiceAndName(a: ActionInfo, b: ActionInfo): number {
  if (a.service !== b.service) return a.service < b.service ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function levelText(byLevel: Partial<Record<AccessLevel, number>>): string {
  return LEVEL_ORDER.filter((l) => byLevel[l]).map((l) => accessLevelCount(l, byLevel[l] ?? 0, 'short')).join(', ');
}

/** What a statement covers, e.g. "14 actions (3 write, 11 read) + 1 unresolved pattern". */
function actionsText(allActions: boolean, notAction: boolean, counted: number, byLevel: Partial<Record<AccessLevel, number>>, unresolved: number): string {
  if (allActions) return notAction ? l10n.t('no action (NotAction *)') : l10n.t('all actions (*)');
  const levels = levelText(byLevel);
  let what = levels ? (counted === 1 ? l10n.t('{0} action ({1})', counted, levels) : l10n.t('{0} actions ({1})', counted, levels)) : counted === 1 ? l10n.t('{0} action', counted) : l10n.t('{0} actions', counted);
  if (unresolved) what = unresolved === 1 ? l10n.t('{0} + {1} unresolved pattern', what, unresolved) : l10n.t('{0} + {1} unresolved patterns', what, unresolved);
  return notAction ? l10n.t('every action except {0}', what) : what;
}

/** A statement's sentence followed by the resources it names, e.g. "Allows 2 actions on 3 resources". */
function onResources(text: string, resources: number | 'all' | undefined, notResource: boolean): string {
  if (resources === undefined) return text;
  if (resources === 'all') return notResource ? l10n.t('{0} except all resources', text) : l10n.t('{0} on all resources', text);
  if (notResource) return resources === 1 ? l10n.t('{0} on all resources except {1} resource', text, resources) : l10n.t('{0} on all resources except {1} resources', text, resources);
  return resources === 1 ? l10n.t('{0} on {1} resource', text, resources) : l10n.t('{0} on {1} resources', text, resources);
}

/** Summarises every statement of a policy, expanding wildcards against the loaded IAM data. */
export function summarizeStatements(input: string | ParsedPolicy, catalog: IamCatalog): StatementSummary[] {
  const policy = typeof input === 'string' ? parsePolicy(input) : input;
  return policy.statements.map((st) => summarizeStatement(st, catalog));
}

export function summarizeStatement(st: ParsedStatement, catalog: IamCatalog): StatementSummary {
  const effectValue = st.effect?.valueNode.value;
  const effect = typeof effectValue === 'string' ? effectValue : '?';
  const notAction = !!st.notAction && !st.action;
  const values = stringValues(st.action ?? st.notAction).map((v) => v.value);
  const allActions = values.includes('*');
  const seen = new Map<ActionInfo, ActionInfo>();
  const unexpanded: string[] = [];
  for (const v of values) {
    const matched = v === '*' ? undefined : expandAction(v, catalog);
    if (!matched) unexpanded.push(v);
    else for (const a of matched) seen.set(a, a);
  }
  const actions = [...seen.values()].sort(byServiceAndName);
  const byLevel: Partial<Record<AccessLevel, number>> = {};
  for (const a of actions) {
    const level = primaryAccessLevel(a.accessLevel);
    byLevel[level] = (byLevel[level] ?? 0) + 1;
  }

  const resEl = st.resource ?? st.notResource;
  const resValues = stringValues(resEl).map((v) => v.value);
  const resources: number | 'all' | undefined = !resEl ? undefined : resValues.includes('*') ? 'all' : resEl.valueNode.type === 'array' ? resEl.valueNode.children?.length ?? 0 : 1;
  const notResource = !!st.notResource && !st.resource;
  const conditions = st.conditions.reduce((n, op) => n + op.keys.length, 0);

  const what = actionsText(allActions, notAction, actions.length, byLevel, unexpanded.length);
  const who = st.principal || st.notPrincipal ? principalsText(st) : undefined;
  const sidValue = st.sid?.valueNode.value;
  return {
    index: st.index ?? 0,
    offset: st.node.offset,
    length: st.node.length,
    effect,
    sid: typeof sidValue === 'string' ? sidValue : undefined,
    actions,
    unexpanded,
    allActions,
    notAction,
    byLevel,
    resources,
    notResource,
    conditions,
    principals: st.principal || st.notPrincipal ? statementPrincipals(st).map((p) => p.label) : [],
    notPrincipal: !!st.notPrincipal && !st.principal,
    text: withConditions(onResources(effectText(effect, what, who), resources, notResource), conditions),
  };
}

function principalsText(st: ParsedStatement): string {
  const principals = statementPrincipals(st);
  const labels = principals.map((p) => p.label);
  const shown = labels.slice(0, 2).join(', ');
  const text = labels.length > 2 ? l10n.t('{0} +{1} more', shown, labels.length - 2) : shown || l10n.t('no principal');
  return exceptText(!!st.notPrincipal && !st.principal, text);
}

/** Principal values of a statement with their kind (`AWS`, `Service`, `Federated`, `CanonicalUser`, or `*`). */
export function statementPrincipals(st: ParsedStatement): Array<{ kind: string; value: string; label: string; account?: string }> {
  const el = st.principal ?? st.notPrincipal;
  if (!el) return [];
  if (el.valueNode.type === 'string') {
    const d = describePrincipal('*', String(el.valueNode.value));
    return [{ kind: '*', value: String(el.valueNode.value), label: d.label, account: d.account }];
  }
  const out: Array<{ kind: string; value: string; label: string; account?: string }> = [];
  for (const prop of el.valueNode.children ?? []) {
    const kind = prop.children?.[0]?.value;
    const v = prop.children?.[1];
    if (typeof kind !== 'string' || !v) continue;
    const values = v.type === 'array' ? v.children ?? [] : [v];
    for (const n of values) {
      if (typeof n.value !== 'string') continue;
      const d = describePrincipal(kind, n.value);
      out.push({ kind, value: n.value, label: d.label, account: d.account });
    }
  }
  return out;
}

const TRUST_ACTION = /^sts:(?:AssumeRole|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|TagSession|SetSourceIdentity|SetContext|\*)$/i;

export interface TrustSummary {
  readonly text: string;
  readonly principals: ReadonlyArray<{ kind: string; value: string; label: string; account?: string; conditioned: boolean }>;
}

/** Who can assume the role, in one line, from the Allow statements of a trust policy. */
export function summarizeTrust(input: string | ParsedPolicy): TrustSummary {
  const policy = typeof input === 'string' ? parsePolicy(input) : input;
  const principals: Array<{ kind: string; value: string; label: string; account?: string; conditioned: boolean }> = [];
  for (const st of policy.statements) {
    if (st.effect?.valueNode.value !== 'Allow' || !st.principal) continue;
    const actions = stringValues(st.action).map((v) => v.value);
    if (actions.length && !actions.some((a) => TRUST_ACTION.test(a) || a === '*')) continue;
    const conditioned = st.conditions.some((c) => c.keys.length > 0);
    for (const p of statementPrincipals(st)) {
      if (!principals.some((q) => q.kind === p.kind && q.value === p.value)) principals.push({ ...p, conditioned });
    }
  }
  if (!principals.length) return { text: l10n.t('Nobody can assume this role: no Allow statement names a principal'), principals };
  const parts = principals.map((p) => (p.conditioned ? p.label : l10n.t('{0} (no condition)', p.label)));
  const shown = parts.slice(0, 4).join(', ');
  return { text: parts.length > 4 ? l10n.t('Can be assumed by {0} and {1} more', shown, parts.length - 4) : l10n.t('Can be assumed by {0}', shown), principals };
}
