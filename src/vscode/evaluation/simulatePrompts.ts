import * as vscode from 'vscode';
import { principalProblem } from '../../core/debugging/scenarioRun';
import { acceptedFormats, actionProblem, contextKeyChoices, contextValue, policyResourcesFor, resourceProblem, resourceSkeletons, splitAction, type ContextKeyChoice } from '../../core/debugging/simulateChoices';
import type { ContextValue, EvaluationRequest } from '../../core/evaluation/types';
import { sessionTokenRequest, sessionTokenText } from '../../core/evaluation/sessionLimits';
import type { IamCatalog } from '../../core/policy/catalog';
import { withoutFirstPlaceholder } from '../../core/policy/variableSpans';
import type { KnownIdentitySource } from '../context';
import { askMany, askTyped, askValue, type PromptRow, type StepAnswer } from '../typedPrompt';

export interface RequestSources {
  readonly actions: string[];
  readonly resources: string[];
  readonly known: readonly { source: KnownIdentitySource; arn?: string }[];
  readonly region?: string;
  readonly account?: string;
  /** The credentials of the session a preset principal stands for (see SimulateArgs.session). */
  readonly credentials?: KnownIdentitySource['credentials'];
}

interface Draft {
  action?: string;
  resource?: string;
  principal?: string;
  /** How the principal's credentials were made, from the session row chosen (or the preset). */
  credentials?: KnownIdentitySource['credentials'];
  context?: Record<string, ContextValue>;
}

/** The request before `step`, for that step's title: the person sees what Enter took. */
function soFar(d: Draft, step: 'resource' | 'principal' | 'context'): string {
  const parts = [step === 'context' && d.principal && vscode.l10n.t('{0} calls', d.principal), d.action, step !== 'resource' && d.resource && vscode.l10n.t('on {0}', d.resource)].filter(Boolean);
  return parts.length ? ` — ${parts.join(' ')}` : '';
}

/** The action, with completions from the actions the policy names and the IAM data of the typed service. */
function askAction(catalog: IamCatalog, fromPolicy: readonly string[], load: (service: string) => Promise<void>, d: Draft, back: boolean): Promise<StepAnswer> {
  const loaded = new Set<string>();
  const serviceOf = (typed: string) => {
    const service = typed.split(':')[0].toLowerCase();
    return typed.includes(':') && catalog.hasService(service) ? service : undefined;
  };
  return askTyped({
    title: vscode.l10n.t('Simulate Request (1/4): action'),
    placeholder: vscode.l10n.t('service:Action, e.g. s3:GetObject — Enter takes a valid action as typed'),
    rows: fromPolicy.map((a) => ({ label: a, description: vscode.l10n.t('named in this policy'), value: a })),
    value: d.action,
    back,
    validate: (v) => actionProblem(v, catalog),
    // An action is judged against its service's data: Enter waits for it rather than judging without it.
    settle: async (typed) => {
      const service = serviceOf(typed);
      if (service) await load(service);
    },
    onType: (typed, add) => {
      const service = serviceOf(typed);
      if (!service || loaded.has(service)) return;
      loaded.add(service);
      void load(service).then(() => add(catalog.actions(service).map((a) => ({ label: `${service}:${a.name}`, description: a.accessLevel, detail: a.description, value: `${service}:${a.name}` }))));
    },
  });
}

/** The resource: ARN skeletons of the action's resource types (placeholders filled next), the policy's resources, or typed. */
async function askResource(catalog: IamCatalog, d: Draft & { action: string }, fromPolicy: readonly string[], fill: { region?: string; account?: string }, back: boolean): Promise<StepAnswer> {
  const { action } = d;
  const skeletons = resourceSkeletons(action, catalog, fill);
  const formats = acceptedFormats(action, catalog);
  const rows: PromptRow[] = [
    ...skeletons.map((s) => ({ label: s.arn, description: s.required ? s.type : vscode.l10n.t('{0} (optional)', s.type), value: s.arn })),
    ...policyResourcesFor(action, fromPolicy, catalog).filter((r) => !skeletons.some((s) => s.arn === r)).map((r) => ({ label: r, description: vscode.l10n.t('named in this policy'), value: r })),
    ...(formats.length === 0 ? [{ label: '*', description: vscode.l10n.t('{0} has no resource types', action), value: '*' }] : []),
  ];
  const title = vscode.l10n.t('Simulate Request (2/4): resource{0}', soFar(d, 'resource'));
  for (let value: string | undefined; ; ) {
    const chosen = await askTyped({
      title,
      placeholder: formats.length ? vscode.l10n.t('An ARN of a resource type below; placeholders such as ${BucketName} are filled next') : vscode.l10n.t('{0} has no resource types: its resource is *', action),
      rows,
      value,
      back,
      // A skeleton is a choice to fill in next; anything else must fit one of the action's formats.
      validate: (v) => (v.includes('${') && rows.some((r) => r.value === v) ? undefined : resourceProblem(action, v, catalog)),
    });
    if (chosen === undefined || chosen === 'back' || !chosen.value.includes('${')) return chosen;
    const first = chosen.value.indexOf('${');
    const filled = await askValue({
      title: vscode.l10n.t('Simulate Request (2/4): fill in the resource ARN{0}', soFar(d, 'resource')),
      value: chosen.value,
      valueSelection: [first, chosen.value.indexOf('}', first) + 1],
      back: true,
      validate: (v) => (v.includes('${') ? vscode.l10n.t('Replace each ${…} placeholder with a value (wildcards are not resources).') : resourceProblem(action, v, catalog)),
    });
    if (filled !== 'back') return filled;
    value = chosen.value;
  }
}

/** A known identity's row: a GetSessionToken session says so, since its requests are limited as such. */
function principalRow(k: RequestSources['known'][number]): PromptRow & { source: KnownIdentitySource } {
  const c = k.source.credentials;
  const description = c ? sessionTokenText(c.mfa) : k.source.kind;
  return { label: k.source.label, description: k.source.active ? vscode.l10n.t('{0} (active)', description) : description, detail: k.arn, value: k.arn, source: k.source };
}

/** The principal: identities STS Lens knows (ARNs cached; the active session first), recent roles, or a typed ARN or service principal. */
function askPrincipal(known: RequestSources['known'], d: Draft, back: boolean): Promise<StepAnswer> {
  const rows = known.filter((k) => k.arn).map(principalRow);
  return askTyped({
    title: vscode.l10n.t('Simulate Request (3/4): principal{0}', soFar(d, 'principal')),
    placeholder: vscode.l10n.t('An ARN (user, role, assumed-role session), a service principal such as lambda.amazonaws.com, anonymous, or a name below'),
    rows: [...rows.filter((r) => r.source.active), ...rows.filter((r) => !r.source.active)],
    value: d.principal,
    back,
    validate: principalProblem,
  });
}

const KEY_FORM = /^[A-Z0-9-]+:\S+$/i;

/** The data's type for a key: its own row, or a template row it fills (aws:PrincipalTag/Team for aws:PrincipalTag/${TagKey}). */
function choiceFor(key: string, choices: readonly ContextKeyChoice[]): ContextKeyChoice {
  const exact = choices.find((c) => c.key.toLowerCase() === key.toLowerCase());
  if (exact) return exact;
  const template = choices.find((c) => {
    const cut = c.key.search(/\$\{|<key>/i);
    return cut > 0 && key.toLowerCase().startsWith(c.key.slice(0, cut).toLowerCase()) && key.length > cut;
  });
  return { key, type: template?.type ?? 'String', description: template?.description ?? '' };
}

function valueProblem(type: string, v: string): string | undefined {
  if (!v) return vscode.l10n.t('Type a value (an empty context value is not a value).');
  if (/^Bool/i.test(type) && !/^(?:true|false)$/i.test(v)) return vscode.l10n.t('A Bool key takes true or false.');
  if (/^Numeric/i.test(type) && !/^-?\d+(?:\.\d+)?$/.test(v)) return vscode.l10n.t('A Numeric key takes a decimal number, e.g. 3 or 2.5.');
  return undefined;
}

/** Context keys the action's data lists, with their types; each chosen key is then given a value. */
async function askContext(catalog: IamCatalog, d: Draft & { action: string }, back: boolean): Promise<StepAnswer<{ context: Record<string, ContextValue> }>> {
  const choices = contextKeyChoices(d.action, catalog);
  // Back from a value returns here with nothing ticked: Enter then reads only what is chosen anew.
  for (;;) {
    const keys = await askMany({
      title: vscode.l10n.t('Simulate Request (4/4): request context keys, none is fine{0}', soFar(d, 'context')),
      placeholder: vscode.l10n.t('Tick keys, or type one (prefix:Name) and press Enter'),
      rows: choices.map((c) => ({ label: c.key, description: c.type, detail: c.description, value: c.key })),
      back,
      validate: (v) => (KEY_FORM.test(v) ? undefined : vscode.l10n.t('"{0}" is not a condition key: write it as prefix:Name, e.g. aws:RequestedRegion.', v)),
    });
    if (keys === undefined || keys === 'back') return keys;
    const context = await askValues(keys.value, choices, d);
    if (context === undefined) return undefined;
    if (context !== 'back') return { value: { context: context.value } };
  }
}

/** A value for each key, after a name for keys the data writes as templates; Back returns to the keys. */
async function askValues(keys: readonly string[], choices: readonly ContextKeyChoice[], d: Draft): Promise<StepAnswer<Record<string, ContextValue>>> {
  const context: Record<string, ContextValue> = {};
  for (const picked of keys) {
    let key = picked;
    if (/\$\{|<key>/i.test(key)) {
      const named = await askValue({ title: vscode.l10n.t('Key name for {0}{1}', key, soFar(d, 'context')), value: withoutFirstPlaceholder(key), back: true, validate: (v) => (KEY_FORM.test(v) && !/\$\{|<key>/i.test(v) ? undefined : vscode.l10n.t('Write the whole key name, e.g. aws:PrincipalTag/Team.')) });
      if (named === undefined || named === 'back') return named;
      key = named.value;
    }
    const { type, description } = choiceFor(key, choices);
    const value = await askValue({ title: `${key} (${type})${soFar(d, 'context')}`, prompt: /^ArrayOf/i.test(type) ? vscode.l10n.t('Comma-separated values') : description, back: true, validate: (v) => valueProblem(type, v) });
    if (value === undefined || value === 'back') return value;
    context[key] = contextValue(type, value.value);
  }
  return { value: context };
}

/** Every prompt in turn, with Back between them; a preset (tests, the lens arguments) fills in what it has. */
export async function promptRequest(catalog: IamCatalog, preset: Partial<EvaluationRequest>, sources: RequestSources, load: (s: string) => Promise<void>): Promise<EvaluationRequest | { problem: string } | undefined> {
  const d: Draft = { action: preset.action, resource: preset.resource, principal: preset.principal, credentials: sources.credentials ?? (preset.credentials ? { kind: preset.credentials, mfa: false } : undefined), context: preset.context };
  if (d.action) {
    const service = splitAction(d.action)?.service;
    if (service && catalog.hasService(service)) await load(service);
  }
  const steps = (['action', 'resource', 'principal', 'context'] as const).filter((s) => d[s] === undefined);
  for (let i = 0; i < steps.length; ) {
    const back = i > 0;
    const step = steps[i];
    let answer: StepAnswer<unknown>;
    if (step === 'action') answer = await askAction(catalog, sources.actions, load, d, back);
    else if (step === 'resource') answer = await askResource(catalog, { ...d, action: d.action! }, sources.resources, { region: sources.region, account: sources.account }, back);
    else if (step === 'principal') answer = await askPrincipal(sources.known, d, back);
    else answer = await askContext(catalog, { ...d, action: d.action! }, back);
    if (answer === undefined) return undefined;
    if (answer === 'back') {
      i--;
      continue;
    }
    if (step === 'context') d.context = (answer.value as { context: Record<string, ContextValue> }).context;
    else d[step] = answer.value as string;
    if (step === 'principal') d.credentials = (answer.row as ReturnType<typeof principalRow> | undefined)?.source?.credentials;
    i++;
  }
  const { action, resource, principal } = d as Required<Pick<Draft, 'action' | 'resource' | 'principal'>>;
  // Presets are judged as typed values are; the first problem in request order is reported.
  const problem = actionProblem(action, catalog) ?? principalProblem(principal) ?? resourceProblem(action, resource, catalog);
  if (problem) return { problem };
  return { principal, action, resource, ...(preset.resourceAccount ? { resourceAccount: preset.resourceAccount } : {}), ...withCredentials(d.credentials, d.context ?? {}) };
}

/** The request's credentials and context: a session's row or preset gives its kind and MFA (see sessionTokenRequest). */
function withCredentials(credentials: Draft['credentials'], context: Record<string, ContextValue>): Pick<EvaluationRequest, 'credentials' | 'context'> {
  if (credentials) return sessionTokenRequest(credentials.mfa, context);
  return Object.keys(context).length ? { context } : {};
}
