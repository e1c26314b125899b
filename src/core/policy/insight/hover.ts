import type { ActionInfo, IamCatalog } from '../catalog';
import { isFederatedKey } from '../checks/conditions';
import { parsePolicy, type ParsedPolicy, type ParsedStatement } from '../parse';
import { replaceVariables, variableSpans } from '../variableSpans';
import { statementActions } from './completion';
import { positionAt } from './context';
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
  const lines = [`**${a.service}:${a.name}** · ${service} · _${a.accessLevel}_`, '', a.description || '_No description._'];
  if (a.resourceTypes.length) {
    lines.push('', '**Resource types**');
    for (const r of a.resourceTypes) {
      const info = catalog.resourceType(a.service, r.name);
      const formats = info?.arnFormats.map((f) => `\`${f}\``).join(', ') ?? '';
      lines.push(`- ${r.name}${r.required ? ' (required)' : ''}${formats ? `: ${formats}` : ''}`);
    }
  } else {
    lines.push('', 'Resource: `*` (this action does not support resource-level permissions).');
  }
  if (a.conditionKeys.length) {
    const shown = a.conditionKeys.slice(0, MAX_KEYS).map((k) => `\`${k}\``).join(', ');
    lines.push('', `**Condition keys**: ${shown}${a.conditionKeys.length > MAX_KEYS ? `, … and ${a.conditionKeys.length - MAX_KEYS} more` : ''}`);
  }
  if (a.dependentActions?.length) lines.push('', `**Dependent actions**: ${a.dependentActions.map((k) => `\`${k}\``).join(', ')}`);
  return lines.join('\n');
}

function wildcardMarkdown(value: string, matched: readonly ActionInfo[]): string {
  if (!matched.length) return `**${mdText(value)}** matches no action.`;
  const byLevel = new Map<string, number>();
  for (const a of matched) byLevel.set(primaryAccessLevel(a.accessLevel), (byLevel.get(primaryAccessLevel(a.accessLevel)) ?? 0) + 1);
  const levels = [...byLevel].map(([l, n]) => `${n} ${l.toLowerCase()}`).join(', ');
  const list = matched.slice(0, MAX_LISTED).map((a) => `- \`${a.service}:${a.name}\` _${a.accessLevel}_`);
  if (matched.length > MAX_LISTED) list.push(`- … and ${matched.length - MAX_LISTED} more`);
  return [`**${mdText(value)}** matches ${matched.length} action${matched.length === 1 ? '' : 's'} (${levels})`, '', ...list].join('\n');
}

/** What is known of a key the IAM data lacks, in the words the lint uses for it. */
function unknownKeyMarkdown(key: string, catalog: IamCatalog): string {
  const colon = key.indexOf(':');
  const shown = mdText(key);
  if (colon <= 0 || colon === key.length - 1) return `**${shown}**: not a condition key. Use the format service:keyname.`;
  const prefix = key.slice(0, colon);
  if (prefix.toLowerCase() === 'aws') return `**${shown}**: not a global condition key in the IAM data. Check its spelling.`;
  if (isFederatedKey(prefix)) return `**${shown}**: a key of the identity provider ${mdCode(prefix)}; the IAM data does not describe it.`;
  if (!catalog.hasService(prefix)) return `**${shown}**: ${mdCode(prefix)} is not a known service prefix.`;
  const service = catalog.serviceName(prefix) ?? prefix;
  if (!catalog.isLoaded(prefix)) return `**${shown}**: the IAM data of ${service} is not loaded yet.`;
  return `**${shown}**: not a condition key of ${service} in the IAM data. Check its spelling.`;
}

function conditionKeyMarkdown(key: string, catalog: IamCatalog, statement: ParsedStatement | undefined): string {
  const info = catalog.conditionKey(key);
  if (!info) return unknownKeyMarkdown(key, catalog);
  const type = `type \`${info.type}\`${info.alsoType ? ` or \`${info.alsoType}\`` : ''}`;
  const lines = [`**${info.key}** · condition key · ${type}${info.global ? ' · global' : ''}`];
  if (info.description) lines.push('', info.description);
  if (info.availability) lines.push('', `**Availability**: ${info.availability}`);
  if (/^ArrayOf/.test(info.type)) lines.push('', 'Multivalued: use it with `ForAnyValue:` or `ForAllValues:`.');
  if (statement && statement.action) {
    const supporting = statementActions(statement, catalog).filter((a) => relevantKeysOf(a, catalog).has(info.key.toLowerCase()));
    if (!info.global) lines.push('', supporting.length ? `Supported by ${supporting.length} of this statement's actions: ${supporting.slice(0, 8).map((a) => `\`${a.service}:${a.name}\``).join(', ')}${supporting.length > 8 ? ', …' : ''}` : "None of this statement's actions support this key.");
  }
  if (info.docUrl) lines.push('', `[AWS documentation](${info.docUrl})`);
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
    if (value === '*') return { markdown: '**\\*** matches every action of every service.', start, end };
    const matched = expandAction(value, catalog);
    if (!matched) {
      const prefix = value.split(':')[0];
      return catalog.hasService(prefix) ? undefined : { markdown: `**${mdText(value)}**: ${mdCode(prefix)} is not a known service prefix.`, start, end };
    }
    if (hasWildcard(value)) return { markdown: wildcardMarkdown(value, matched), start, end };
    if (!matched.length) return { markdown: `**${mdText(value)}** is not an action of ${catalog.serviceName(value.split(':')[0]) ?? 'this service'}.`, start, end };
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
    const head = `**${kind === '*' ? 'Principal' : `${mdText(kind)} principal`}** · ${mdText(d.label)}${d.account && !d.label.includes(d.account) ? ` · account ${mdText(d.account)}` : ''}`;
    return { markdown: `${head}\n\n${d.detail}`, start, end };
  }
  if ((element === 'Resource' || element === 'NotResource') && !isKey && value.startsWith('arn:')) {
    const [, partition, service, region, account, ...rest] = value.split(':');
    const parts = [
      `partition ${mdCode(partition || '(empty)')}`,
      `service ${mdCode(service || '(empty)')}${catalog.serviceName(service ?? '') ? ` (${catalog.serviceName(service)})` : ''}`,
      `region ${mdCode(region || '(none)')}`,
      `account ${mdCode(account || '(none)')}`,
      `resource ${mdCode(rest.join(':') || '(empty)')}`,
    ];
    const lines = [`**ARN** · ${parts.join(' · ')}`];
    const matches = matchingResourceTypes(value, statement, catalog);
    if (matches.length) lines.push('', `Matches ${matches.slice(0, 8).map((m) => `\`${m}\``).join(', ')}${matches.length > 8 ? ', …' : ''} of this statement's actions.`);
    else if (statement.action) lines.push('', "Matches no resource type of this statement's actions.");
    return { markdown: lines.join('\n'), start, end };
  }
  return undefined;
}
