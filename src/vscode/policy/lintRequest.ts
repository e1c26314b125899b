// Lints the regions of a request; used by the lint worker and, if it cannot run, in process.
import { lintPolicy, lintServices, type PolicyType } from '../../core/policy';
// Not the access index: the worker needs no access diff words (and no @vscode/l10n to configure).
import { notGrantedFindings, type ProjectNotGranted } from '../../core/evaluation/access/findings';
import { needsAllServices } from '../../core/evaluation/access/model';
import { createIamCatalog, type IamCatalogHandle } from '../../node/iamData';

export interface LintRegionRequest {
  readonly text: string;
  readonly policyType: PolicyType | 'auto';
  /** The project's accounts, for cross-account checks. */
  readonly accountIds?: readonly string[];
  /** Opt-in checks to run. */
  readonly optIn?: readonly string[];
  /** The project file's notGranted rules for this file. */
  readonly notGranted?: readonly ProjectNotGranted[];
}

export interface LintRequest {
  readonly id: number;
  readonly regions: ReadonlyArray<LintRegionRequest>;
}

export type LintResponse =
  | { readonly id: number; readonly ok: true; readonly results: ReadonlyArray<{ policyType: PolicyType; findings: unknown[] }>; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string };

let handle: IamCatalogHandle | undefined;

/** Lints the regions of one request; shared by the worker and the in-process fallback. */
export async function lintRequest(req: LintRequest, catalogHandle?: IamCatalogHandle): Promise<LintResponse> {
  const started = performance.now();
  try {
    const h = catalogHandle ?? (handle ??= createIamCatalog());
    await h.ensureServices(req.regions.flatMap((r) => lintServices(r.text)));
    const results = req.regions.map((r) => lintPolicy(r.text, { policyType: r.policyType, catalog: h.catalog, accountIds: r.accountIds, optIn: r.optIn }));
    for (let i = 0; i < req.regions.length; i++) {
      const r = req.regions[i];
      if (!r.notGranted?.length) continue;
      if (needsAllServices(r.text)) await h.ensureServices(h.catalog.allServicePrefixes());
      results[i].findings.push(...notGrantedFindings(r.text, results[i].policyType, r.notGranted, h.catalog));
    }
    return { id: req.id, ok: true, results, ms: performance.now() - started };
  } catch (e) {
    return { id: req.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
}
