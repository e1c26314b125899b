import { ISSUE_CODES, toAccessAnalyzerFinding, type Finding, type FindingType, type PolicyType } from '../core/policy';
import { severityOf, type SuppressedFinding } from '../core/policy/config/applyConfig';
import type { SeverityOverride } from '../core/policy/config/projectConfig';

/** One linted file, as the JSON format writes it. */
export interface FileResult {
  file: string;
  policyType: PolicyType;
  findings: Finding[];
  /** Findings the project file accepts, with its reasons. */
  suppressed?: SuppressedFinding[];
  /** The file on disk, when `file` names a policy inside it (an account dump). */
  artifact?: string;
  /** The project file's severities per issue code. */
  severity?: Readonly<Record<string, SeverityOverride>>;
}

const TOOL_URI = 'https://github.com/sts-lens/sts-lens';

/** Where a run's results go, one file's at a time; `end` writes what follows the last one. */
export interface ResultWriter {
  add(r: FileResult): void;
  end(): void;
}

/**
 * Text and JSON are written as each file's result comes: a run over many files keeps neither the
 * results nor their output until its end, which every young-generation collection on the way would
 * copy. SARIF lists the rules the results use before the results, so it is written at the end.
 */
export function resultWriter(format: 'text' | 'json' | 'sarif', out: (s: string) => void, version: string): ResultWriter {
  if (format === 'text') return textWriter(out);
  if (format === 'json') return jsonWriter(out);
  const results: FileResult[] = [];
  return { add: (r) => results.push(r), end: () => out(formatSarif(results, version)) };
}

/** `file:line:col: TYPE CODE message`, columns 1-based like a compiler's, then a line of totals. */
function textWriter(out: (s: string) => void): ResultWriter {
  const counts: Record<FindingType, number> = { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 };
  let files = 0;
  let suppressed = 0;
  return {
    add(r) {
      files++;
      suppressed += r.suppressed?.length ?? 0;
      let lines = '';
      for (const f of r.findings) {
        counts[f.findingType]++;
        const start = f.locations[0]?.span.start ?? { line: 1, column: 0 };
        lines += `${r.file}:${start.line}:${start.column + 1}: ${f.findingType} ${f.issueCode} ${f.findingDetails}\n`;
      }
      if (lines) out(lines);
    },
    end() {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const parts = (Object.keys(counts) as FindingType[]).filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`);
      out(`${files} file(s), ${total} finding(s)${parts.length ? `: ${parts.join(', ')}` : ''}${suppressed ? `; ${suppressed} suppressed by the project file` : ''}\n`);
    },
  };
}

/**
 * The JSON format: an array with one element per file, findings in Access Analyzer's shape, laid
 * out as JSON.stringify(array, null, 2) would.
 */
function jsonWriter(out: (s: string) => void): ResultWriter {
  let count = 0;
  return {
    add(r) {
      const element = {
        file: r.file,
        policyType: r.policyType,
        findings: r.findings.map(toAccessAnalyzerFinding),
        ...(r.suppressed?.length ? { suppressed: r.suppressed.map((s) => ({ ...toAccessAnalyzerFinding(s.finding), reason: s.reason })) } : {}),
      };
      // Laid out inside an array of its own, which is then cut away: "[\n" before it, "\n]" after.
      // Written apart from the separator: joined to it, the text would be copied once more when the
      // writer checks it for characters a terminal acts on.
      out(count++ ? ',\n' : '[\n');
      out(JSON.stringify([element], null, 2).slice(2, -2));
    },
    end() {
      out(count ? '\n]\n' : '[]\n');
    },
  };
}

const LEVEL: Record<FindingType, 'error' | 'warning' | 'note'> = { ERROR: 'error', SECURITY_WARNING: 'error', WARNING: 'warning', SUGGESTION: 'note' };
const OVERRIDE_LEVEL: Record<SeverityOverride, 'error' | 'warning' | 'note' | 'none'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note', off: 'none' };

/** SARIF level: the project's severity for the code when it sets one, else the finding type's. */
function levelOf(r: FileResult, f: Finding): 'error' | 'warning' | 'note' | 'none' {
  return r.severity?.[f.issueCode] ? OVERRIDE_LEVEL[severityOf(f, r.severity)] : LEVEL[f.findingType];
}

/** SARIF 2.1.0 for code-scanning uploads. */
export function formatSarif(results: FileResult[], version: string): string {
  const used = [...new Set(results.flatMap((r) => [...r.findings, ...(r.suppressed ?? []).map((s) => s.finding)].map((f) => f.issueCode)))].sort();
  const rules = used.map((id) => {
    const info = ISSUE_CODES[id];
    return {
      id,
      name: id.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: info?.title ?? id },
      helpUri: info?.learnMoreLink,
      defaultConfiguration: { level: LEVEL[info?.findingType ?? 'WARNING'] },
      properties: {
        tags: ['iam', 'policy', ...(info?.findingType === 'SECURITY_WARNING' ? ['security'] : [])],
        findingType: info?.findingType,
        ...(info?.findingType === 'SECURITY_WARNING' ? { 'security-severity': '7.0' } : info?.findingType === 'ERROR' ? { 'security-severity': '4.0' } : {}),
      },
    };
  });
  const index = new Map(used.map((id, i) => [id, i]));
  const sarifResults = results.flatMap((r) =>
    [...r.findings.map((f) => ({ f, reason: undefined as string | undefined })), ...(r.suppressed ?? []).map((s) => ({ f: s.finding, reason: s.reason }))].map(({ f, reason }) => ({
      ruleId: f.issueCode,
      ruleIndex: index.get(f.issueCode),
      level: levelOf(r, f),
      // Code scanning shows suppressed results as dismissed, with the project's justification.
      ...(reason ? { suppressions: [{ kind: 'external', status: 'accepted', justification: reason }] } : {}),
      // Positions inside a dump's policy are in that policy's own text: the message names the policy.
      message: { text: r.artifact ? `${r.file.slice(r.file.indexOf('#') + 1)}: ${f.findingDetails}` : f.findingDetails },
      locations: f.locations.slice(0, 1).map((l) => ({
        physicalLocation: {
          artifactLocation: { uri: toUri(r.artifact ?? r.file) },
          region: {
            startLine: l.span.start.line,
            startColumn: l.span.start.column + 1,
            endLine: l.span.end.line,
            endColumn: l.span.end.column + 1,
            charOffset: l.span.start.offset,
            charLength: l.span.end.offset - l.span.start.offset,
          },
        },
        logicalLocations: l.path.length ? [{ fullyQualifiedName: pathName(l.path), kind: 'member' }] : undefined,
      })),
      relatedLocations: f.locations.slice(1).map((l, i) => ({
        id: i + 1,
        physicalLocation: {
          artifactLocation: { uri: toUri(r.artifact ?? r.file) },
          region: { startLine: l.span.start.line, startColumn: l.span.start.column + 1, endLine: l.span.end.line, endColumn: l.span.end.column + 1 },
        },
        message: { text: pathName(l.path) || 'related location' },
      })),
      properties: { policyType: r.policyType, findingType: f.findingType },
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'STS Lens', informationUri: TOOL_URI, version, semanticVersion: version, rules } },
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function pathName(path: Finding['locations'][number]['path']): string {
  return path.map((p) => ('index' in p ? `[${p.index}]` : 'key' in p ? `.${p.key}` : `.${p.value}`)).join('').replace(/^\./, '');
}
