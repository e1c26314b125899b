/**
 * Finds `l10n.t` calls that pass an object where the message expects positional values. `l10n.t`
 * has two forms: `t(message, ...args: (string | number | boolean)[])` fills `{0}`, `{1}`; and
 * `t(message, args: Record<string, any>)` fills `{name}`. A single object argument (a Uri, say)
 * picks the second form, so `{0}` stays in the text as written: a link to "{0}" instead of its
 * command. Types are needed to tell, so this walks a type-checked program.
 */
import * as ts from 'typescript';

export interface ObjectArgument {
  file: string;
  line: number;
  call: string;
  type: string;
}

const PRIMITIVE = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike;

function isPrimitive(type: ts.Type): boolean {
  return type.isUnion() ? type.types.every(isPrimitive) : (type.flags & PRIMITIVE) !== 0;
}

/** `{0}`-style placeholders in a message: these take positional values. */
function hasPositionalPlaceholder(message: string): boolean {
  return /\{\d+\}/.test(message);
}

/** Calls in `files` of the program whose message has `{0}` but whose one argument is not a string, number or boolean. */
export function objectArgumentsToL10n(program: ts.Program, files: (fileName: string) => boolean): ObjectArgument[] {
  const checker = program.getTypeChecker();
  const out: ObjectArgument[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!files(sf.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && /(?:^|\.)l10n\.t$/.test(node.expression.getText(sf)) && node.arguments.length === 2) {
        const [message, arg] = node.arguments;
        if (ts.isStringLiteralLike(message) && hasPositionalPlaceholder(message.text)) {
          const type = checker.getTypeAtLocation(arg);
          if (!isPrimitive(type)) {
            const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
            out.push({ file: sf.fileName, line: line + 1, call: node.getText(sf), type: checker.typeToString(type) });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}
