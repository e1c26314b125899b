import * as vscode from 'vscode';
import { assumers, diffAccess, noDiff, needsAllServices, readAccess, type FileDiff } from '../../core/evaluation/access';
import { findPolicyRegions, type PolicyRegion } from '../../core/policy/insight';
import { readCloudFormationYaml } from '../policy/yamlModule';
import type { PolicyDocuments } from '../policy/policyDocuments';
import type { GitBaselines } from './gitBaseline';

/** One policy of a document compared with the same policy at HEAD. */
export interface RegionDiff {
  readonly region: PolicyRegion;
  /** The policy at HEAD (undefined for a new file or a policy HEAD lacks), in the HEAD text. */
  readonly baseRegion?: PolicyRegion;
  readonly baseText?: string;
  readonly fileDiff: FileDiff;
  /** For trust policies: who can assume the role now and who could at HEAD. */
  readonly trust?: { now: string[]; before: string[] };
  /** Set when either version cannot be read as a policy (the linter says why). */
  readonly error?: string;
}

const EMPTY_POLICY = '{"Version":"2012-10-17","Statement":[]}';

/** Terraform files are plain text unless a Terraform extension is installed; their name says what they are. */
function languageOf(doc: vscode.TextDocument): string {
  return doc.languageId === 'plaintext' && /\.(?:tf|hcl)$/i.test(doc.fileName) ? 'terraform' : doc.languageId;
}

/**
 * Compares each policy of a document with the same policy at git HEAD (the n-th policy of the file
 * with the n-th at HEAD), with the evaluation engine's access diff. Results are kept per document
 * version and HEAD commit.
 */
export class AccessSinceHead {
  private readonly cache = new Map<string, { version: number; commit: string; diffs: RegionDiff[] | undefined }>();

  constructor(
    private readonly documents: PolicyDocuments,
    private readonly git: GitBaselines,
  ) {}

  /** Whether the document holds a policy STS Lens checks (in a trusted workspace, on disk). */
  holdsPolicy(doc: vscode.TextDocument): boolean {
    return vscode.workspace.isTrusted && doc.uri.scheme === 'file' && this.documents.regions(doc).length > 0;
  }

  /**
   * Undefined when the document is not in a repository, has no policy, or is the same as at HEAD. The
   * answer is for the text as it was when asked, and kept under that version: an edit made while git
   * reads HEAD or the IAM data loads (typing on) gets its own answer, never this one.
   */
  async compare(doc: vscode.TextDocument): Promise<RegionDiff[] | undefined> {
    if (!vscode.workspace.isTrusted || doc.uri.scheme !== 'file') return undefined;
    const version = doc.version;
    const text = doc.getText();
    const regions = this.documents.regions(doc);
    if (!regions.length) return undefined;
    const baseline = await this.git.headOf(doc.uri);
    if (!baseline) return undefined;
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === version && hit.commit === baseline.commit) return hit.diffs;
    let diffs: RegionDiff[] | undefined;
    if (baseline.text !== text) {
      const baseRegions = baseline.text === undefined ? [] : findPolicyRegions(baseline.text, languageOf(doc), { forcePolicy: this.documents.isForcedPolicy(doc), readYaml: readCloudFormationYaml });
      diffs = [];
      for (let i = 0; i < regions.length; i++) diffs.push(await this.compareRegion(doc, regions[i], baseRegions[i], baseline.text));
    }
    // A newer version's answer stays: this one is only kept if nothing newer was stored meanwhile.
    const now = this.cache.get(key);
    if (now && now.version > version) return diffs;
    if (this.cache.size > 100) this.cache.clear();
    this.cache.set(key, { version, commit: baseline.commit, diffs });
    return diffs;
  }

  private async compareRegion(doc: vscode.TextDocument, region: PolicyRegion, baseRegion: PolicyRegion | undefined, baseText: string | undefined): Promise<RegionDiff> {
    const before = baseRegion?.text ?? EMPTY_POLICY;
    const texts = [region.text, before];
    const catalog = this.documents.catalog;
    await this.documents.ensureServices(texts, texts.some(needsAllServices) ? catalog.allServicePrefixes() : []);
    const policyType = this.documents.policyTypeOf(doc, region).type;
    const next = readAccess(region.text, policyType, catalog, texts);
    const base = readAccess(before, policyType, catalog, texts);
    const fileDiff: FileDiff = { file: vscode.workspace.asRelativePath(doc.uri), base: 'HEAD', policyType, diff: next.error || base.error ? noDiff() : diffAccess(base, next) };
    const error = next.error ?? base.error;
    return { region, ...(error ? { error } : {}), ...(baseRegion ? { baseRegion, baseText } : {}), fileDiff, ...(policyType === 'TRUST_POLICY' ? { trust: { now: assumers(next), before: assumers(base) } } : {}) };
  }

  /** Why the document has nothing at HEAD to compare with (see GitBaselines.whyNoHead). */
  whyNoHead(doc: vscode.TextDocument): ReturnType<GitBaselines['whyNoHead']> {
    return this.git.whyNoHead(doc.uri);
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }
}
