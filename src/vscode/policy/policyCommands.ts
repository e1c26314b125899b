import * as vscode from 'vscode';
import { POLICY_TYPES, type Finding, type PolicyType } from '../../core/policy';
import { toStrictJson } from '../../core/policy/insight';
import type { RemoteValidationResult } from '../../aws/accessAnalyzer';
import { accessAnalyzer } from '../awsModules';
import type { IdentityService } from '../context';
import { EndpointRefused, type EndpointGuard } from '../endpointGuard';
import type { PolicyDiagnostics } from './policyDiagnostics';
import { PolicyDocuments, policyTypeLabel } from './policyDocuments';
import { showError, showInfo, showWarning } from '../output';

/** Shows a list (granted actions, principals) in a quick pick; choosing an item copies it. */
export async function showList(title: string, items: vscode.QuickPickItem[]): Promise<void> {
  if (!items.length) {
    void showInfo(vscode.l10n.t('{0}: nothing to list.', title));
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: `${title} (${items.length})`, placeHolder: vscode.l10n.t('Choose one to copy it'), matchOnDescription: true, matchOnDetail: true });
  if (picked) await vscode.env.clipboard.writeText(picked.label);
}

/** Sets the type a file is checked as; `type` (a policy type or "auto") skips the prompt, e.g. from a keybinding. */
export async function pickPolicyType(docs: PolicyDocuments, uri?: vscode.Uri, type?: string): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void showInfo(vscode.l10n.t('Open a policy file to set its policy type.'));
    return;
  }
  if (type !== undefined) {
    if (type === 'auto') return docs.setOverride(target, undefined);
    if ((POLICY_TYPES as readonly string[]).includes(type)) return docs.setOverride(target, type as PolicyType);
    void showError(vscode.l10n.t('Unknown policy type "{0}". Use one of: auto, {1}.', type, POLICY_TYPES.join(', ')));
    return;
  }
  const current = docs.overrideFor(target);
  const items: Array<vscode.QuickPickItem & { type?: PolicyType }> = [
    { label: vscode.l10n.t('Detect automatically'), description: current ? '' : vscode.l10n.t('current'), type: undefined },
    ...POLICY_TYPES.map((t) => ({ label: policyTypeLabel(t), description: current === t ? vscode.l10n.t('current') : t, type: t })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Check this file as'), placeHolder: vscode.l10n.t('Policy type') });
  if (!picked) return;
  await docs.setOverride(target, picked.type);
}

/** Runs IAM Access Analyzer's ValidatePolicy on each policy of a document and merges the findings. */
export async function validateWithAccessAnalyzer(
  docs: PolicyDocuments,
  diagnostics: PolicyDiagnostics,
  identity: IdentityService,
  log: vscode.LogOutputChannel,
  endpoints: EndpointGuard,
  uri?: vscode.Uri,
  regionStart?: number,
): Promise<RemoteValidationResult[]> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc) {
    void showInfo(vscode.l10n.t('Open a policy file to validate it with IAM Access Analyzer.'));
    return [];
  }
  const regions = docs.regions(doc).filter((r) => regionStart === undefined || r.start === regionStart);
  if (!regions.length) {
    void showInfo(vscode.l10n.t('This file does not look like an IAM policy. Add it to the stsLens.policy.files setting to check it anyway.'));
    return [];
  }
  const who = identity.current() ?? (await identity.pick(vscode.l10n.t('AWS identity to call IAM Access Analyzer with')));
  if (!who) return [];
  try {
    await endpoints.check(await accessAnalyzer.configuredAccessAnalyzerEndpoint(who.region, who.profile), 'awsConfig', { service: 'IAM Access Analyzer', interactive: true });
  } catch (e) {
    if (!(e instanceof EndpointRefused)) return [];
    void showWarning(vscode.l10n.t('Validation with IAM Access Analyzer was not started: {0}', e.message));
    return [{ ok: false, kind: 'other', message: e.message }];
  }
  const version = doc.version;
  const results: RemoteValidationResult[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating with IAM Access Analyzer as {0}…', who.label), cancellable: true }, async (_p, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      for (const region of regions) {
        const { type } = docs.policyTypeOf(doc, region);
        const result = await accessAnalyzer.validatePolicyRemotely({ policyDocument: toStrictJson(region.text), policyType: type, region: who.region, profile: who.profile, credentials: () => who.getCredentials(), abortSignal: abort.signal });
        results.push(result);
        if (token.isCancellationRequested) return;
        if (!result.ok) {
          log.warn(`IAM Access Analyzer validation failed (${result.kind}): ${result.message}`);
          continue;
        }
        log.info(`IAM Access Analyzer returned ${result.findings.length} finding(s) for ${doc.uri.fsPath || doc.uri.toString()} as ${type}`);
        if (doc.version === version) diagnostics.setRemoteFindings(doc, region, result.findings as Finding[]);
      }
    } finally {
      sub.dispose();
    }
  });
  const failure = results.find((r): r is Extract<RemoteValidationResult, { ok: false }> => !r.ok);
  if (failure) {
    const chooseIdentity = vscode.l10n.t('Choose Identity');
    const showLog = vscode.l10n.t('Show Log');
    const buttons = failure.kind === 'denied' || failure.kind === 'credentials' || failure.kind === 'notAccessAnalyzer' ? [chooseIdentity, showLog] : [showLog];
    void showWarning(vscode.l10n.t('Validation with IAM Access Analyzer as {0} failed: {1}', who.label, failure.message), ...buttons).then(async (choice) => {
      if (choice === showLog) log.show();
      if (choice === chooseIdentity) await identity.pick(vscode.l10n.t('AWS identity to call IAM Access Analyzer with'));
    });
  } else if (results.length) {
    const count = results.reduce((n, r) => n + (r.ok ? r.findings.length : 0), 0);
    void showInfo(count ? vscode.l10n.t('IAM Access Analyzer reported {0} finding(s); they are in the Problems panel, marked [IAM Access Analyzer].', count) : vscode.l10n.t('IAM Access Analyzer found no problems.'));
  }
  return results;
}
