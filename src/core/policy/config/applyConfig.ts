import { OPT_IN_CODES } from '../codes';
import { parsePolicy } from '../parse';
import type { Finding, FindingType, PolicyType } from '../types';
import { globMatches, type NotGrantedEntry, type ProjectConfig, type SeverityOverride } from './projectConfig';

/** How one file is linted under a project file. */
export interface FileLintSettings {
  /** Matched by `ignore`: not linted at all. */
  readonly ignored: boolean;
  /** From `policyTypes`, when a glob matches. */
  readonly policyType?: PolicyType;
  readonly accountIds: readonly string[];
  /** Opt-in checks switched on by a severity other than "off". */
  readonly optIn: readonly string[];
  /** The `notGranted` entries whose glob matches the file. */
  readonly notGranted: readonly NotGrantedEntry[];
}

/** `relativePath` is relative to the project file's folder, with / separators. */
export function lintSettingsFor(config: ProjectConfig, relativePath: string, severity: Readonly<Record<string, SeverityOverride>> = config.severity): FileLintSettings {
  return {
    ignored: config.ignore.some((g) => globMatches(g, relativePath)),
    policyType: config.policyTypes.find((p) => globMatches(p.glob, relativePath))?.type,
    accountIds: config.accountIds,
    optIn: OPT_IN_CODES.filter((c) => severity[c] !== undefined && severity[c] !== 'off'),
    notGranted: (config.notGranted ?? []).filter((n) => globMatches(n.glob, relativePath)),
  };
}

/** A finding that the project accepted, with the reason it gives. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: string;
}

/**
 * Splits findings into those that stand and those a suppression accepts (file glob, issue code
 * and, when given, the Sid of the statement the finding is in). Severity is left to the caller.
 */
export function applySuppressions(config: ProjectConfig, relativePath: string, text: string, findings: readonly Finding[]): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const rules = config.suppressions.filter((s) => globMatches(s.file, relativePath));
  if (!rules.length) return { findings: [...findings], suppressed: [] };
  let sids: { start: number; end: number; sid: string | undefined }[] | undefined;
  const sidAt = (offset: number): string | undefined => {
    sids ??= parsePolicy(text).statements.map((st) => ({ start: st.node.offset, end: st.node.offset + st.node.length, sid: typeof st.sid?.valueNode.value === 'string' ? st.sid.valueNode.value : undefined }));
    return sids.find((s) => offset >= s.start && offset < s.end)?.sid;
  };
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const rule = rules.find((s) => s.issueCode === f.issueCode && (s.sid === undefined || s.sid === sidAt(f.locations[0]?.span.start.offset ?? -1)));
    if (rule) suppressed.push({ finding: f, reason: rule.reason });
    else kept.push(f);
  }
  return { findings: kept, suppressed };
}

const DEFAULT_SEVERITY: Record<FindingType, Exclude<SeverityOverride, 'off'>> = { ERROR: 'error', SECURITY_WARNING: 'warning', WARNING: 'warning', SUGGESTION: 'information' };

/** The severity a finding is shown with: the override for its code, else its finding type's default. */
export function severityOf(f: Finding, overrides: Readonly<Record<string, SeverityOverride>>): SeverityOverride {
  return overrides[f.issueCode] ?? DEFAULT_SEVERITY[f.findingType];
}
