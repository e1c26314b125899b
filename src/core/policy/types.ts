import type { FixTitle } from '../fixTitle';

/** Policy types the linter understands. TRUST_POLICY is Access Analyzer's RESOURCE_POLICY for AWS::IAM::AssumeRolePolicyDocument. */
export type PolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'TRUST_POLICY' | 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export const POLICY_TYPES: readonly PolicyType[] = ['IDENTITY_POLICY', 'RESOURCE_POLICY', 'TRUST_POLICY', 'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

/** Ordered from most to least severe. */
export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

export const FINDING_TYPES: readonly FindingType[] = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'];

/** line is 1-based; column and offset are 0-based UTF-16 positions into the text as given. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/**
 * One step of a location path, as Access Analyzer writes it: `{ value }` steps into an object
 * property's value, `{ index }` into an array element, and `{ key }` designates the property name
 * itself (used for condition keys).
 */
export type PathElement = { value: string } | { index: number } | { key: string };

export interface Span {
  start: Position;
  end: Position;
}

export interface Location {
  path: PathElement[];
  span: Span;
}

/**
 * Data an editor needs to offer a quick fix. Not part of Access Analyzer's shape: the CLI strips it
 * (see `toAccessAnalyzerFinding`).
 */
export interface FindingFix {
  /** Which location the fix edits (index into `locations`); 0 when absent. */
  location?: number;
  /** Replace that location's span (including quotes for strings) with this JSON text. */
  replacement?: string;
  /** Alternative replacements, best first, e.g. did-you-mean candidates (JSON text, quoted). */
  candidates?: string[];
  /** Delete that location's element (array element or property), e.g. a redundant action. */
  remove?: boolean;
  /** The fix's title as data, e.g. `{ kind: 'replaceWith', value: 's3:GetObject' }` ("Replace with s3:GetObject"). */
  title?: FixTitle;
}

export interface Finding {
  findingType: FindingType;
  issueCode: string;
  findingDetails: string;
  learnMoreLink: string;
  locations: Location[];
  fix?: FindingFix;
}

/** The finding without the editor-only fields, exactly as Access Analyzer returns one. */
export function toAccessAnalyzerFinding(f: Finding): Omit<Finding, 'fix'> {
  return { findingType: f.findingType, issueCode: f.issueCode, findingDetails: f.findingDetails, learnMoreLink: f.learnMoreLink, locations: f.locations };
}

export function severityRank(t: FindingType): number {
  return FINDING_TYPES.indexOf(t);
}
