import * as assert from 'assert';
import { PATH_ACTION_NAMES } from '../../../src/core/evaluation/escalation/pathActions';
import { globMatch } from '../../../src/core/policy/actions';
import { resolveStatements } from '../../../src/core/policy/checks/actions';
import type { LintContext } from '../../../src/core/policy/context';
import { evidenceOf, grantsOf, type GrantEvidence } from '../../../src/core/policy/escalation/grants';
import { lintServices } from '../../../src/core/policy';
import { parsePolicy, stringValues, type ParsedPolicy, type ParsedStatement } from '../../../src/core/policy/parse';
import { testCatalog } from '../policy/catalog';

// evidenceOf (src/core/policy/escalation/grants.ts) gives a finding's evidence from the grants read
// already: for an Allow statement and a path action, the first Action string that covers it, or the
// NotAction element. Here it is held against a plain scan of the statement's own strings.

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const POLICIES: { name: string; text: string }[] = [
  {
    name: 'several strings covering one action, in order, any case',
    text: doc(
      { Effect: 'Allow', Action: ['s3:GetObject', 'IAM:passrole', 'iam:Pass*', 'iam:*', '*'], Resource: '*' },
      { Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:Run*', 'ec2:RunInstances', 'lambda:Create*', 'lambda:*Function'], Resource: 'arn:aws:ec2:*:*:instance/*' },
    ),
  },
  { name: 'wildcards in the service prefix and a single string', text: doc({ Effect: 'Allow', Action: ['i?m:Attach*', '*:PassRole', 'sagemaker:Create*Job'], Resource: '*' }, { Effect: 'Allow', Action: 'ssm:*', Resource: '*' }) },
  { name: 'NotAction, a Deny, and a statement naming a Principal', text: doc({ Effect: 'Allow', NotAction: ['iam:*', 'ec2:Run*'], Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }, { Effect: 'Allow', Action: 'iam:*', Resource: '*', Principal: '*' }) },
  { name: 'a Statement that is one object', text: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['glue:*Session', 'glue:RunStatement', 'iam:PassRole'], Resource: '*' } }) },
  {
    name: 'statements covering no path action around one that does, and an unconditional Deny',
    text: doc(
      { Effect: 'Allow', Action: ['s3:GetObject', 'ec2:DescribeInstances', 'iam:GetRole', 'notaservice:PassRole'], Resource: '*' },
      { Effect: 'Allow', Action: ['s3:PutObject', 'EC2:runinstances'], Resource: '*' },
      { Effect: 'Deny', Action: ['s3:DeleteBucket', 'lambda:CreateFunction'], Resource: '*' },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
    ),
  },
];

/** The policy's grants read from the strings as the linter resolves them (see resolveStatements). */
function grantsFromLinter(parsed: ParsedPolicy, text: string) {
  const h = testCatalog();
  h.ensureServicesSync(lintServices(text));
  return grantsOf(parsed, resolveStatements({ policy: parsed, catalog: h.catalog } as LintContext));
}

/** What a scan of the statement finds: its first Action string that is `*` or covers the action, or its NotAction when none of those strings covers it. */
function scanned(st: ParsedStatement, action: string): Pick<GrantEvidence, 'path' | 'node'> | undefined {
  if (st.effect?.valueNode.value !== 'Allow' || st.principal || st.notPrincipal) return undefined;
  const covers = (v: string) => v === '*' || globMatch(v, action);
  if (st.action) return stringValues(st.action).find((x) => covers(x.value));
  if (st.notAction && !stringValues(st.notAction).some((x) => covers(x.value))) return { path: st.notAction.path, node: st.notAction.valueNode };
  return undefined;
}

describe("escalation findings' evidence read from the grants", () => {
  const reads = [
    ['', false],
    [", read from the linter's resolved strings", true],
  ] as const;
  for (const [read, linter] of reads) for (const p of POLICIES) {
    it(`names the string a scan of the statement finds${read}: ${p.name}`, () => {
      const parsed = parsePolicy(p.text);
      const grants = linter ? grantsFromLinter(parsed, p.text) : grantsOf(parsed);
      let named = 0;
      for (const st of parsed.statements) {
        for (const action of PATH_ACTION_NAMES) {
          const want = scanned(st, action);
          const got = evidenceOf(grants, 3, st.index ?? 0, action);
          const where = `statement ${st.index ?? 0}, ${action}`;
          if (!want) {
            assert.strictEqual(got, undefined, where);
            continue;
          }
          named++;
          assert.ok(got, where);
          assert.strictEqual(got.node, want.node, where);
          assert.deepStrictEqual(got.path, want.path, where);
          assert.deepStrictEqual([got.policy, got.action], [3, action], where);
        }
      }
      assert.ok(named > 0, 'some path action is granted');
    });
  }

  it("marks the same actions granted and denied whether it reads the strings or the linter's resolution of them", () => {
    for (const p of POLICIES) {
      const parsed = parsePolicy(p.text);
      const plain = grantsOf(parsed);
      const resolved = grantsFromLinter(parsed, p.text);
      assert.deepStrictEqual([...resolved.granted], [...plain.granted], p.name);
      assert.deepStrictEqual([...resolved.denied], [...plain.denied], p.name);
      assert.deepStrictEqual(resolved.covered.map((m) => m && [...m]), plain.covered.map((m) => m && [...m]), p.name);
    }
    const last = grantsFromLinter(parsePolicy(POLICIES[4].text), POLICIES[4].text);
    assert.strictEqual(last.denied[PATH_ACTION_NAMES.indexOf('lambda:CreateFunction')], 1);
    assert.strictEqual(last.granted[PATH_ACTION_NAMES.indexOf('ec2:RunInstances')], 1);
  });

  it("reads a policy that grants no path action as its strings do, each statement's marks included", () => {
    const text = doc(
      { Effect: 'Allow', Action: ['s3:GetObject', 'ec2:DescribeInstances'], Resource: '*' },
      { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Principal: '*' },
      { Effect: 'Deny', Action: 'sqs:SendMessage', Resource: '*' },
      { Effect: 'Allow', Resource: '*' },
    );
    const parsed = parsePolicy(text);
    const plain = grantsOf(parsed);
    const resolved = grantsFromLinter(parsed, text);
    assert.deepStrictEqual(resolved.grantedActions, []);
    assert.deepStrictEqual([resolved.allows, resolved.grantedActions, [...resolved.granted], [...resolved.denied]], [plain.allows, plain.grantedActions, [...plain.granted], [...plain.denied]]);
    assert.deepStrictEqual(resolved.covered.map((m) => m && [...m]), plain.covered.map((m) => m && [...m]));
    assert.ok(resolved.covered[0], 'the Allow statement is marked as read');
  });

  it('names nothing for an action no path needs', () => {
    assert.strictEqual(evidenceOf(grantsOf(parsePolicy(POLICIES[0].text)), 0, 0, 's3:GetObject'), undefined);
  });
});
