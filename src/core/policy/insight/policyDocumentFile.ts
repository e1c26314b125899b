// Whether a JSON file found in a folder is a policy document, for `sts-lens lint FOLDER`: a folder
// also holds package.json, tsconfig.json, CloudFormation templates and Terraform plans, which are
// not policies and would only be reported as broken ones.
import { parseTree } from 'jsonc-parser';
import { flattenDeepNesting } from '../limits';

/**
 * A policy's usual start, `{"Version": "...", "Statement"` or `{"Statement"`, which settles the
 * question without parsing the text (anchored, and linear: each run of spaces ends at a fixed character).
 */
const POLICY_START = /^\s*\{\s*(?:"Version"\s*:\s*"[^"\\]*"\s*,\s*)?"Statement"\s*:/;

/**
 * True when the text's top level is a JSON object with a `Statement`: a policy document, however
 * broken inside. A text that is not valid JSON (comments, a trailing comma, a syntax error) is read
 * as far as it can be, so a policy with a syntax error is still taken for one and gets its findings.
 */
export function holdsPolicyDocument(text: string): boolean {
  if (!text.includes('"Statement"')) return false;
  if (POLICY_START.test(text)) return true;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'Statement');
  } catch {
    const root = parseTree(flattenDeepNesting(text), [], { allowTrailingComma: true, disallowComments: false });
    return root?.type === 'object' && !!root.children?.some((p) => p.children?.[0]?.value === 'Statement');
  }
}
