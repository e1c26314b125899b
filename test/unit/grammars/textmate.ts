import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IOnigLib, type StateStack } from 'vscode-textmate';
import { repoRoot } from '../fixtures';

/**
 * The extension's TextMate grammars loaded as VS Code loads them: vscode-textmate over the
 * Oniguruma build VS Code ships (vscode-oniguruma's wasm), the grammars of package.json (and the
 * injections it declares, none today), and VS Code's own JSON grammars (copied in test/grammar-policy).
 */
export interface GrammarOptions {
  /** Apply the `injectTo` grammars of package.json (default true). */
  readonly injections?: boolean;
  /** Read the contributed grammars from this folder instead of syntaxes/ (to measure another version). */
  readonly syntaxesDir?: string;
}

export interface LineTokens {
  readonly tokens: ReadonlyArray<{ readonly text: string; readonly startIndex: number; readonly endIndex: number; readonly scopes: readonly string[] }>;
  readonly stoppedEarly: boolean;
}

interface ContributedGrammar {
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo?: readonly string[];
}

let onigLib: Promise<IOnigLib> | undefined;

function loadOnigLib(): Promise<IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(path.join(repoRoot(), 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return { createOnigScanner: (sources) => new oniguruma.OnigScanner(sources), createOnigString: (s) => new oniguruma.OnigString(s) };
  })();
  return onigLib;
}

/** The grammars package.json contributes, with the path of each resolved. */
export function contributedGrammars(syntaxesDir?: string): ContributedGrammar[] {
  const root = repoRoot();
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { grammars: ContributedGrammar[] } };
  const grammars = pkg.contributes.grammars.map((g) => ({
    ...g,
    path: syntaxesDir && g.path.startsWith('./syntaxes/') ? path.join(syntaxesDir, g.path.slice('./syntaxes/'.length)) : path.join(root, g.path),
  }));
  // Another version of syntaxes/ may lack a grammar of today's manifest: it did not contribute it.
  return syntaxesDir ? grammars.filter((g) => fs.existsSync(g.path)) : grammars;
}

/** A registry of the extension's grammars plus VS Code's JSON and JSON with Comments grammars. */
export async function grammarRegistry(options: GrammarOptions = {}): Promise<Registry> {
  const root = repoRoot();
  const files = new Map<string, string>([
    ['source.json', path.join(root, 'test', 'grammar-policy', 'json.tmLanguage.json')],
    ['source.json.comments', path.join(root, 'test', 'grammar-policy', 'jsonc.tmLanguage.json')],
  ]);
  const injections = new Map<string, string[]>();
  for (const g of contributedGrammars(options.syntaxesDir)) {
    files.set(g.scopeName, g.path);
    if (options.injections === false) continue;
    for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
  }
  return new Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => injections.get(scopeName),
  });
}

export async function loadGrammar(scopeName: string, options: GrammarOptions = {}): Promise<IGrammar> {
  const grammar = await (await grammarRegistry(options)).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

/** Tokens of each line of `text`, carrying the state from line to line as the editor does. */
export function tokenize(grammar: IGrammar, text: string, timeLimitMs = 0): LineTokens[] {
  let state: StateStack = INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, state, timeLimitMs);
    state = r.ruleStack;
    return { tokens: r.tokens.map((t) => ({ ...t, text: line.slice(t.startIndex, t.endIndex) })), stoppedEarly: r.stoppedEarly };
  });
}

/** The scopes of the token that starts where `needle` first occurs in `line` (after `from`). */
export function scopesAt(lines: readonly LineTokens[], line: number, lineText: string, needle: string, from = 0): readonly string[] {
  const at = lineText.indexOf(needle, from);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} is not in ${JSON.stringify(lineText)}`);
  const token = lines[line].tokens.find((t) => t.startIndex <= at && at < t.endIndex);
  if (!token) throw new Error(`no token at ${at} of line ${line}`);
  return token.scopes;
}
