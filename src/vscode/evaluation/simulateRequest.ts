import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { resultDocument, resultSummary } from '../../core/debugging/resultText';
import { relativePath, scenarioFileName, scenarioText } from '../../core/debugging/scenarioFile';
import type { EvaluationInput, EvaluationRequest, EvaluationResult, PolicyKind, PolicySource } from '../../core/evaluation/types';
import { parsePolicy } from '../../core/policy';
import { stringValues } from '../../core/policy/parse';
import type { PolicyRegion } from '../../core/policy/insight';
import type { PolicyType } from '../../core/policy/types';
import type { StsLensContext } from '../context';
import { policyPathSegment, type PolicyDocumentProvider } from '../policy/policyDocumentProvider';
import type { PolicyDocuments } from '../policy/policyDocuments';
import type { CallerArnCache } from './callerArns';
import type { EvaluationEngine } from './evaluationEngine';
import { rangeOf, type EvaluationDecorations, type PolicyPlacement, type ShownDecorations } from './resultPresenter';
import type { EvaluationResultsView } from './resultsView';
import { promptRequest } from './simulatePrompts';
import { showError, showInfo } from '../output';

export const COMMAND_SIMULATE = 'stsLens.simulateRequest';
export const COMMAND_SAVE_POLICY_TEST = 'stsLens.saveAsPolicyTest';

const KIND_OF_TYPE: Record<PolicyType, PolicyKind> = {
  IDENTITY_POLICY: 'identity',
  RESOURCE_POLICY: 'resource',
  TRUST_POLICY: 'resource',
  SERVICE_CONTROL_POLICY: 'serviceControl',
  RESOURCE_CONTROL_POLICY: 'resourceControl',
};

/** A guardrail alone allows nothing: its simulation adds an identity policy that allows everything, so only the guardrail decides. */
const ALLOW_ALL_TEXT = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const allowAll = (): PolicySource => ({ name: vscode.l10n.t('identity policy allowing everything (added for the simulation)'), text: ALLOW_ALL_TEXT });

export interface SimulateArgs {
  readonly uri?: vscode.Uri | string;
  readonly regionStart?: number;
  /** Skips the prompts it fills (tests, scripted use). */
  readonly request?: Partial<EvaluationRequest>;
  /** Simulates as this live session (its ID): its caller ARN is the principal and its kind of credentials goes with the request. */
  readonly session?: string;
}

export interface SimulateOutcome {
  readonly ok: boolean;
  readonly error?: string;
  readonly decision?: string;
  readonly summary?: string;
  readonly decorations?: ShownDecorations;
  readonly traceUri?: string;
}

interface LastSimulation {
  readonly uri: vscode.Uri;
  readonly kind: PolicyKind;
  readonly request: EvaluationRequest;
  readonly result: EvaluationResult;
  readonly wholeFile: boolean;
}

function inputFor(kind: PolicyKind, source: PolicySource, request: EvaluationRequest): EvaluationInput {
  switch (kind) {
    case 'serviceControl':
      return { request, identityPolicies: [allowAll()], serviceControlPolicies: [[source]] };
    case 'resourceControl':
      return { request, identityPolicies: [allowAll()], resourceControlPolicies: [[source]] };
    case 'resource':
      return { request, resourcePolicies: [source] };
    default:
      return { request, [kind === 'identity' ? 'identityPolicies' : kind === 'permissionsBoundary' ? 'permissionsBoundaries' : 'sessionPolicies']: [source] };
  }
}

/** Simulate Request… on a policy in the editor, and Save as Policy Test. */
export class Simulator {
  private last: LastSimulation | undefined;

  constructor(
    private readonly ctx: StsLensContext,
    private readonly documents: PolicyDocuments,
    private readonly engine: EvaluationEngine,
    private readonly callers: CallerArnCache,
    private readonly docs: PolicyDocumentProvider,
    private readonly decorations: EvaluationDecorations,
    private readonly results: EvaluationResultsView,
  ) {}

  private fail(error: string): SimulateOutcome {
    void showError(vscode.l10n.t('Simulate Request: {0}', error));
    return { ok: false, error };
  }

  async run(args: SimulateArgs = {}): Promise<SimulateOutcome> {
    const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) return this.fail(vscode.l10n.t('open a policy file first.'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const regions = this.documents.regions(doc);
    const region: PolicyRegion | undefined = regions.find((r) => args.regionStart === undefined || r.start === args.regionStart);
    if (!region) return this.fail(vscode.l10n.t('{0} does not look like an IAM policy. Add it to the stsLens.policy.files setting to simulate it anyway.', vscode.workspace.asRelativePath(uri)));
    const { type } = this.documents.policyTypeOf(doc, region);
    const kind = KIND_OF_TYPE[type];
    const catalog = this.documents.catalog;
    await this.documents.ensureServices([region.text], ['aws']);
    const policy = parsePolicy(region.text);
    const strings = (el: 'action' | 'resource') => [...new Set(policy.statements.flatMap((s) => stringValues(s[el]).map((v) => v.value)).filter((v) => !v.includes('*')))];
    const known = args.request?.principal && !args.session ? [] : await this.callers.all();
    const account = known.map((k) => k.arn?.split(':')[4]).find((a) => a && /^\d{12}$/.test(a));
    let preset = args.request ?? {};
    const session = args.session === undefined ? undefined : known.find((k) => k.source.key === `session:${args.session}`);
    if (args.session !== undefined) {
      if (!session?.arn) return this.fail(vscode.l10n.t('there is no live session {0} whose caller ARN is known; start one, or choose the principal.', args.session));
      preset = { ...preset, principal: session.arn };
    }
    const sources = { actions: strings('action'), resources: strings('resource'), known, account, credentials: session?.source.credentials };
    const asked = await promptRequest(catalog, preset, sources, (s) => this.documents.ensureServices([], [s]));
    if (!asked) return { ok: false, error: 'cancelled' };
    if ('problem' in asked) return this.fail(asked.problem);
    const request = asked;
    const name = vscode.workspace.asRelativePath(uri);
    const source: PolicySource = { name, text: region.text, file: uri.fsPath };
    const result = await this.engine.evaluate(inputFor(kind, source, request));
    const place: PolicyPlacement = { uri, offset: region.start, toHost: (o) => region.toHostOffset(o) };
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ?? (await vscode.window.showTextDocument(doc, { preview: false }));
    const shown = this.decorations.decorate(editor, place, name, result);
    const first = result.deciding.find((d) => d.policy === name);
    if (first) editor.revealRange(rangeOf(doc, place, first.statement.location.span), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const summary = resultSummary(request, result);
    const notes = kind === 'serviceControl' || kind === 'resourceControl' ? [vscode.l10n.t('The simulation adds an identity policy allowing everything, so only this guardrail decides.')] : [];
    const traceUri = this.docs.register(`/Simulation/${policyPathSegment(path.basename(uri.fsPath))}-${policyPathSegment(request.action)}.txt`, resultDocument(request, result, { notes }));
    await this.results.show({ title: vscode.l10n.t('Simulate Request on {0}', name), request, result, notes, textUri: traceUri, placeOf: (k, p) => (p === name ? place : undefined) });
    this.last = { uri, kind, request, result, wholeFile: region.origin === 'document' && uri.scheme === 'file' };
    this.ctx.log.info(`Simulated ${summary}`);
    const save = vscode.l10n.t('Save as Policy Test');
    void showInfo(summary, save).then(async (choice) => {
      if (choice === save) await this.saveAsTest();
    });
    return { ok: true, decision: result.decision, summary, decorations: shown, traceUri: traceUri.toString() };
  }

  /** Writes the last simulation as a scenario file next to its policy, expecting the decision it got. */
  async saveAsTest(): Promise<{ ok: boolean; file?: string; error?: string }> {
    const last = this.last;
    if (!last) {
      void showError(vscode.l10n.t('Simulate a request first: Save as Policy Test saves the last simulation.'));
      return { ok: false, error: 'nothing simulated' };
    }
    if (!last.wholeFile) {
      const error = vscode.l10n.t('Only a policy that is a whole JSON file can be referenced by a policy test; this one is embedded in another file.');
      void showError(error);
      return { ok: false, error };
    }
    const dir = path.dirname(last.uri.fsPath);
    let file = path.join(dir, scenarioFileName(path.basename(last.uri.fsPath), last.request.action));
    for (let n = 2; fs.existsSync(file); n++) file = file.replace(/(-\d+)?\.policytest\.json$/, `-${n}.policytest.json`);
    await fs.promises.writeFile(file, scenarioText(last.request, last.kind, relativePath(dir, last.uri.fsPath), last.result.decision), { flag: 'wx' });
    await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
    return { ok: true, file };
  }
}
