import { ISSUE_CODES } from './codes';
import type { JsonNode, ParsedPolicy } from './parse';
import type { Finding, FindingFix, FindingType, Location, PathElement } from './types';

/** What a location points at: a node (its whole text, quotes included) or an explicit range. */
export type Target = { path: PathElement[]; node: JsonNode } | { path: PathElement[]; offset: number; length: number };

/** Collects findings for one policy, turning nodes into Access Analyzer locations. */
export class Reporter {
  declare readonly findings: Finding[];

  constructor(private readonly policy: ParsedPolicy) {
    this.findings = [];
  }

  location(t: Target): Location {
    const offset = 'node' in t ? t.node.offset : t.offset;
    const length = 'node' in t ? t.node.length : t.length;
    return { path: t.path, span: this.policy.lines.span(offset, length) };
  }

  /** `findingType` lowers one of our own codes when the evidence is weaker than the code's default. */
  add(issueCode: string, findingDetails: string, targets: Target[], fix?: FindingFix, findingType?: FindingType): Finding {
    const info = ISSUE_CODES[issueCode];
    if (!info) throw new Error(`Unknown issue code ${issueCode}`);
    if (findingType && !info.ours) throw new Error(`${issueCode} is Access Analyzer's; its finding type is fixed`);
    const f: Finding = { findingType: findingType ?? info.findingType, issueCode, findingDetails, learnMoreLink: info.learnMoreLink, locations: targets.map((t) => this.location(t)) };
    if (fix) f.fix = fix;
    this.findings.push(f);
    return f;
  }
}
