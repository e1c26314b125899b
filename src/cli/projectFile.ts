import { projectFileBroken, type LoadedProjectConfig } from '../node/projectConfigFile';

/**
 * Prints a project file's problems as `sts-lens: FILE:LINE:COL: error: ...`; returns true when the
 * run must exit 2: the file does not parse (so none of it applies) or one of its globs was refused.
 */
export function reportProjectFile(p: LoadedProjectConfig, err: (s: string) => void): boolean {
  if (p.readError) {
    err(`sts-lens: ${p.file}: error: the project file cannot be read (${p.readError}); nothing in it applies.\n`);
    return true;
  }
  let failed = false;
  for (const problem of p.problems) {
    const error = problem.syntax || problem.glob;
    if (error) failed = true;
    err(`sts-lens: ${p.file}:${problem.span.start.line}:${problem.span.start.column + 1}: ${error ? 'error' : 'warning'}: ${problem.message}\n`);
  }
  return failed || projectFileBroken(p);
}
