import * as vscode from 'vscode';
import type { AuthorizationExplanation } from '../../core/authz/explain';
import { entryIdOf } from '../authz/explanationView';
import type { IdentityService, StsLensContext } from '../context';
import type { PolicyDocumentProvider } from '../policy/policyDocumentProvider';
import type { PolicyDocuments } from '../policy/policyDocuments';
import { AccountPolicyCache } from './accountPolicyCache';
import { CallerArnCache } from './callerArns';
import { COMMAND_EVALUATE_ACCOUNT, COMMAND_REFRESH_ACCOUNT_POLICIES, DecodedEvaluation, type EvaluateDecodedArgs } from './evaluateDecoded';
import { EvaluationEngine } from './evaluationEngine';
import { EvaluationLensProvider } from './evaluationLens';
import { PolicyTestController } from './policyTests';
import { EvaluationDecorations } from './resultPresenter';
import { EvaluationResultsView } from './resultsView';
import { COMMAND_SAVE_POLICY_TEST, COMMAND_SIMULATE, Simulator, type SimulateArgs } from './simulateRequest';
import { COMMAND_WHO_CAN_ASSUME, whoCanAssume, type WhoCanAssumeArgs } from './whoCanAssume';
import { showInfo } from '../output';

const COMMAND_RUN_POLICY_TESTS = 'stsLens.internal.runPolicyTests';

const objectArg = <T>(a: unknown): T => (a && typeof a === 'object' && !(a instanceof vscode.Uri) ? (a as T) : a instanceof vscode.Uri ? ({ uri: a } as T) : ({} as T));

/** The decoded entry to evaluate: an id, an explanation's URI (its title bar), or the explanation in the active editor. */
function evaluateArgs(arg: unknown): EvaluateDecodedArgs {
  if (typeof arg === 'number') return { entryId: arg };
  const uri = arg instanceof vscode.Uri ? arg : arg === undefined ? vscode.window.activeTextEditor?.document.uri : undefined;
  if (uri) return { entryId: entryIdOf(uri) };
  return objectArg<EvaluateDecodedArgs>(arg);
}

/** Policy debugging: evaluation against the account, Simulate Request, Who Can Assume, and policy tests. */
export function registerEvaluationFeature(ctx: StsLensContext, identity: IdentityService, documents: PolicyDocuments, docs: PolicyDocumentProvider, explanationOf: (entryId: number) => AuthorizationExplanation | undefined): void {
  const subs = ctx.extension.subscriptions;
  const engine = new EvaluationEngine(ctx.log);
  const decorations = new EvaluationDecorations();
  const results = new EvaluationResultsView(decorations);
  const cache = new AccountPolicyCache();
  const callers = new CallerArnCache(identity);
  const lens = new EvaluationLensProvider(documents);
  const decoded = new DecodedEvaluation(ctx, identity, explanationOf, cache, engine, docs, decorations, results, callers);
  const simulator = new Simulator(ctx, documents, engine, callers, docs, decorations, results);
  subs.push(engine, decorations, results, cache, lens);
  subs.push(
    vscode.languages.registerCodeLensProvider([{ language: 'json' }, { language: 'jsonc' }, { language: 'terraform' }, { language: 'yaml' }, { pattern: '**/*.tf' }], lens),
    documents.onDidChange(() => lens.refresh()),
    // Decorations describe the text that was evaluated: an edit makes them stale.
    vscode.workspace.onDidChangeTextDocument((e) => {
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document && e.contentChanges.length) decorations.clear(editor);
    }),
    vscode.commands.registerCommand(COMMAND_EVALUATE_ACCOUNT, (arg: unknown) => decoded.run(evaluateArgs(arg))),
    vscode.commands.registerCommand(COMMAND_REFRESH_ACCOUNT_POLICIES, () => {
      cache.clear();
      callers.clear();
      docs.forget();
      void showInfo(vscode.l10n.t('Forgot the policies and identities read from AWS; the next evaluation reads them again.'));
    }),
    vscode.commands.registerCommand(COMMAND_SIMULATE, (arg: unknown) => simulator.run(objectArg<SimulateArgs>(arg))),
    vscode.commands.registerCommand(COMMAND_SAVE_POLICY_TEST, () => simulator.saveAsTest()),
    vscode.commands.registerCommand(COMMAND_WHO_CAN_ASSUME, (arg: unknown) => whoCanAssume(ctx, documents, engine, callers, objectArg<WhoCanAssumeArgs>(arg))),
  );
  // Policy tests read files and evaluate them: nothing a workspace configures runs until it is trusted.
  let tests: PolicyTestController | undefined;
  const startTests = () => {
    if (tests || !vscode.workspace.isTrusted) return;
    tests = new PolicyTestController(ctx, engine);
    subs.push(tests);
    void tests.discover();
  };
  startTests();
  subs.push(
    vscode.workspace.onDidGrantWorkspaceTrust(startTests),
    // Hidden: discovers and runs every policy test, returning the reports (tests and scripted use).
    vscode.commands.registerCommand(COMMAND_RUN_POLICY_TESTS, async (arg?: { lastOnly?: boolean }) => {
      if (!tests) return { discovered: 0, reports: [] };
      if (arg?.lastOnly) return { discovered: 0, reports: [...tests.lastReports] };
      const discovered = await tests.discover();
      const reports = await tests.run(new vscode.TestRunRequest(), new vscode.CancellationTokenSource().token, false);
      return { discovered, reports };
    }),
  );
}
