import * as path from 'path';
import * as vscode from 'vscode';
import { assumeCandidates, assumeRow, type AssumeOptions, type AssumeRow } from '../../core/debugging/whoCanAssume';
import { trustHints, type TrustHints } from '../../core/debugging/trustHints';
import type { PolicySource } from '../../core/evaluation/types';
import type { StsLensContext } from '../context';
import type { PolicyDocuments } from '../policy/policyDocuments';
import type { CallerArnCache } from './callerArns';
import type { EvaluationEngine } from './evaluationEngine';
import { showError } from '../output';

export const COMMAND_WHO_CAN_ASSUME = 'stsLens.whoCanAssumeRole';

export interface WhoCanAssumeArgs {
  readonly uri?: vscode.Uri | string;
  readonly regionStart?: number;
  /** The role this trust policy belongs to; asked when absent. */
  readonly roleArn?: string;
  /** Skips the options prompt when given (tests, scripted use). */
  readonly options?: AssumeOptions;
  readonly quiet?: boolean;
}

const VERDICT_ICONS: Record<AssumeRow['verdict'], string> = { can: '$(pass-filled)', cannot: '$(error)', 'needs-identity-policy': '$(warning)', unknown: '$(question)' };

/** The options, filled in from what the trust policy names (its external IDs, providers and claims). */
async function askOptions(hints: TrustHints, account: string | undefined): Promise<AssumeOptions | undefined> {
  const keyValues = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}=${v}`).join(', ');
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('External ID…'), id: 'externalId', detail: vscode.l10n.t('sts:ExternalId, as a third party passes it') },
      { label: vscode.l10n.t('MFA present'), id: 'mfa', detail: vscode.l10n.t('aws:MultiFactorAuthPresent = true') },
      { label: vscode.l10n.t('Web identity claims…'), id: 'oidc', detail: vscode.l10n.t('AssumeRoleWithWebIdentity with OIDC token claims') },
      { label: vscode.l10n.t('SAML keys…'), id: 'saml', detail: vscode.l10n.t('AssumeRoleWithSAML with saml:* keys') },
    ],
    { title: vscode.l10n.t('Who Can Assume This Role? Options (none is fine)'), canPickMany: true, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const ids = new Set(picked.map((p) => p.id));
  const options: { -readonly [K in keyof AssumeOptions]: AssumeOptions[K] } = { mfa: ids.has('mfa') };
  if (ids.has('externalId')) {
    const v = await vscode.window.showInputBox({ title: vscode.l10n.t('External ID (sts:ExternalId)'), value: hints.externalIds[0], prompt: hints.externalIds.length ? vscode.l10n.t('The trust policy expects {0}', hints.externalIds.join(vscode.l10n.t(' or '))) : undefined, ignoreFocusOut: true });
    if (v === undefined) return undefined;
    options.externalId = v;
  }
  const pairs = (text: string) => Object.fromEntries(text.split(',').map((kv) => kv.split('=').map((x) => x.trim())).filter((kv) => kv.length === 2 && kv[0]));
  if (ids.has('oidc')) {
    const provider = await vscode.window.showInputBox({ title: vscode.l10n.t('OIDC provider ARN'), value: hints.oidcProviders[0] ?? `arn:aws:iam::${account ?? 'ACCOUNT'}:oidc-provider/token.actions.githubusercontent.com`, ignoreFocusOut: true });
    const claims = provider && (await vscode.window.showInputBox({ title: vscode.l10n.t('Token claims as key=value, comma-separated'), value: keyValues(hints.oidcClaims) || 'token.actions.githubusercontent.com:sub=repo:OWNER/REPO:ref:refs/heads/main, token.actions.githubusercontent.com:aud=sts.amazonaws.com', ignoreFocusOut: true }));
    if (!provider || claims === undefined) return undefined;
    options.webIdentity = { provider, claims: pairs(claims) };
  }
  if (ids.has('saml')) {
    const provider = await vscode.window.showInputBox({ title: vscode.l10n.t('SAML provider ARN'), value: hints.samlProviders[0] ?? `arn:aws:iam::${account ?? 'ACCOUNT'}:saml-provider/`, ignoreFocusOut: true });
    const keys = provider && (await vscode.window.showInputBox({ title: vscode.l10n.t('saml:* keys as key=value, comma-separated'), value: keyValues(hints.samlKeys) || 'saml:aud=https://signin.aws.amazon.com/saml', ignoreFocusOut: true }));
    if (!provider || keys === undefined) return undefined;
    options.saml = { provider, keys: pairs(keys) };
  }
  return options;
}

/** Who Can Assume This Role?: AssumeRole for every identity STS Lens knows, against this trust policy. */
export async function whoCanAssume(ctx: StsLensContext, documents: PolicyDocuments, engine: EvaluationEngine, callers: CallerArnCache, args: WhoCanAssumeArgs = {}): Promise<{ ok: boolean; rows?: AssumeRow[]; error?: string }> {
  const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri ?? vscode.window.activeTextEditor?.document.uri;
  const doc = uri && (await vscode.workspace.openTextDocument(uri));
  const region = doc && documents.regions(doc).find((r) => args.regionStart === undefined || r.start === args.regionStart);
  if (!doc || !region) {
    void showError(vscode.l10n.t('Who Can Assume This Role? works on a trust policy: open one first.'));
    return { ok: false, error: 'no trust policy' };
  }
  const known = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Finding out who STS Lens\'s identities are…') }, () => callers.all());
  // The account of the identities STS Lens knows; with none known, a placeholder selected for typing over.
  const account = known.map((k) => k.arn?.split(':')[4]).find((a) => a && /^\d{12}$/.test(a));
  const prefix = 'arn:aws:iam::';
  const roleArn = args.roleArn ?? (await vscode.window.showInputBox({
    title: vscode.l10n.t('Who Can Assume This Role? The role\'s ARN'),
    value: `${prefix}${account ?? 'ACCOUNT'}:role/${path.basename(doc.uri.fsPath).replace(/(\.trust)?(-?trust-?policy)?\.jsonc?$/i, '') || 'ROLE'}`,
    valueSelection: account ? undefined : [prefix.length, prefix.length + 'ACCOUNT'.length],
    ignoreFocusOut: true,
    validateInput: (v) => (/^arn:[^:]+:iam::\d{12}:role\/.+/.test(v.trim()) ? undefined : vscode.l10n.t('A role ARN: arn:aws:iam::ACCOUNT:role/NAME')),
  }));
  if (!roleArn) return { ok: false, error: 'cancelled' };
  const options = args.options ?? (await askOptions(trustHints(region.text), roleArn.trim().split(':')[4]));
  if (!options) return { ok: false, error: 'cancelled' };
  const trust: PolicySource = { name: vscode.workspace.asRelativePath(doc.uri), text: region.text, file: doc.uri.fsPath };
  const rows: AssumeRow[] = [];
  for (const c of assumeCandidates(roleArn.trim(), trust, known.map((k) => ({ label: k.source.label, arn: k.arn, problem: k.problem })), options)) {
    rows.push(assumeRow(c, c.input ? await engine.evaluate(c.input) : undefined));
  }
  ctx.log.info(`Who can assume ${roleArn}: ${rows.map((r) => `${r.label}=${r.verdict}`).join(', ')}`);
  if (!args.quiet) {
    const groups: [string, AssumeRow['verdict'][]][] = [[vscode.l10n.t('Can assume'), ['can']], [vscode.l10n.t('Only if its own policies allow sts:AssumeRole'), ['needs-identity-policy']], [vscode.l10n.t('Cannot assume'), ['cannot']], [vscode.l10n.t('Not evaluated'), ['unknown']]];
    const items: vscode.QuickPickItem[] = [];
    for (const [label, verdicts] of groups) {
      const inGroup = rows.filter((r) => verdicts.includes(r.verdict));
      if (!inGroup.length) continue;
      items.push({ label, kind: vscode.QuickPickItemKind.Separator });
      for (const r of inGroup) items.push({ label: `${VERDICT_ICONS[r.verdict]} ${r.label}`, description: r.principal, detail: r.because });
    }
    void vscode.window.showQuickPick(items, { title: vscode.l10n.t('Who can assume {0}?', roleArn), matchOnDescription: true, matchOnDetail: true });
  }
  return { ok: true, rows };
}
