import * as vscode from 'vscode';
import { principalProblem } from '../../core/debugging/scenarioRun';
import { actionProblem, contextKeyChoices, contextValue, resourceSkeletons, splitAction } from '../../core/debugging/simulateChoices';
import type { ContextValue, EvaluationRequest } from '../../core/evaluation/types';
import type { IamCatalog } from '../../core/policy/catalog';
import type { KnownIdentitySource } from '../context';

type Item = vscode.QuickPickItem & { value?: string };

/** A QuickPick that also accepts what was typed; resolves undefined when cancelled. */
function pickOrType(title: string, placeholder: string, items: Item[], validate: (v: string) => string | undefined, onType?: (value: string, qp: vscode.QuickPick<Item>) => void): Promise<string | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = title;
    qp.placeholder = placeholder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.items = items;
    qp.ignoreFocusOut = true;
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      qp.dispose();
    };
    qp.onDidChangeValue((v) => {
      const typed = v.trim();
      const rest = items.filter((i) => i.value !== typed);
      qp.items = typed ? [{ label: typed, description: 'as typed', value: typed, alwaysShow: true }, ...rest] : items;
      onType?.(typed, qp);
    });
    qp.onDidAccept(() => {
      const typed = qp.value.trim();
      const picked = qp.selectedItems[0]?.value;
      // Rows that arrive while someone types can leave the highlight on a longer value that begins
      // with the typed one (s3:GetObjectAcl for s3:GetObject): a typed value that is valid on its own wins.
      const chosen = picked !== undefined && typed && picked !== typed && picked.startsWith(typed) && !validate(typed) ? typed : (picked ?? typed);
      const problem = chosen ? validate(chosen) : 'Type a value or choose one.';
      if (problem) {
        // QuickPick has no validation message in this VS Code version: the problem shows as the first row.
        qp.items = [{ label: `$(error) ${problem}`, alwaysShow: true }, ...qp.items.filter((i) => i.value !== undefined)];
        return;
      }
      finish(chosen);
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

/** The action, with completions from the actions the policy names and the IAM data of the typed service. */
export function pickAction(catalog: IamCatalog, fromPolicy: readonly string[], load: (service: string) => Promise<void>): Promise<string | undefined> {
  const items: Item[] = fromPolicy.map((a) => ({ label: a, description: 'named in this policy', value: a }));
  const loaded = new Set<string>();
  return pickOrType('Simulate Request (1/4): action', 'service:Action, e.g. s3:GetObject', items, (v) => actionProblem(v, catalog), (typed, qp) => {
    const service = typed.split(':')[0].toLowerCase();
    if (!typed.includes(':') || !catalog.hasService(service) || loaded.has(service)) return;
    loaded.add(service);
    void load(service).then(() => {
      const actions = catalog.actions(service).map((a) => ({ label: `${service}:${a.name}`, description: a.accessLevel, detail: a.description, value: `${service}:${a.name}` }));
      items.push(...actions);
      // Data that arrives while someone types must not move the highlight: Enter accepts what was typed.
      const typedNow = qp.value.trim();
      const active = qp.activeItems;
      qp.items = [...qp.items, ...actions.filter((a) => a.value !== typedNow)];
      qp.activeItems = active;
    });
  });
}

/** The resource: ARN skeletons of the action's resource types (placeholders to fill), the policy's resources, or typed. */
export async function pickResource(catalog: IamCatalog, action: string, fromPolicy: readonly string[], fill: { region?: string; account?: string }): Promise<string | undefined> {
  const skeletons = resourceSkeletons(action, catalog, fill);
  const items: Item[] = [
    ...skeletons.map((s) => ({ label: s.arn, description: `${s.type}${s.required ? '' : ' (optional)'}`, value: s.arn })),
    ...fromPolicy.filter((r) => !skeletons.some((s) => s.arn === r)).map((r) => ({ label: r, description: 'named in this policy', value: r })),
    ...(skeletons.length === 0 ? [{ label: '*', description: `${action} has no resource types`, value: '*' }] : []),
  ];
  const chosen = await pickOrType('Simulate Request (2/4): resource', 'An ARN; placeholders such as ${BucketName} are filled next', items, () => undefined);
  if (chosen === undefined || !chosen.includes('${')) return chosen;
  const first = chosen.indexOf('${');
  return vscode.window.showInputBox({
    title: 'Simulate Request (2/4): fill in the resource ARN',
    value: chosen,
    valueSelection: [first, chosen.indexOf('}', first) + 1],
    ignoreFocusOut: true,
    validateInput: (v) => (v.includes('${') ? 'Replace each ${…} placeholder with a value (wildcards are not resources).' : undefined),
  });
}

/** The principal: identities STS Lens knows (ARNs cached), recent roles, or a typed ARN or service principal. */
export function pickPrincipal(known: readonly { source: KnownIdentitySource; arn?: string }[]): Promise<string | undefined> {
  const items: Item[] = known.filter((k) => k.arn).map((k) => ({ label: k.source.label, description: k.source.kind, detail: k.arn, value: k.arn }));
  return pickOrType('Simulate Request (3/4): principal', 'An ARN (user, role, assumed-role session), a service principal such as lambda.amazonaws.com, or anonymous', items, principalProblem);
}

/** Context keys the action's data lists, with their types; each chosen key is then given a value. */
export async function pickContext(catalog: IamCatalog, action: string): Promise<Record<string, ContextValue> | undefined> {
  const choices = contextKeyChoices(action, catalog);
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.key, description: c.type, detail: c.description, choice: c })),
    { title: 'Simulate Request (4/4): request context keys (none is fine)', canPickMany: true, matchOnDetail: true, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const context: Record<string, ContextValue> = {};
  for (const p of picked) {
    let key = p.choice.key;
    if (/\$\{|<key>/i.test(key)) {
      const named = await vscode.window.showInputBox({ title: `Key name for ${key}`, value: key.replace(/\$\{[^}]*\}|<key>/i, ''), ignoreFocusOut: true });
      if (!named) return undefined;
      key = named;
    }
    const value = await vscode.window.showInputBox({ title: `${key} (${p.choice.type})`, prompt: /^ArrayOf/i.test(p.choice.type) ? 'Comma-separated values' : p.choice.description, ignoreFocusOut: true });
    if (value === undefined) return undefined;
    context[key] = contextValue(p.choice.type, value);
  }
  return context;
}

/** Every prompt in turn; a preset (tests, the lens arguments) fills in what it has. */
export async function promptRequest(catalog: IamCatalog, preset: Partial<EvaluationRequest>, sources: { actions: string[]; resources: string[]; known: { source: KnownIdentitySource; arn?: string }[]; region?: string; account?: string }, load: (s: string) => Promise<void>): Promise<EvaluationRequest | { problem: string } | undefined> {
  const action = preset.action ?? (await pickAction(catalog, sources.actions, load));
  if (!action) return undefined;
  const service = splitAction(action)?.service;
  if (service) await load(service);
  const aProblem = actionProblem(action, catalog);
  if (aProblem) return { problem: aProblem };
  const resource = preset.resource ?? (await pickResource(catalog, action, sources.resources, { region: sources.region, account: sources.account }));
  if (resource === undefined) return undefined;
  const principal = preset.principal ?? (await pickPrincipal(sources.known));
  if (!principal) return undefined;
  const pProblem = principalProblem(principal);
  if (pProblem) return { problem: pProblem };
  const context = preset.context ?? (await pickContext(catalog, action));
  if (!context) return undefined;
  return { principal, action, resource, ...(preset.resourceAccount ? { resourceAccount: preset.resourceAccount } : {}), ...(Object.keys(context).length ? { context } : {}) };
}
