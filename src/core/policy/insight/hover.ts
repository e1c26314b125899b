import * as l10n from '@vscode/l10n';
import type { AccessLevel, ActionInfo, IamCatalog } from '../catalog';
import { isFederatedKey } from '../checks/conditions';
import { parsePolicy, type ParsedPolicy, type ParsedStatement } from '../parse';
import { replaceVariables, variableSpans } from '../variableSpans';
import { statementActions } from './completion';
import { positionAt } from './context';
import { accessLevelCount } from './statementWords';
import { primaryAccessLevel } from './summary';
import { mdCode, mdText } from '../../markdown';
import { describeOperator } from './operators';
import { describePrincipal } from './principals';
import { expandAction, hasWildcard } from './wildcard';

export interface HoverContent {
  /** Markdown. */
  readonly markdown: string;
  /** Offsets of the hovered token in the policy text. */
  readonly start: number;
  readonly end: number;
}

const MAX_LISTED = 40;
const MAX_KEYS = 12;

function relevantKeysOf(a: ActionInfo, catalog: IamCatalog): Set<string> {
  const keys = new Set(a.conditionKeys.map((k) => k.toLowerCase()));
  for (const r of a.resourceTypes) {
    r.conditionKeys.forEach((k) => keys.add(k.toLowerCase()));
    catalog.resourceType(a.service, r.name)?.conditionKeys.forEach((k) => keys.add(k.toLowerCase()));
  }
  return keys;
}

function actionMarkdown(a: ActionInfo, catalog: IamCatalog): string {
  const service = catalog.serviceName(a.service) ?? a.service;
  const lines = [`**${a.service}:${a.name}** · ${service} · _${a.accessLevel}_`, '', a.description || l10n.t('_No description._')];
  if (a.resourceTypes.length) {
    lines.push('', l10n.t('**Resource types**'));
    for (const r of a.resourceTypes) {
      const info = catalog.resourceType(a.service, r.name);
      const formats = info?.arnFormats.map((f) => `\`${f}\``).join(', ') ?? '';
      const name = r.required ? l10n.t('{0} (required)', r.name) : r.name;
      lines.push(`- ${name}${formats ? `: ${formats}` : ''}`);
    }
  } else {
    lines.push('', l10n.t('Resource: `*` (this action does not support resource-level permissions).'));
  }
  if (a.conditionKeys.length) {
    const shown = a.conditionKeys.slice(0, MAX_KEYS).map((k) => `\`${k}\``).join(', ');
    const more = a.conditionKeys.length - MAX_KEYS;
    lines.push('', more > 0 ? l10n.t('**Condition keys**: {0}, … and {1} more', shown, more) : l10n.t('**Condition keys**: {0}', shown));
  }
  if (a.dependentActions?.length) lines.push('', l10n.t('**Dependent actions**: {0}', a.dependentActions.map((k) => `\`${k}\``).join(', ')));
  return lines.join('\n');
}

function wildcardMarkdown(value: string, matched: readonly ActionInfo[]): string {
  if (!matched.length) return l10n.t('**{0}** matches no action.', mdText(value));
  const byLevel = new Map<AccessLevel, number>();
  for (const a of matched) byLevel.set(primaryAccessLevel(a.accessLevel), (byLevel.get(primaryAccessLevel(a.accessLevel)) ?? 0) + 1);
  const levels = [...byLevel].map(([l, n]) => accessLevelCount(l, n, 'full')).join(', ');
  const list = matched.slice(0, MAX_LISTED).map((a) => `- \`${a.service}:${a.name}\` _${a.accessLevel}_`);
  if (matched.length > MAX_LISTED) list.push(l10n.t('- … and {0} more', matched.length - MAX_LISTED));
  const head = matched.length === 1 ? l10n.t('**{0}** matches {1} action ({2})', mdText(value), matched.length, levels) : l10n.t('**{0}** matches {1} actions ({2})', mdText(value), matched.length, levels);
  return [head, '', ...list].join('\n');
}

/** What is known of a key the IAM data lacks, in the words the lint uses for it. */
function unknownKeyMarkdown(key: string, catalog: IamCatalog): string {
  const colon = key.indexOf(':');
  const shown = mdText(key);
  if (colon <= 0 || colon === key.length - 1) return l10n.t('**{0}**: not a condition key. Use the format service:keyname.', shown);
  const prefix = key.slice(0, colon);
  if (prefix.toLowerCase() === 'aws') return l10n.t('**{0}**: not a global condition key in the IAM data. Check its spelling.', shown);
  if (isFederatedKey(prefix)) return l10n.t('**{0}**: a key of the identity provider {1}; the IAM data does not describe it.', shown, mdCode(prefix));
  if (!catalog.hasService(prefix)) return l10n.t('**{0}**: {1} is not a known service prefix.', shown, mdCode(prefix));
  const service = catalog.serviceName(prefix) ?? prefix;
  if (!catalog.isLoaded(prefix)) return l10n.t('**{0}**: the IAM data of {1} is not loaded yet.', shown, service);
  return l10n.t('**{0}**: not a condition key of {1} in the IAM data. Check its spelling.', shown, service);
}

function conditionKeyMarkdown(key: string, catalog: IamCatalog, statement: ParsedStatement | undefined): string {
  const info = catalog.conditionKey(key);
  if (!info) return unknownKeyMarkdown(key, catalog);
  const type = info.alsoType ? l10n.t('type `{0}` or `{1}`', info.type, info.alsoType) : l10n.t('type `{0}`', info.type);
  const head = info.global ? l10n.t('**{0}** · condition key · {1} · global', info.key, type) : l10n.t('**{0}** · condition key · {1}', info.key, type);
  const lines = [head];
  if (info.description) lines.push('', info.description);
  if (info.availability) lines.push('', l10n.t('**Availability**: {0}', info.availability));
  if (/^ArrayOf/.test(info.type)) lines.push('', l10n.t('Multivalued: use it with `ForAnyValue:` or `ForAllValues:`.'));
  if (statement && statement.action) {
    const supporting = statementActions(statement, catalog).filter((a) => relevantKeysOf(a, catalog).has(info.key.toLowerCase()));
    const names = `${supporting.slice(0, 8).map((a) => `\`${a.service}:${a.name}\``).join(', ')}${supporting.length > 8 ? ', …' : ''}`;
    if (!info.global) lines.push('', supporting.length ? l10n.t("Supported by {0} of this statement's actions: {1}", supporting.length, names) : l10n.t("None of this statement's actions support this key."));
  }
  if (info.docUrl) lines.push('', l10n.t('[AWS documentation]({0})', info.docUrl));
  return lines.join('\n');
}

const escapeRe = (s: string): string => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
/** ARN format variables whose values may contain slashes (paths, object keys). */
const PATHLIKE = /Path|ObjectName|Key|Prefix/;

function formatRegex(format: string): RegExp {
  let body = '';
  let at = 0;
  for (const { start, end, inner: v } of variableSpans(format)) {
    body += escapeRe(format.slice(at, start)) + (v === 'Partition' ? 'aws[\\w-]*' : PATHLIKE.test(v) ? '.+' : '[^/:]+');
    at = end;
  }
  body += escapeRe(format.slice(at));
  return new RegExp(`^${body}$`, 'i');
}

function formatSample(format: string): string {
  return replaceVariables(format, (v) => (v === 'Partition' ? 'aws' : v === 'Region' ? 'us-east-1' : v === 'Account' ? '123456789012' : PATHLIKE.test(v) ? 'a/b' : 'a'));
}

/** Resource types (service:type) of the statement's actions whose ARN format the ARN fits. */
function matchingResourceTypes(arn: string, statement: ParsedStatement, catalog: IamCatalog): string[] {
  const out = new Set<string>();
  // Policy variables stand for one value; wildcards for any text, so try both directions.
  const variablesAsX = replaceVariables(arn, () => 'x');
  const concrete = variablesAsX.replace(/[*?]/g, 'x');
  const arnRe = new RegExp(`^${variablesAsX.split(/[*?]/).map(escapeRe).join('.*')}$`, 'i');
  for (const a of statementActions(statement, catalog)) {
    for (const r of a.resourceTypes) {
      for (const format of catalog.resourceType(a.service, r.name)?.arnFormats ?? []) {
        if (formatRegex(format).test(concrete) || arnRe.test(formatSample(format))) out.add(`${a.service}:${r.name}`);
      }
    }
  }
  return [...out];
}

/** Hover text for the action, wildcard, condition operator, condition key or principal at `offset`. */
export function hoverAt(input: string | ParsedPolicy, offset: number, catalog: IamCatalog): HoverContent | undefined {
  const policy = typeof input === 'string' ? parsePolicy(input) : input;
  const pos = positionAt(policy, offset);
  if (!pos || !pos.statement) return undefined;
  const { node, path, isKey, element, statement } = pos;
  const start = node.offset;
  const end = node.offset + node.length;
  const base = statement.path.length;
  const value = typeof node.value === 'string' ? node.value : undefined;
  if (value === undefined) return undefined;

  if ((element === 'Action' || element === 'NotAction') && !isKey) {
    if (value === '*') return { markdown: l10n.t('**\\*** matches every action of every service.'), start, end };
    const matched = expandAction(value, catalog);
    if (!matched) {
      const prefix = value.split(':')[0];
      return catalog.hasService(prefix) ? undefined : { markdown: l10n.t('**{0}**: {1} is not a known service prefix.', mdText(value), mdCode(prefix)), start, end };
    }
    if (hasWildcard(value)) return { markdown: wildcardMarkdown(value, matched), start, end };
    if (!matched.length) {
      const service = catalog.serviceName(value.split(':')[0]);
      return { markdown: service ? l10n.t('**{0}** is not an action of {1}.', mdText(value), service) : l10n.t('**{0}** is not an action of this service.', mdText(value)), start, end };
    }
    return { markdown: actionMarkdown(matched[0], catalog), start, end };
  }
  if (element === 'Condition' && isKey) {
    if (path.length === base + 2) {
      const md = describeOperator(value);
      return md ? { markdown: md, start, end } : undefined;
    }
    if (path.length === base + 3) return { markdown: conditionKeyMarkdown(value, catalog, statement), start, end };
  }
  if ((element === 'Principal' || element === 'NotPrincipal') && !isKey) {
    const kind = path.length > base + 1 && typeof path[base + 1] === 'string' ? (path[base + 1] as string) : '*';
    const d = describePrincipal(kind, value);
    const title = kind === '*' ? l10n.t('**Principal**') : l10n.t('**{0} principal**', mdText(kind));
    const head = `${title} · ${mdText(d.label)}${d.account && !d.label.includes(d.account) ? ` · ${l10n.t('account {0}', mdText(d.account))}` : ''}`;
    return { markdown: `${head}\n\n${d.detail}`, start, end };
  }
  if ((element === 'Resource' || element === 'NotResource') && !isKey && value.startsWith('arn:')) {
    const [, partition, service, region, account, ...rest] = value.split(':');
    const empty = l10n.t('(empty)');
    const none = l10n.t('(none)');
    const serviceName = catalog.serviceName(service ?? '');
    const parts = [
      l10n.t('partition {0}', mdCode(partition || empty)),
      serviceName ? l10n.t('service {0} ({1})', mdCode(service || empty), serviceName) : l10n.t('service {0}', mdCode(service || empty)),
      l10n.t('region {0}', mdCode(region || none)),
      l10n.t('account {0}', mdCode(account || none)),
      l10n.t('resource {0}', mdCode(rest.join(':') || empty)),
    ];
    const lines = [`**ARN** · ${parts.join(' · ')}`];
    const matches = matchingResourceTypes(value, statement, catalog);
    if (matches.length) lines.push('', l10n.t("Matches {0} of this statement's actions.", `${matches.slice(0, 8).map((m) => `\`${m}\``).join(', ')}${matches.length > 8 ? ', …' : ''}`));
    else if (statement.action) lines.push('', l10n.t("Matches no resource type of this statement's actions."));
    return { markdown: lines.join('\n'), start, end };
  }
  return undefined;
}
