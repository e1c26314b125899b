import { MAX_LISTED_PER_KIND, notListedText } from '../notListed';
import { clipLongRuns, DOCUMENT_TEXT } from '../untrustedText';
import { ISSUE_CODES } from './codes';
import type { JsonNode, ParsedPolicy } from './parse';
import type { Finding, FindingFix, FindingType, Location, PathElement } from './types';

/** What a location points at: a node (its whole text, quotes included) or an explicit range. */
export type Target = { path: PathElement[]; node: JsonNode } | { path: PathElement[]; offset: number; length: number };

/** Collects findings for one policy, turning nodes into Access Analyzer locations. */
export class Reporter {
  declare readonly findings: Finding[];

  /** Per kind given to addListed: the last finding listed, and how many more were only counted; made at the first (most policies have none). */
  declare private listed: Map<string, { count: number; last?: Finding; more: number }> | undefined;

  constructor(private readonly policy: ParsedPolicy) {
    this.findings = [];
    this.listed = undefined;
  }

  /**
   * Adds a finding of a kind a hostile document can repeat thousands of times (an unknown condition
   * key per key): the first ones of the kind are listed, the rest only counted, without calling
   * `build` (which may search for a suggestion). closeListed puts the count on the last one listed.
   */
  addListed(kind: string, build: () => Finding | undefined): void {
    this.listed ??= new Map();
    let l = this.listed.get(kind);
    if (!l) this.listed.set(kind, (l = { count: 0, more: 0 }));
    if (l.count > MAX_LISTED_PER_KIND) {
      l.more++;
      return;
    }
    l.count++;
    l.last = build() ?? l.last;
  }

  /** Says on the last finding listed of each kind given to addListed how many more are not listed. */
  closeListed(): void {
    if (!this.listed) return;
    for (const l of this.listed.values()) if (l.more > 0 && l.last) l.last.findingDetails += ` ${notListedText('finding', l.more)}`;
    this.listed = undefined;
  }

  location(t: Target): Location {
    const offset = 'node' in t ? t.node.offset : t.offset;
    const length = 'node' in t ? t.node.length : t.length;
    return { path: t.path, span: this.policy.lines.span(offset, length) };
  }

  /**
   * Policy text too long to repeat is shortened in the finding's details (see clipLongRuns). The
   * characters a display acts on are kept, as Access Analyzer keeps them: where a finding is shown
   * (the CLI's output, the Problems panel, hovers) they are escaped.
   * `findingType` lowers one of our own codes when the evidence is weaker than the code's default. */
  add(issueCode: string, findingDetails: string, targets: Target[], fix?: FindingFix, findingType?: FindingType): Finding {
    const info = ISSUE_CODES[issueCode];
    if (!info) throw new Error(`Unknown issue code ${issueCode}`);
    if (findingType && !info.ours) throw new Error(`${issueCode} is Access Analyzer's; its finding type is fixed`);
    const f: Finding = { findingType: findingType ?? info.findingType, issueCode, findingDetails: clipLongRuns(findingDetails, DOCUMENT_TEXT), learnMoreLink: info.learnMoreLink, locations: targets.map((t) => this.location(t)) };
    if (fix) f.fix = fix;
    this.findings.push(f);
    return f;
  }
}
