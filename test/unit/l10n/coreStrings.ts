/**
 * The one checker for text that core modules (src/core) build for people without `l10n.t`, used by the
 * test of every area (config findings, lenses, results, decoded messages…). Core code returns its
 * words rather than showing them, so besides the places and the prose that userStrings.ts finds, a
 * literal (a single word too: "ALLOWED", "Trace") is shown when a function returns it, when it is pushed onto a list, when it goes to a
 * parameter or property named as shown text (`explanation`, `label`, `reasons`…), or when it is
 * itself a value put into an `l10n.t` template (where it would stay English), and the values of a
 * table of words (`const TITLES: Record<Decision, string> = {…}`, which also could not call `l10n.t`
 * when the module loads, before the bundle is configured). An area adds where its modules put words
 * and the names it excuses (`CoreWordsArea`).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { isL10nCall, literalsIn, unwrappedStrings, unwrappedWords, type ShownInCore, type UnwrappedString } from './userStrings';

/** What one area of src/core adds to the checks every core module gets. */
export interface CoreWordsArea {
  /** Arrays, result properties and whole word-building functions where the area's modules put words. */
  readonly shown?: ShownInCore;
  /**
   * Literals, as written in the source, that name something rather than say it (setting names passed as
   * values, operator names, sample ARNs, product names): not reported in this area's files. A name may
   * start with where it is reported (`words outside l10n.t 'resource ARN'`) to be excused only there.
   */
  readonly names?: readonly string[];
}

/** Names of parameters that take words people read. */
const SHOWN_PARAMETERS = new Set(['explanation', 'reason', 'label', 'description', 'tooltip', 'message', 'text', 'title', 'detail', 'problem', 'summary', 'note']);
/** Properties of core's results that hold words (the editor's shown properties are userStrings.ts's). */
const SHOWN_PROPERTIES = new Set(['explanation', 'reason', 'reasons', 'problem', 'problems', 'summary', 'note', 'notes']);

function parameterName(p: ts.ParameterDeclaration): string | undefined {
  return ts.isIdentifier(p.name) ? p.name.text : undefined;
}

/** The file's own functions: for each, the indexes of its parameters that take shown words. */
function shownParameters(source: ts.SourceFile): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const visit = (node: ts.Node): void => {
    let name: string | undefined;
    let params: readonly ts.ParameterDeclaration[] | undefined;
    if (ts.isFunctionDeclaration(node) && node.name) [name, params] = [node.name.text, node.parameters];
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) [name, params] = [node.name.text, node.initializer.parameters];
    if (name && params) {
      const shown = params.flatMap((p, i) => (SHOWN_PARAMETERS.has(parameterName(p) ?? '') ? [i] : []));
      if (shown.length) out.set(name, shown);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

/** Whether a type is a union of literals (`'trust' | 'key' | undefined`), directly or through a type alias of the same file. */
function namesOnly(type: ts.TypeNode, depth = 0): boolean {
  const parts = ts.isUnionTypeNode(type) ? type.types : [type];
  return parts.every((t) => ts.isLiteralTypeNode(t) || t.kind === ts.SyntaxKind.UndefinedKeyword || (depth < 4 && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && namesOnlyAlias(t.getSourceFile(), t.typeName.text, depth + 1)));
}

function namesOnlyAlias(source: ts.SourceFile, name: string, depth: number): boolean {
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
  return !!alias && namesOnly(alias.type, depth);
}

/** Whether a return is in a function declared to return names (`'trust' | 'key' | undefined`, or an alias of such), not words. */
function returnsNames(node: ts.Node): boolean {
  let fn = node.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const type = fn && ts.isFunctionLike(fn) ? fn.type : undefined;
  return !!type && namesOnly(type);
}

/** JSON that a text shows for the reader to write into a policy (`{"AWS": "…"}`): not words, so a template's value. */
function isJsonToWrite(n: ts.Node): boolean {
  return /^`?\{"/.test(n.getText());
}

const excused = (names: ReadonlySet<string>, u: UnwrappedString): boolean => names.has(u.text) || names.has(`${u.where} ${u.text}`);

/** Every literal in a core source file that reaches people without `l10n.t`, less the names `area` excuses. */
export function unwrappedCoreStrings(file: string, text: string, area: CoreWordsArea = {}): UnwrappedString[] {
  const found = [...unwrappedStrings(file, text, area.shown), ...unwrappedWords(file, text)];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const params = shownParameters(source);
  const report = (nodes: ts.Node[], where: string): void => {
    for (const n of nodes) found.push({ file, line: source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1, text: n.getText(source), where });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression && !returnsNames(node)) report(literalsIn(node.expression), 'return');
    if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) report(literalsIn(node.body), '=> returns');
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && SHOWN_PROPERTIES.has(node.name.text)) report(literalsIn(node.initializer), `${node.name.text}:`);
    if (ts.isVariableDeclaration(node) && node.type && /^(?:Readonly<)?Record<.*,\s*string>/.test(node.type.getText(source)) && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      report(node.initializer.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? literalsIn(p.initializer) : [])), 'a table of words');
    }
    if (ts.isCallExpression(node)) {
      const args = node.arguments;
      const callee = node.expression;
      const shown = ts.isIdentifier(callee) ? params.get(callee.text) : undefined;
      // fill(l10n.t('…'), values) fills a template as l10n.t does (src/core/fill.ts): its values are a template's too.
      if (isL10nCall(node) || (ts.isIdentifier(callee) && callee.text === 'fill')) report(args.slice(1).flatMap(literalsIn).filter((n) => !isJsonToWrite(n)), 'a value of l10n.t');
      else if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'push' || callee.name.text === 'unshift')) report(args.flatMap(literalsIn), `${callee.name.text}()`);
      else if (shown) for (const i of shown) if (args[i]) report(literalsIn(args[i]), `${callee.getText(source)}() argument ${i + 1}`);
    }
    node.forEachChild(visit);
  };
  visit(source);
  const seen = new Set<string>();
  const names = new Set(area.names);
  return found.sort((a, b) => a.line - b.line).filter((u) => !excused(names, u) && !seen.has(`${u.line} ${u.text}`) && seen.add(`${u.line} ${u.text}`));
}

/**
 * What an area's test asserts is empty: each unwrapped literal of its files as `file:line where text`,
 * and each name the area excuses that none of its files writes any more (an allowance left behind).
 */
export function areaReport(root: string, files: readonly string[], area: CoreWordsArea = {}): string[] {
  const all = files.flatMap((f) => unwrappedCoreStrings(f, fs.readFileSync(path.join(root, f), 'utf8'), { shown: area.shown }));
  const names = new Set(area.names);
  const found = all.filter((u) => !excused(names, u)).map((u) => `${u.file}:${u.line} ${u.where} ${u.text}`);
  const unused = [...names].filter((name) => !all.some((u) => excused(new Set([name]), u)));
  return [...found, ...unused.map((name) => `an excused name no file reports: ${name}`)];
}

/** The TypeScript files under `dir`, recursively. */
export function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The files of src/ that name `identifier`, relative to the repository, with `/` separators: where a text can go. */
export function filesNaming(root: string, identifier: string): string[] {
  const word = new RegExp(`\\b${identifier}\\b`);
  return sources(path.join(root, 'src')).filter((f) => word.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
}
