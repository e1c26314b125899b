/**
 * The problems that make the SDK drop part of an AWS file, for the tree's error nodes: the config
 * linter's syntax findings, completed by the plain line check for anything it does not report.
 */
import { lintAwsConfigSyntax, type ConfigFindingCode } from './configLint';
import { checkIniSyntax, type AwsFileKind, type IniSyntaxProblem } from './iniSyntax';

const SYNTAX_CODES: ReadonlySet<ConfigFindingCode> = new Set<ConfigFindingCode>([
  'outside-section', 'malformed-line', 'malformed-section-header', 'continuation-line',
  'missing-profile-prefix', 'unexpected-profile-prefix',
]);

export function fileProblems(text: string, kind: AwsFileKind): IniSyntaxProblem[] {
  const byLine = new Map<number, IniSyntaxProblem>();
  try {
    for (const f of lintAwsConfigSyntax(text, kind)) {
      if (!SYNTAX_CODES.has(f.code) || byLine.has(f.range.startLine)) continue;
      byLine.set(f.range.startLine, { line: f.range.startLine, column: f.range.startColumn, message: f.message.replace(/\.$/, '') });
    }
  } catch {
    // The line check below still finds what breaks the file.
  }
  for (const p of checkIniSyntax(text, kind)) if (!byLine.has(p.line)) byLine.set(p.line, p);
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}
