import { notGrantedViolations, publicAccessViolations, type AccessViolation, type NotGrantedRule } from '../core/evaluation/access';
import { detectPolicyType, LineIndex, type PolicyType } from '../core/policy';
import { readPolicyFile } from './inputs';
import { createIamCatalog, type IamCatalogHandle } from '../node/iamData';
import { ensureDataFor, policyAccess } from './diff';
import { formatOption, parseOptions, policyTypeOption, stdinNamedTwice } from './options';

export const CHECK_USAGE = `Usage: sts-lens check [options] FILE...

Checks offline that policies do not grant what they must not, as IAM Access Analyzer's
CheckAccessNotGranted and CheckNoPublicAccess do.

Options:
  --not-granted ACTIONS            comma-separated actions (wildcards allowed) no policy may allow
  --not-granted-resources ARNS     comma-separated resources; with --not-granted, those actions on
                                   these resources; alone, any action on them
  --no-public-access               fail when a resource or trust policy grants access to anyone
                                   outside an account, organization, VPC or source
  --policy-type TYPE               IDENTITY_POLICY, RESOURCE_POLICY, TRUST_POLICY, ... or auto
  --format FORMAT                  text or json (default: text)
  -h, --help                       show this help

FILE may be - for standard input, once.
Exit status: 0 nothing forbidden is granted, 1 something is, 2 usage error or a file that is
not a policy.
`;

interface CheckArgs {
  rule?: NotGrantedRule;
  noPublic: boolean;
  policyType: PolicyType | 'auto';
  format: 'text' | 'json';
  files: string[];
}

function list(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

const ACTION = /^[A-Z0-9*?-]+:[A-Z0-9*?]+$/i;

function parseCheckArgs(argv: string[]): CheckArgs | 'help' | string {
  let actions: string[] | undefined;
  let resources: string[] | undefined;
  const args = parseOptions<CheckArgs>(argv, { noPublic: false, policyType: 'auto', format: 'text', files: [] }, {
    values: {
      '--not-granted': (v) => {
        actions = [...(actions ?? []), ...list(v)];
        if (!actions.length) return '--not-granted needs actions, e.g. iam:PassRole,s3:DeleteBucket.';
        const bad = actions.find((x) => x !== '*' && !ACTION.test(x));
        return bad ? `--not-granted: "${bad}" is not an action (service:Action, wildcards allowed).` : undefined;
      },
      '--not-granted-resources': (v) => {
        resources = [...(resources ?? []), ...list(v)];
        return resources.length ? undefined : '--not-granted-resources needs resource ARNs.';
      },
      '--policy-type': policyTypeOption,
      '--format': formatOption('text', 'json'),
    },
    flags: { '--no-public-access': (a) => (a.noPublic = true) },
  });
  if (typeof args === 'string') return args;
  if (actions || resources) args.rule = { ...(actions ? { actions } : {}), ...(resources ? { resources } : {}) };
  if (!args.rule && !args.noPublic) return 'nothing to check: give --not-granted, --not-granted-resources or --no-public-access.';
  if (args.files.length === 0) return 'no FILE given.';
  return stdinNamedTwice(args.files) ?? args;
}

interface CheckedFile {
  file: string;
  policyType: PolicyType;
  violations: (AccessViolation & { check: 'NOT_GRANTED' | 'PUBLIC_ACCESS'; column: number })[];
}

/** Runs `sts-lens check`; returns the exit status. */
export function runCheck(argv: string[], out: (s: string) => void, err: (s: string) => void, catalog?: IamCatalogHandle): number {
  const args = parseCheckArgs(argv);
  if (args === 'help') {
    out(CHECK_USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    err(`sts-lens check: ${args}\n\n${CHECK_USAGE}`);
    return 2;
  }
  let handle: IamCatalogHandle;
  try {
    handle = catalog ?? createIamCatalog();
  } catch (e) {
    err(`sts-lens check: could not load the IAM data: ${(e as Error).message}\n`);
    return 2;
  }
  let bad = false;
  const results: CheckedFile[] = [];
  for (const file of args.files) {
    const read = readPolicyFile(file);
    if ('error' in read) {
      err(`sts-lens check: ${read.error}\n`);
      bad = true;
      continue;
    }
    const text = read.text;
    ensureDataFor(handle, [text]);
    const policyType = args.policyType === 'auto' ? detectPolicyType(text) : args.policyType;
    const access = policyAccess(text, policyType, handle);
    if (access.error) {
      err(`sts-lens check: ${file} is not a policy that can be checked: ${access.error}.\n`);
      bad = true;
      continue;
    }
    const lines = new LineIndex(text);
    const column = (v: AccessViolation) => lines.position(v.statement.start).column + 1;
    const violations: CheckedFile['violations'] = [];
    if (args.rule) for (const v of notGrantedViolations(access, args.rule, handle.catalog)) violations.push({ ...v, check: 'NOT_GRANTED', column: column(v) });
    if (args.noPublic) for (const v of publicAccessViolations(access)) violations.push({ ...v, check: 'PUBLIC_ACCESS', column: column(v) });
    results.push({ file, policyType, violations });
  }
  out(args.format === 'json' ? checkJson(results) : checkText(results));
  if (bad) return 2;
  return results.some((r) => r.violations.length) ? 1 : 0;
}

function checkText(results: readonly CheckedFile[]): string {
  const lines: string[] = [];
  for (const r of results) {
    // One line per statement and check; the actions it grants are listed on it.
    const byStatement = new Map<string, CheckedFile['violations']>();
    for (const v of r.violations) {
      const k = `${v.check}\u0000${v.statement.start}`;
      byStatement.set(k, [...(byStatement.get(k) ?? []), v]);
    }
    for (const vs of byStatement.values()) {
      const v = vs[0];
      const actions = [...new Set(vs.map((x) => x.action))];
      const shown = actions.length > 8 ? `${actions.slice(0, 8).join(', ')} and ${actions.length - 8} more` : actions.join(', ');
      const what = v.check === 'PUBLIC_ACCESS' ? `grants ${shown} to anyone (principal ${v.principal}) without a condition that confines it to an account, organization, VPC or source` : `grants ${shown} on ${[...new Set(vs.map((x) => x.resource))].join(', ')}${v.principal !== undefined ? ` to ${v.principal}` : ''}, which must not be granted`;
      lines.push(`${r.file}:${v.statement.line}:${v.column}: ${v.check} statement ${v.statement.sid ? `"${v.statement.sid}"` : `#${v.statement.index + 1}`} ${what}`);
    }
  }
  const failed = results.filter((r) => r.violations.length).length;
  lines.push(`${results.length} file${results.length === 1 ? '' : 's'} checked, ${failed} grant${failed === 1 ? 's' : ''} access ${failed === 1 ? 'it' : 'they'} must not.`);
  return `${lines.join('\n')}\n`;
}

function checkJson(results: readonly CheckedFile[]): string {
  return `${JSON.stringify(results.map((r) => ({ file: r.file, policyType: r.policyType, result: r.violations.length ? 'FAIL' : 'PASS', violations: r.violations.map((v) => ({ check: v.check, action: v.action, resource: v.resource, ...(v.principal !== undefined ? { principal: v.principal } : {}), statementIndex: v.statement.index, ...(v.statement.sid ? { statementId: v.statement.sid } : {}), line: v.statement.line, column: v.column })) })), null, 2)}\n`;
}
