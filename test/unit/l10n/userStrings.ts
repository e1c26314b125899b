/**
 * Finds text a person reads in the editor that does not go through `vscode.l10n.t`, by walking the
 * TypeScript syntax tree of src/vscode: the message and buttons of notifications, the status bar
 * message, quick pick and input box titles, placeholders and prompts, tree item, quick pick item,
 * status bar and CodeLens labels, tooltips and descriptions, hovers and Markdown text, progress
 * titles, Test Explorer labels (a controller's, a test item's, a run profile's) and test messages, the text an input box's validation returns, `l10n.t` calls whose message is not a
 * literal (the exporter only finds literals), and words looked for in a text (`split('. Possible causes')`),
 * which a translation of that text does not hold.
 */
import * as ts from 'typescript';

export interface UnwrappedString {
  file: string;
  line: number;
  text: string;
  where: string;
}

/** Functions whose string arguments are all shown: the window's messages and src/vscode/output.ts's wrappers. */
const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'showInfo', 'showWarning', 'showError', 'askModal', 'setStatusBarMessage', 'showList']);
/** Methods that add shown text to a Markdown string. */
const MARKDOWN_CALLS = new Set(['appendMarkdown', 'appendText']);
/** Constructors and the index of the argument that is shown. */
const SHOWN_ARGUMENT: Record<string, number> = { Error: 0, InvalidRequest: 1, SignInNeeded: 0, TreeItem: 0, MarkdownString: 0, Hover: 0, CodeAction: 0, Diagnostic: 1, DiagnosticRelatedInformation: 1, showQuickPick: 0, createWebviewPanel: 1, createTerminal: 0, createTestController: 1, createTestItem: 1, createRunProfile: 0, TestMessage: 0 };
/** Properties of prompts, items, status bar entries, CodeLens commands, progress and dialogs that are shown. */
const SHOWN_PROPERTIES = new Set(['title', 'placeHolder', 'prompt', 'label', 'tooltip', 'description', 'detail', 'message', 'text', 'placeholder', 'openLabel', 'saveLabel', 'validationMessage', 'next']);
/** Array methods whose result still shows the array's literals. */
const ARRAY_TO_TEXT = new Set(['join', 'filter', 'concat', 'slice']);
/** Properties whose function returns the shown validation message. */
const VALIDATORS = new Set(['validate', 'validateInput']);
/** String methods that look for text in a text: words looked for in a translated text are not in it (`text.split('. Possible causes')`). */
const TEXT_SEARCHES = new Set(['split', 'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'replace', 'replaceAll']);

/** Letters outside codicons such as `$(key)`: text a translator would see. */
export function readsAsText(s: string): boolean {
  return /[a-z]/i.test(s.replace(/\$\([\w~-]+\)/g, ''));
}

export function isL10nCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && /(?:^|\.)l10n\.t$/.test(node.expression.getText());
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = node.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function propertyName(name: ts.PropertyName | ts.MemberName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** Literal text inside `expr` that is shown as it is, without `l10n.t`. */
export function literalsIn(expr: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return readsAsText(expr.text) ? [expr] : [];
  if (ts.isTemplateExpression(expr)) {
    const fixed = expr.head.text + expr.templateSpans.map((s) => s.literal.text).join('');
    return readsAsText(fixed) ? [expr] : expr.templateSpans.flatMap((s) => literalsIn(s.expression));
  }
  if (isL10nCall(expr)) return [];
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr)) return literalsIn(expr.expression);
  if (ts.isConditionalExpression(expr)) return [...literalsIn(expr.whenTrue), ...literalsIn(expr.whenFalse)];
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...literalsIn(expr.left), ...literalsIn(expr.right)];
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return literalsIn(expr.right);
    return [];
  }
  if (ts.isArrayLiteralExpression(expr)) return expr.elements.flatMap((e) => (ts.isSpreadElement(e) ? [] : literalsIn(e)));
  // ['a', x ? 'b' : undefined].filter(Boolean).join(' · ') shows its elements
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && ARRAY_TO_TEXT.has(expr.expression.name.text)) return literalsIn(expr.expression.expression);
  return [];
}

/** What a validator returns: the expression body of an arrow, or each `return` of a block. */
function returnedBy(fn: ts.Node): ts.Expression[] {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isMethodDeclaration(fn)) return [];
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    n.forEachChild(visit);
  };
  fn.body.forEachChild(visit);
  return out;
}

/**
 * What a module of src/core shows, named by the test of its area: core builds words into arrays,
 * result properties and whole functions rather than into the editor's calls.
 */
export interface ShownInCore {
  /** Properties whose value is shown (`summary:`, `error:`), beyond the editor's. */
  readonly properties?: readonly string[];
  /** Arrays whose elements are shown: `advice.push(…)`, `const notes = […]`. */
  readonly arrays?: readonly string[];
  /** Functions that build words: every literal in them that reads as text is shown, except compared values, `case` labels and keys. */
  readonly wordFunctions?: readonly string[];
}

const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** A literal that names something rather than shows it: a compared value, a `case` label, a key, a type or a locale. */
export function namesSomething(node: ts.Node): boolean {
  const parent = node.parent;
  return (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind))
    || ts.isCaseClause(parent)
    || (ts.isElementAccessExpression(parent) && parent.argumentExpression === node)
    || ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
    || ts.isLiteralTypeNode(parent)
    // A locale: toLocaleString('en-US')
    || (ts.isCallExpression(parent) && /^toLocale/.test(calleeName(parent) ?? ''))
    || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent);
}

/** Every literal in a word-building function that reads as text outside `l10n.t`'s message. */
function wordsIn(body: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (isL10nCall(n)) {
      const first = n.arguments[0];
      if (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isObjectLiteralExpression(first))) out.push(n);
      n.arguments.slice(1).forEach(visit);
      return;
    }
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      if (readsAsText(n.text) && !namesSomething(n)) out.push(n);
      return;
    }
    if (ts.isTemplateExpression(n) && readsAsText(n.head.text + n.templateSpans.map((s) => s.literal.text).join(''))) {
      out.push(n);
      return;
    }
    n.forEachChild(visit);
  };
  visit(body);
  return out;
}

/** The name a function goes by: its declaration's, or the variable's that holds it. */
function functionName(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return propertyName(node.name);
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) return node.name.text;
  return undefined;
}

/** The array a call such as `advice.push(…)` adds to. */
function pushedTo(node: ts.CallExpression): string | undefined {
  const e = node.expression;
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'push') return undefined;
  return ts.isIdentifier(e.expression) ? e.expression.text : ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : undefined;
}

/** Every shown literal in one source file that is not wrapped in `l10n.t`; `core` names what a core module shows. */
export function unwrappedStrings(file: string, text: string, core: ShownInCore = {}): UnwrappedString[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: UnwrappedString[] = [];
  const report = (nodes: ts.Node[], where: string): void => {
    for (const n of nodes) found.push({ file, line: source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1, text: n.getText(source), where });
  };
  const visit = (node: ts.Node): void => {
    const fn = functionName(node);
    if (fn && core.wordFunctions?.includes(fn)) {
      // Everything in it is checked here, the rules below included.
      report(wordsIn(node), `${fn}()`);
      return;
    }
    if (ts.isCallExpression(node) && core.arrays?.includes(pushedTo(node) ?? '')) report(node.arguments.flatMap(literalsIn), `${pushedTo(node)}.push()`);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && TEXT_SEARCHES.has(node.expression.name.text)) {
      const sought = node.arguments[0];
      if (sought && (ts.isStringLiteral(sought) || ts.isNoSubstitutionTemplateLiteral(sought)) && readsAsWords(sought.text)) report([sought], `words looked for by ${node.expression.name.text}()`);
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && core.arrays?.includes(node.name.text) && node.initializer) report(literalsIn(node.initializer), `${node.name.text} =`);
    if (ts.isPropertyAssignment(node) && core.properties?.includes(propertyName(node.name) ?? '')) report(literalsIn(node.initializer), `${propertyName(node.name)}:`);
    if (isL10nCall(node)) {
      const first = node.arguments[0];
      if (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isObjectLiteralExpression(first))) report([node], 'l10n.t with a message that is not a literal');
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node);
      const args = node.arguments ?? [];
      if (name && (MESSAGE_CALLS.has(name) || MARKDOWN_CALLS.has(name))) report(args.flatMap(literalsIn), `${name}()`);
      else if (name && name in SHOWN_ARGUMENT && args[SHOWN_ARGUMENT[name]]) report(literalsIn(args[SHOWN_ARGUMENT[name]]), `${name}()`);
    } else if (ts.isPropertyAssignment(node) && !(isL10nCall(node.parent.parent) && node.parent.parent.arguments[0] === node.parent)) {
      // (The message and comment of l10n.t({ message, args, comment }) are a template, not shown text.)
      const name = propertyName(node.name);
      if (name && SHOWN_PROPERTIES.has(name)) report(literalsIn(node.initializer), `${name}:`);
      if (name && VALIDATORS.has(name)) report(returnedBy(node.initializer).flatMap(literalsIn), `${name}: returns`);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const name = node.left.name.text;
      if (SHOWN_PROPERTIES.has(name)) report(literalsIn(node.right), `.${name} =`);
    } else if (ts.isMethodDeclaration(node) && VALIDATORS.has(propertyName(node.name) ?? '') && node.body) {
      report(returnedBy(node).flatMap(literalsIn), `${propertyName(node.name)}() returns`);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

/** Properties that hold text of the file being edited (a fix's edit and the value its title quotes), not words. */
const FILE_TEXT_PROPERTIES = new Set(['newText', 'insertText', 'value']);

/** A word next to a blank: prose, as against identifiers, keys and URLs. */
function readsAsWords(s: string): boolean {
  return /\p{L}{2}\s|\s\p{L}{2}/u.test(s);
}

/**
 * Literal words in a core module (which builds text for people in plain functions, returned or kept
 * in records, where no shown property marks it) that are not the message of an `l10n.t` call: any
 * string or template whose fixed text holds a word next to a blank, outside imports, the file text
 * of fixes and literals that name something (a `case` label, a compared value, a key). A value given to `l10n.t` is reported too: it is a fragment a translator cannot see.
 */
export function unwrappedWords(file: string, text: string): UnwrappedString[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: UnwrappedString[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    if (ts.isPropertyAssignment(node) && FILE_TEXT_PROPERTIES.has(propertyName(node.name) ?? '')) return;
    if (isL10nCall(node)) {
      node.arguments.slice(1).forEach(visit);
      return;
    }
    const fixed = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
      ? node.text
      : ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('\u0000') : undefined;
    if (fixed !== undefined && readsAsWords(fixed) && !namesSomething(node)) {
      found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: node.getText(source), where: 'words outside l10n.t' });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}
