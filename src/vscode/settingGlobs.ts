import * as vscode from 'vscode';
import { compileGlob, isGlobProblem, type CompiledGlob } from '../core/glob/boundedGlob';
import { showWarning } from './output';

/** The globs of one setting: those that passed the checks of core/glob, and those refused, with why. */
export interface SettingGlobs {
  readonly setting: string;
  readonly usable: readonly CompiledGlob[];
  readonly refused: readonly { readonly glob: string; readonly message: string }[];
}

/** Checks every glob of a setting with the limits of core/glob. */
export function checkSettingGlobs(setting: string, globs: readonly string[]): SettingGlobs {
  const usable: CompiledGlob[] = [];
  const refused: { glob: string; message: string }[] = [];
  for (const glob of globs) {
    const g = compileGlob(glob);
    if (isGlobProblem(g)) refused.push({ glob, message: g.message });
    else usable.push(g);
  }
  return { setting, usable, refused };
}

const SAFE_SUFFIX = /^[\w.-]+$/;

/**
 * A glob for VS Code's own matchers (findFiles, file watchers, document selectors) that selects at
 * least what `glob` does: `**∕*` plus the glob's literal file-name ending, e.g. `**∕*.json`. VS Code
 * compiles globs to backtracking regular expressions, so a repository's glob never reaches them;
 * what they select is then matched with core/glob.
 */
export function broadPattern(glob: string): string {
  let cut = -1;
  for (let i = 0; i < glob.length; i++) if ('*?[]{},\\/'.includes(glob[i])) cut = i;
  const suffix = glob.slice(cut + 1);
  return suffix && SAFE_SUFFIX.test(suffix) ? `**/*${suffix}` : '**/*';
}

/** A file's path as globs see it: relative to its workspace folder, else absolute, with `/` separators. */
export function globPath(uri: vscode.Uri): string[] {
  const abs = uri.fsPath.split('\\').join('/');
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return [abs];
  const rel = vscode.workspace.asRelativePath(uri, false).split('\\').join('/');
  return rel === abs ? [abs] : [rel, abs];
}

/** Whether a file matches any usable glob of a setting. */
export function uriMatches(globs: SettingGlobs, uri: vscode.Uri): boolean {
  if (!globs.usable.length) return false;
  const paths = globPath(uri);
  return globs.usable.some((g) => paths.some((p) => g.matches(p)));
}

const told = new Set<string>();

/**
 * Says once per setting and glob that a glob was refused: a warning in the log and a notification
 * with a button that opens the settings. Returns whether anything new was said.
 */
export function reportRefusedGlobs(globs: SettingGlobs, log: vscode.LogOutputChannel): boolean {
  const fresh = globs.refused.filter((r) => !told.has(`${globs.setting}\0${r.glob}`));
  if (!fresh.length) return false;
  for (const r of fresh) {
    told.add(`${globs.setting}\0${r.glob}`);
    log.warn(`${globs.setting}: a glob of ${r.glob.length.toLocaleString('en-US')} characters is not used: ${r.message}`);
  }
  const first = fresh[0];
  const shown = first.glob.length > 60 ? `${first.glob.slice(0, 57)}...` : first.glob;
  const text = fresh.length > 1
    ? vscode.l10n.t('{0}: the glob "{1}" is not used. {2} ({3} more in the log)', globs.setting, shown, first.message, fresh.length - 1)
    : vscode.l10n.t('{0}: the glob "{1}" is not used. {2}', globs.setting, shown, first.message);
  const openSettings = vscode.l10n.t('Open Settings');
  void showWarning(text, openSettings).then((choice) => {
    if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', globs.setting);
  });
  return true;
}
