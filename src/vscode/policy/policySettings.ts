import * as vscode from 'vscode';
import { checkSettingGlobs, type SettingGlobs } from '../settingGlobs';

export type SeverityOverride = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The policy editor's settings, read in one place. */
export interface PolicySettings {
  readonly enabled: boolean;
  /** Glob patterns of files that are always linted as policies. */
  readonly files: readonly string[];
  /** The same globs checked by core/glob: those used, and those refused with why. */
  readonly fileGlobs: SettingGlobs;
  /** Per issue code severity overrides. */
  readonly severity: Readonly<Record<string, SeverityOverride>>;
}

const SEVERITIES: readonly SeverityOverride[] = ['error', 'warning', 'information', 'hint', 'off'];

export function readPolicySettings(scope?: vscode.ConfigurationScope): PolicySettings {
  const c = vscode.workspace.getConfiguration('stsLens.policy', scope);
  // A workspace could point the linter at any file it likes, so untrusted workspaces get the user's globs only.
  const files = vscode.workspace.isTrusted ? c.get<unknown>('files', []) : c.inspect<unknown>('files')?.globalValue ?? [];
  const rawSeverity = c.get<unknown>('severity', {});
  const severity: Record<string, SeverityOverride> = {};
  if (rawSeverity && typeof rawSeverity === 'object') {
    for (const [code, value] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.includes(value.toLowerCase() as SeverityOverride)) severity[code.toUpperCase()] = value.toLowerCase() as SeverityOverride;
    }
  }
  const globs = Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [];
  return {
    enabled: c.get<boolean>('enabled', true) !== false,
    files: globs,
    fileGlobs: checkSettingGlobs('stsLens.policy.files', globs),
    severity,
  };
}
