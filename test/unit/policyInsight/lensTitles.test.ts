import * as assert from 'assert';
import * as l10n from '@vscode/l10n';
import * as fs from 'fs';
import * as path from 'path';
import { parsePolicy } from '../../../src/core/policy/parse';
import { fitLensTitle, MAX_LENS_TITLE_LENGTH, statementLensTitle, summarizeStatements, summarizeTrust, trustLensTitle } from '../../../src/core/policy/insight';
import { repoRoot } from '../fixtures';
import { catalogFor } from './helpers';

/** Every JSON policy of the sandbox's sample workspace. */
function samplePolicies(): { file: string; text: string }[] {
  const root = path.join(repoRoot(), 'test', 'fixtures', 'sandbox-workspace');
  const out: { file: string; text: string }[] = [];
  for (const dir of ['policies', 'policy-tests', 'policy-editor']) {
    for (const name of fs.readdirSync(path.join(root, dir))) {
      if (!name.endsWith('.json') || name.endsWith('.policytest.json') || name.includes('template')) continue;
      out.push({ file: `${dir}/${name}`, text: fs.readFileSync(path.join(root, dir, name), 'utf8') });
    }
  }
  return out;
}

describe('CodeLens titles fit the lens line at 1400×900: the verdict and a count', () => {
  it(`every statement lens of the sample policies is at most ${MAX_LENS_TITLE_LENGTH} characters, and names its Sid and effect`, () => {
    const samples = samplePolicies();
    assert.ok(samples.some((s) => s.file === 'policy-tests/guardrail-scp.json'), samples.map((s) => s.file).join(', '));
    for (const { file, text } of samples) {
      for (const s of summarizeStatements(text, catalogFor(text))) {
        const title = statementLensTitle(s);
        assert.ok(title.length <= MAX_LENS_TITLE_LENGTH, `${file}: "${title}" is ${title.length} characters`);
        if (s.sid && s.sid.length < 20) assert.ok(title.startsWith(`${s.sid}: `), title);
        assert.match(title, /Allows|Denies/);
      }
      const trust = trustLensTitle(summarizeTrust(parsePolicy(text)));
      assert.ok(trust.length <= MAX_LENS_TITLE_LENGTH, `${file}: "${trust}"`);
    }
  });

  it('the guardrail SCP\'s NotAction statement says "Denies all but N actions · 1 condition"; the levels stay in the summary', () => {
    const text = fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'sandbox-workspace', 'policy-tests', 'guardrail-scp.json'), 'utf8');
    const deny = summarizeStatements(text, catalogFor(text)).find((s) => s.sid === 'DenyOutsideUsEast1')!;
    assert.strictEqual(statementLensTitle(deny), `DenyOutsideUsEast1: Denies all but ${deny.actions.length} actions · 1 condition`);
    assert.match(deny.text, /permissions.*write.*read.*list\) on all resources · 1 condition$/);
  });

  it('a long Sid is cut with an ellipsis, the verdict and count stay whole', () => {
    const sid = 'AllowTheReportingPipelineToReadEveryQuarterlyReportFromTheArchive';
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] });
    const title = statementLensTitle(summarizeStatements(text, catalogFor(text))[0]);
    assert.strictEqual(title.length, MAX_LENS_TITLE_LENGTH);
    assert.ok(title.endsWith('\u2026: Allows 2 actions · 1 condition'), title);
    assert.ok(title.startsWith('AllowTheReporting'), title);
  });

  it('a trust policy with many principals counts them instead of naming them past the edge', () => {
    const accounts = ['111122223333', '222233334444', '333344445555', '444455556666', '555566667777'];
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: accounts.map((a) => `arn:aws:iam::${a}:role/deployer-role-with-a-long-name`) }, Action: 'sts:AssumeRole' }] });
    const trust = summarizeTrust(parsePolicy(text));
    assert.ok(trust.text.length > MAX_LENS_TITLE_LENGTH);
    assert.strictEqual(trustLensTitle(trust), 'Can be assumed by 5 principals (5 with no condition)');
  });

  it('a trust policy with one long-named principal keeps it named, cut, and keeps "(no condition)"', () => {
    const role = 'arn:aws:iam::111122223333:role/deployment-pipeline-role-with-a-very-long-name';
    const trust = summarizeTrust(parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: role }, Action: 'sts:AssumeRole' }] })));
    assert.ok(trust.text.length > MAX_LENS_TITLE_LENGTH, trust.text);
    const title = trustLensTitle(trust);
    assert.strictEqual(title.length, MAX_LENS_TITLE_LENGTH, title);
    assert.match(title, /^Can be assumed by \S.*\u2026 \(no condition\)$/);
    assert.strictEqual(title.replace(/\u2026 \(no condition\)$/, ''), trust.text.slice(0, title.indexOf('\u2026')));
  });

  it('fitLensTitle never returns more than the limit', () => {
    assert.strictEqual(fitLensTitle('x'.repeat(80)).length, MAX_LENS_TITLE_LENGTH);
    assert.strictEqual(fitLensTitle('short', 'Sid'), 'Sid: short');
    assert.strictEqual(fitLensTitle('y'.repeat(57), 'LongSid'), 'y'.repeat(57));
  });
});

describe('CodeLens titles in another display language', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('keep the limit on the translated title: the Sid is cut to what the translation leaves, around its own separator', () => {
    l10n.config({ contents: { '{0}: {1}/A CodeLens title: {0} is a statement\'s Sid or name, {1} what the statement does, e.g. "ReadLogs: Allows 2 actions".': '{0} → {1}', 'Allows {0}': 'Erlaubt {0}', '{0} actions': '{0} Aktionen' } });
    const sid = 'AllowTheReportingPipelineToReadEveryQuarterlyReportFromTheArchive';
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] });
    const title = statementLensTitle(summarizeStatements(text, catalogFor(text))[0]);
    assert.strictEqual(title.length, MAX_LENS_TITLE_LENGTH, title);
    assert.strictEqual(title, `${sid.slice(0, MAX_LENS_TITLE_LENGTH - ' → Erlaubt 2 Aktionen'.length - 1)}… → Erlaubt 2 Aktionen`);
    assert.strictEqual(fitLensTitle('short', 'Sid'), 'Sid → short');
  });
});

describe('statement lens titles name one principal, count several', () => {
  it('names a single principal when it fits, and counts two', () => {
    const one = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] });
    assert.match(statementLensTitle(summarizeStatements(one, catalogFor(one))[0]), /^Partner: Allows 1 action to account 111122223333$/);
    const two = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] }, Action: 's3:*', Resource: '*' }] });
    assert.match(statementLensTitle(summarizeStatements(two, catalogFor(two))[0]), /^Denies \d+ actions to everyone except 2 principals$/);
  });
});
