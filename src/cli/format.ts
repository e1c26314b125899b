import { ISSUE_CODES, toAccessAnalyzerFinding, type Finding, type FindingType, type PolicyType } from '../core/policy';

/** One linted file, as the JSON format writes it. */
export interface FileResult {
  file: string;
  policyType: PolicyType;
  findings: Finding[];
}

const TOOL_URI = 'https://github.com/sts-lens/sts-lens';

/** `file:line:col: TYPE CODE message`, columns 1-based like a compiler's. */
export function formatText(results: FileResult[]): string {
  const lines: string[] = [];
  const counts: Record<FindingType, number> = { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      counts[f.findingType]++;
      const start = f.locations[0]?.span.start ?? { line: 1, column: 0 };
      lines.push(`${r.file}:${start.line}:${start.column + 1}: ${f.findingType} ${f.issueCode} ${f.findingDetails}`);
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = (Object.keys(counts) as FindingType[]).filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`);
  lines.push(`${results.length} file(s), ${total} finding(s)${parts.length ? `: ${parts.join(', ')}` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** The JSON format: one element per file, findings in Access Analyzer's shape. */
export function formatJson(results: FileResult[]): string {
  return `${JSON.stringify(results.map((r) => ({ file: r.file, policyType: r.policyType, findings: r.findings.map(toAccessAnalyzerFinding) })), null, 2)}\n`;
}

const LEVEL: Record<FindingType, 'error' | 'warning' | 'note'> = { ERROR: 'error', SECURITY_WARNING: 'error', WARNING: 'warning', SUGGESTION: 'note' };

/** SARIF 2.1.0 for code-scanning uploads. */
export function formatSarif(results: FileResult[], version: string): string {
  const used = [...new Set(results.flatMap((r) => r.findings.map((f) => f.issueCode)))].sort();
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
    r.findings.map((f) => ({
      ruleId: f.issueCode,
      ruleIndex: index.get(f.issueCode),
      level: LEVEL[f.findingType],
      message: { text: f.findingDetails },
      locations: f.locations.slice(0, 1).map((l) => ({
        physicalLocation: {
          artifactLocation: { uri: toUri(r.file) },
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
          artifactLocation: { uri: toUri(r.file) },
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
