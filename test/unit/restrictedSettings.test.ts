import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RESTRICTED_SETTINGS } from '../../src/core/restrictedSettings';
import { repoRoot } from './fixtures';

/**
 * Every setting STS Lens contributes, judged: restricted (a workspace could lower or hide a finding,
 * pick files, point at an endpoint, or change which credentials are used) or harmless, with the
 * reason. A new setting fails this test until it is judged here.
 */
const JUDGED: Record<string, 'restricted' | { harmless: string }> = {
  'stsLens.sts.endpoint': 'restricted',
  'stsLens.policy.enabled': 'restricted',
  'stsLens.policy.files': 'restricted',
  'stsLens.policy.severity': 'restricted',
  'stsLens.policyTests.files': 'restricted',
  'stsLens.sessions.defaultDurationSeconds': 'restricted',
  'stsLens.sessions.makeActive': 'restricted',
  'stsLens.terminal.refreshingCredentials': 'restricted',
  'stsLens.sts.timeoutSeconds': { harmless: 'a short timeout only makes calls fail with a visible error; it sends nothing anywhere else' },
  'stsLens.authz.decodeTimeoutSeconds': { harmless: 'a short timeout only makes decoding fail with a visible error' },
  'stsLens.authz.codeLens': { harmless: 'shows or hides the Decode CodeLens; no finding depends on it' },
  'stsLens.authz.inlineSummary': { harmless: 'shows or hides the one-line summary of a decoded message; the decoded message is unchanged' },
  'stsLens.sessions.warningMinutes': { harmless: 'only when the session countdown turns to the warning colour; expiry itself is always shown' },
  'stsLens.sessions.showCliCache': { harmless: 'shows or hides the read-only AWS CLI and SSO caches in the tree' },
  'stsLens.sso.signInFlow': { harmless: 'chooses the browser redirect or the device code; both sign in at the Identity Center your own AWS config names, and you approve in the browser' },
  'stsLens.sso.profileNameTemplate': 'restricted',
};

interface Contributed {
  readonly contributes: { readonly configuration: { readonly properties: Record<string, unknown> } | { readonly properties: Record<string, unknown> }[] };
  readonly capabilities: { readonly untrustedWorkspaces: { readonly restrictedConfigurations?: string[] } };
}

function manifest(): Contributed {
  return JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Contributed;
}

describe('settings in Restricted Mode', () => {
  it('judges every contributed setting: restricted, or harmless with a reason', () => {
    const c = manifest().contributes.configuration;
    const names = (Array.isArray(c) ? c : [c]).flatMap((x) => Object.keys(x.properties));
    assert.ok(names.length >= 10, `found only ${names.length} settings`);
    const unjudged = names.filter((n) => !(n in JUDGED));
    assert.deepStrictEqual(unjudged, [], `judge these settings in test/unit/restrictedSettings.test.ts (restricted, or harmless and why): ${unjudged.join(', ')}`);
    for (const [name, verdict] of Object.entries(JUDGED)) {
      assert.ok(names.includes(name), `${name} is judged but not contributed`);
      if (verdict !== 'restricted') assert.ok(verdict.harmless.length > 20, `${name} needs a reason`);
    }
  });

  it('lists exactly the restricted settings under restrictedConfigurations, and reads the same list in the extension', () => {
    const restricted = Object.entries(JUDGED).filter(([, v]) => v === 'restricted').map(([n]) => n).sort();
    assert.deepStrictEqual([...(manifest().capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(), restricted);
    assert.deepStrictEqual([...RESTRICTED_SETTINGS].sort(), restricted);
  });

  it('restricts every setting that sets a severity, picks files or names an endpoint, by its name and schema', () => {
    const c = manifest().contributes.configuration;
    const props = Object.assign({}, ...(Array.isArray(c) ? c : [c]).map((x) => x.properties)) as Record<string, unknown>;
    for (const [name, schema] of Object.entries(props)) {
      const text = `${name} ${JSON.stringify(schema)}`;
      if (/severity|files|glob|endpoint|\.enabled\b/i.test(text)) assert.strictEqual(JUDGED[name], 'restricted', `${name} looks like it can hide a finding, pick files or point at an endpoint`);
    }
  });
});
