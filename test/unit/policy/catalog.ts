import { createIamCatalog, type IamCatalogHandle } from '../../../src/node/iamData';
import { lintPolicy, servicesReferenced, type LintResult, type PolicyType } from '../../../src/core/policy';

let handle: IamCatalogHandle | undefined;

/** One catalog for all policy tests: services load once and stay cached. */
export function testCatalog(): IamCatalogHandle {
  handle ??= createIamCatalog();
  return handle;
}

/** Loads the data a policy needs, then lints it. */
export function lint(text: string, policyType: PolicyType | 'auto' = 'auto', accountId?: string): LintResult {
  const h = testCatalog();
  h.ensureServicesSync(servicesReferenced(text));
  return lintPolicy(text, { policyType, catalog: h.catalog, accountId });
}
