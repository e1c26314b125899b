import type * as vscode from 'vscode';
import { settingValue } from '../settings';
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
  // A workspace could point the linter at any file or hide a finding, so untrusted workspaces get the user's values only.
  const files = settingValue<unknown>('stsLens.policy', 'files', [], scope);
  const rawSeverity = settingValue<unknown>('stsLens.policy', 'severity', {}, scope);
  const severity: Record<string, SeverityOverride> = {};
  if (rawSeverity && typeof rawSeverity === 'object') {
    for (const [code, value] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.includes(value.toLowerCase() as SeverityOverride)) severity[code.toUpperCase()] = value.toLowerCase() as SeverityOverride;
    }
  }
  const globs = Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [];
  return {
    enabled: settingValue<unknown>('stsLens.policy', 'enabled', true, scope) !== false,
    files: globs,
    fileGlobs: checkSettingGlobs('stsLens.policy.files', globs),
    severity,
  };
}
