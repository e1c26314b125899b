// The Markdown tooltips of the Profiles view. Every value comes from the AWS files (which a team may
// share through AWS_CONFIG_FILE) or from STS, so each goes through mdText or mdCode: a profile named
// `[x](command:…)` must read as that name, never as a link, an image or HTML.
import * as vscode from 'vscode';
import { mdCode, mdText } from '../../core/markdown';
import type { AwsProfile } from '../../core/profiles/model';
import { profileKindLabel } from './profileText';
import type { SessionRecord } from '../../core/sessions/session';
import { operationLabel, renewalText, sessionTitle } from './sessionText';

export interface ProfileTooltipFacts {
  readonly mfa: boolean;
  /** The whole chain with accounts, when the files are loaded. */
  readonly chain?: string;
}

/** The profile row's tooltip, as Markdown. */
export function profileTooltipMarkdown(p: AwsProfile, facts: ProfileTooltipFacts): string {
  const lines = [`**${mdText(p.name)}** — ${profileKindLabel(p.kind)}`];
  if (p.roleArn) lines.push(vscode.l10n.t('Role: {0}', mdCode(p.roleArn)));
  if (p.region) lines.push(vscode.l10n.t('Region: {0}', mdText(p.region)));
  if (facts.mfa) lines.push(vscode.l10n.t('Needs an MFA code'));
  if (facts.chain !== undefined) lines.push(vscode.l10n.t('Chain: {0}', mdText(facts.chain)));
  const endpoint = p.stsEndpointUrl ?? p.endpointUrl;
  if (endpoint) lines.push(vscode.l10n.t('Endpoint: {0}', mdText(endpoint)));
  lines.push(p.files.length > 1 ? vscode.l10n.t('Defined in {0} and {1}', mdText(p.files[0]), mdText(p.files[1])) : vscode.l10n.t('Defined in {0}', mdText(p.files.join(''))));
  return lines.join('\n\n');
}

export interface SessionTooltipFacts {
  /** The extension acts as this session. */
  readonly active: boolean;
  /** The countdown text ("41m left"). */
  readonly countdown: string;
}

/** The session row's tooltip, as Markdown. */
export function sessionTooltipMarkdown(r: SessionRecord, facts: SessionTooltipFacts): string {
  const how = r.profile && r.operation !== 'profile' ? vscode.l10n.t('{0} as {1}', operationLabel(r.operation), mdText(r.profile)) : operationLabel(r.operation);
  const lines = [`**${mdText(sessionTitle(r))}** — ${how}`];
  if (facts.active) lines.push(vscode.l10n.t('The active identity: decoding and IAM Access Analyzer validation use it.'));
  if (r.roleArn) lines.push(vscode.l10n.t('Role: {0}', mdCode(r.roleArn)));
  if (r.arn) lines.push(vscode.l10n.t('Caller: {0}', mdCode(r.arn)));
  if (r.sessionName) lines.push(vscode.l10n.t('Session name: {0}', mdText(r.sessionName)));
  if (r.sourceIdentity) lines.push(vscode.l10n.t('Source identity: {0}', mdText(r.sourceIdentity)));
  if (r.startUrl) lines.push(vscode.l10n.t('Start URL: {0}', mdText(r.startUrl)));
  lines.push(r.endpoint ? vscode.l10n.t('Region: {0} · endpoint {1}', mdText(r.region), mdText(r.endpoint)) : vscode.l10n.t('Region: {0}', mdText(r.region)));
  lines.push(r.expiration ? vscode.l10n.t('Expires {0} ({1})', new Date(r.expiration).toLocaleString(), facts.countdown) : vscode.l10n.t('Does not expire'));
  lines.push(renewalText(r));
  return lines.join('\n\n');
}
