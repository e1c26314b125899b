import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { explainDecodedMessage } from '../../../src/core/authz/explain';
import { renderExplanationMarkdown, renderExplanationText } from '../../../src/core/authz/render';
import { runCase, scenarioCases } from '../../../src/core/debugging/scenarioRun';
import { mdCode, mdText } from '../../../src/core/markdown';
import { parseProjectConfig } from '../../../src/core/policy/config/projectConfig';
import { lintAwsConfig } from '../../../src/core/profiles/configLint';
import { CONFIG_TEXT, DOCUMENT_TEXT, quoted, safeMessage, visibleText } from '../../../src/core/untrustedText';
import { fixturePath } from '../fixtures';
import { lint, testCatalog } from '../policy/catalog';

// A right-to-left override and a right-to-left isolate make the rest of a line display in another
// order; a megabyte of name made a megabyte message.
const RLO = '\u202e';
const RLI = '\u2067';
const MB = 1024 * 1024;
/** A megabyte-long name without a space, and one with spaces (so only its quotes or brackets mark it). */
const NAMES = [`a${RLO}b${RLI}${'x'.repeat(MB)}`, `a ${RLO}b ${RLI}${'x y '.repeat(MB / 4)}`];
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ACTS_ON_DISPLAY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** A message that a person can read: short, and with no character that reorders or controls the display. */
function assertShownSafely(message: string, max: number, what: string): void {
  assert.doesNotMatch(message, ACTS_ON_DISPLAY, `${what}: ${message.slice(0, 200)}`);
  assert.ok(message.length <= 8 * max + 100, `${what}: ${message.length} characters: ${message.slice(0, 200)}`);
}

describe('messages that quote untrusted text: shortened with their length, display controls escaped', function () {
  this.timeout(60_000);

  it('one value: short text escaped, long text as "…" and its length', () => {
    assert.strictEqual(quoted(`ab${RLO}c`), 'ab\\u202ec');
    // A config file's value may be a secret: nothing of a long one is kept. A policy's keeps its start.
    assert.strictEqual(quoted(`${RLO}${'x'.repeat(CONFIG_TEXT.max)}`), `… (${(CONFIG_TEXT.max + 1).toLocaleString('en-US')} characters)`);
    assert.strictEqual(quoted(`${RLO}${'x'.repeat(DOCUMENT_TEXT.max)}`, DOCUMENT_TEXT), `\\u202e${'x'.repeat(39)}… (${(DOCUMENT_TEXT.max + 1).toLocaleString('en-US')} characters)`);
    assert.strictEqual(visibleText(`a\u001b[2Jb\u2066c`), 'a\\u001b[2Jb\\u2066c');
    assert.strictEqual(safeMessage(`Profile "${'n'.repeat(200)}" and [${'h'.repeat(200)}] and ${'r'.repeat(200)}.`), 'Profile "…" (200 characters) and […] (200 characters) and … (201 characters)');
    assert.strictEqual(safeMessage(`Key "${'n'.repeat(600)}" and [${'h'.repeat(600)}] and ${'r'.repeat(600)}.`, DOCUMENT_TEXT), `Key "${'n'.repeat(40)}…" (600 characters) and [${'h'.repeat(40)}…] (600 characters) and ${'r'.repeat(40)}… (601 characters)`);
    // Long text with spaces and no quotes keeps its start and its end; a run of "[" without "]" is read once.
    const spaced = safeMessage(`x ${'[ '.repeat(100_000)}end`);
    assert.ok(spaced.startsWith('x [ [ ') && spaced.endsWith(' [ [ end') && spaced.includes(' … 199,285 characters not shown … '), spaced);
    assert.ok(spaced.length <= 8 * CONFIG_TEXT.max, String(spaced.length));
    assert.strictEqual(safeMessage('a "short" one [p] stays'), 'a "short" one [p] stays');
  });

  it('config and credentials files: a profile name of a megabyte with RLO and RLI, in every message that quotes it', () => {
    for (const name of NAMES) {
      const config = lintAwsConfig(`[profile ${name}]\nregion = us-east-1\n[profile ${name}]\n[profile p]\nsource_profile = ${name}\nrole_arn = arn:aws:iam::123456789012:role/R\n[profile q]\nsso_session = ${name}\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session ${name}]\nsso_start_url = https://x.awsapps.com/start\n`, 'config');
      assert.ok(config.length >= 3, JSON.stringify(config.map((f) => f.code)));
      for (const f of config) assertShownSafely(f.message, CONFIG_TEXT.max, `config ${f.code}`);
      assert.ok(config.some((f) => f.code === 'duplicate-section' && /^\[…\] \(1,048,5\d\d characters\) is already defined on line 1\./.test(f.message)), JSON.stringify(config.map((f) => f.message.slice(0, 100))));
      const credentials = lintAwsConfig(`[${name}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[${name}]\n${name} = 1\n`, 'credentials');
      assert.ok(credentials.length >= 2, JSON.stringify(credentials.map((f) => f.code)));
      for (const f of credentials) assertShownSafely(f.message, CONFIG_TEXT.max, `credentials ${f.code}`);
    }
    // A short name keeps its text, with the override escaped.
    const short = lintAwsConfig(`[profile ab${RLO}c]\n[profile ab${RLO}c]\n`, 'config');
    assert.ok(short.some((f) => f.message.startsWith('[profile ab\\u202ec] is already defined on line 1.')), JSON.stringify(short.map((f) => f.message)));
  });

  it('policies: a condition key or an action of 400 KB, or of 900 KB, is shortened in the finding', () => {
    for (const name of NAMES) {
      const long = name.slice(0, 400 * 1024);
      const findings = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: `s3:${long}`, Resource: '*', Condition: { StringEquals: { [`aws:${long}`]: 'v' } } }] })).findings;
      assert.ok(findings.length > 0);
      // Access Analyzer's text is kept as the policy has it (the CLI and the Problems panel escape it); only its length is bounded.
      for (const f of findings) assert.ok(f.findingDetails.length <= 8 * DOCUMENT_TEXT.max + 100, `${f.issueCode}: ${f.findingDetails.length}`);
      assert.ok(findings.some((f) => f.issueCode === 'INVALID_ACTION'), JSON.stringify(findings.map((f) => f.issueCode)));
    }
    const key = `aws:${'k'.repeat(900 * 1024)}`;
    const finding = lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { [key]: 'v' } } }] })).findings.find((f) => f.issueCode === 'INVALID_GLOBAL_CONDITION_KEY');
    assert.strictEqual(finding?.findingDetails, `The condition key aws:${'k'.repeat(36)}… (${key.length.toLocaleString('en-US')} characters) does not exist. Use a valid condition key.`);
  });

  it('hovers: Markdown text and code spans of a megabyte are shortened and escaped', () => {
    for (const name of NAMES) {
      assertShownSafely(mdText(name), DOCUMENT_TEXT.max, 'mdText');
      assertShownSafely(mdCode(name), DOCUMENT_TEXT.max, 'mdCode');
    }
  });

  it('decoded messages: an action, resource, principal and context value of a megabyte, in the explanation view and the hover', () => {
    for (const name of NAMES) {
      const decoded = JSON.stringify({
        allowed: false,
        explicitDeny: false,
        matchedStatements: { items: [] },
        context: { principal: { id: 'AIDAEXAMPLE', arn: `arn:aws:iam::123456789012:user/${name}` }, action: `s3:${name}`, resource: `arn:aws:s3:::${name}`, conditions: { items: [{ key: `aws:PrincipalTag/${name}`, values: { items: [{ value: name }] } }] } },
      });
      const r = explainDecodedMessage(decoded);
      assert.ok(r.ok, r.ok ? '' : r.error);
      const view = renderExplanationText(r.explanation);
      const lines = view.text.split('\n');
      for (const line of lines.slice(0, view.rawJsonLine)) assertShownSafely(line, DOCUMENT_TEXT.max, 'explanation view');
      // The raw decoded message keeps every value: escaped inside its strings, it is the same JSON.
      const raw = lines.slice(view.rawJsonLine).join('\n');
      assert.doesNotMatch(raw, ACTS_ON_DISPLAY);
      assert.deepStrictEqual(JSON.parse(raw), JSON.parse(decoded));
      // The summary is also a CodeLens title and a tooltip.
      assertShownSafely(r.explanation.summary, DOCUMENT_TEXT.max, 'summary');
      const hover = renderExplanationMarkdown(r.explanation);
      assert.doesNotMatch(hover, ACTS_ON_DISPLAY);
      assert.ok(hover.length < 48 * DOCUMENT_TEXT.max, `hover: ${hover.length} characters`);
    }
  });

  it('scenario files and the project file: a principal or a key of a megabyte in their problems', () => {
    const h = testCatalog();
    const file = path.join(fixturePath('workspace', 'policy-tests'), 'virtual.policytest.json');
    for (const name of NAMES) {
      const scenario = JSON.stringify({ request: { principal: name, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, identityPolicies: ['../policies/s3-read-only.json'] });
      const outcome = runCase(scenarioCases(scenario)[0], file, (abs) => fs.readFileSync(abs, 'utf8'), h.catalog, (s) => h.ensureServicesSync(s));
      assert.ok(outcome.kind === 'problem', outcome.kind);
      assert.ok(outcome.problems.length > 0);
      for (const p of outcome.problems) assertShownSafely(p, DOCUMENT_TEXT.max, 'scenario');
      assert.ok(outcome.problems.some((p) => /^request\.principal "a.{0,60}…" \([\d,]+ characters\) is not an ARN/.test(p)), outcome.problems.join('\n').slice(0, 300));
      const project = parseProjectConfig(JSON.stringify({ [name]: true, severity: { [name]: 'error' } }));
      assert.ok(project.problems.length > 0);
      for (const p of project.problems) assertShownSafely(p.message, DOCUMENT_TEXT.max, 'project file');
    }
  });
});
