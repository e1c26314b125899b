import * as l10n from '@vscode/l10n';

/**
 * Resources that AWS owns inside a customer's account, which no policy lets a customer change:
 * AWS managed policies (`arn:aws:iam::aws:policy/…`), the roles IAM Identity Center creates under
 * `/aws-reserved/`, and the aliases of AWS managed KMS keys (`alias/aws/…`). Reading them is
 * allowed as usual. Returns why the request is refused, or undefined.
 */
export function awsOwnedRefusal(action: string, resource: string): string | undefined {
  const colon = action.indexOf(':');
  const service = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1).toLowerCase();
  const reads = /^(?:get|list|generate|simulate)/.test(name);
  if (service === 'iam' && !reads) {
    if (/^arn:[^:]+:iam::aws:policy\//.test(resource)) return l10n.t('AWS managed policies cannot be changed: {0} is refused on {1}.', action, resource);
    if (/^arn:[^:]+:iam::\d{12}:role\/aws-reserved\//.test(resource)) return l10n.t('Roles under /aws-reserved/ are managed by AWS and cannot be changed or passed: {0} is refused on {1}.', action, resource);
  }
  if (service === 'kms' && /^(?:create|update|delete)alias$/.test(name) && /^arn:[^:]+:kms:[^:]*:\d{12}:alias\/aws\//.test(resource)) {
    return l10n.t('Aliases beginning with alias/aws/ belong to AWS managed keys and cannot be created, changed or deleted: {0} is refused on {1}.', action, resource);
  }
  return undefined;
}
