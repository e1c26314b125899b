import * as assert from 'assert';
import fc from 'fast-check';
import { lintAwsConfig, profileNamesOf, type ConfigFileKind } from '../../../src/core/profiles/configLint';
import { completeAt } from '../../../src/core/profiles/configLintComplete';
import { fileProblems } from '../../../src/core/profiles/fileProblems';
import { splitLines } from '../../../src/core/profiles/iniPositions';
import { PROFILE_KEYS } from '../../../src/core/profiles/configLintKeys';
import { fuzzParameters, fuzzTimeout } from './settings';

const name = fc.oneof(fc.constantFrom('default', 'dev', 'prod', 'a', 'corp'), fc.stringMatching(/^[\w.@-]{1,12}$/), fc.string({ maxLength: 10 }));
const key = fc.oneof(fc.constantFrom(...PROFILE_KEYS, 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 's3', 'sso_session'), fc.stringMatching(/^[a-z_]{1,30}$/), fc.string({ maxLength: 12 }));
const value = fc.oneof(
  fc.constantFrom('us-east-1', 'arn:aws:iam::123456789012:role/Admin', 'arn:aws:iam::123456789012:mfa/me', 'Environment', '3600', 'https://example.awsapps.com/start', 'json', ''),
  name,
  fc.string({ maxLength: 40 }),
);
const line = fc.oneof(
  name.map((n) => `[profile ${n}]`),
  name.map((n) => `[${n}]`),
  name.map((n) => `[sso-session ${n}]`),
  fc.constantFrom('[profile', '[]', '[ profile  x ]  trailing', '# comment', '; comment', '', '  indented = continuation'),
  fc.tuple(key, fc.constantFrom(' = ', '=', ': ', ' '), value).map(([k, s, v]) => `${k}${s}${v}`),
  name.map((n) => `source_profile = ${n}`),
  fc.string({ maxLength: 30 }),
);
const file = fc.tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

describe('fuzz: AWS config and credentials files', function () {
  this.timeout(fuzzTimeout());

  it('lint never throws and every range lies in the file, start before end', () => {
    fc.assert(
      fc.property(file, fc.constantFrom<ConfigFileKind>('config', 'credentials'), fc.nat(), fc.nat(), (text, kind, l, c) => {
        const lines = splitLines(text);
        const other = profileNamesOf(text, kind);
        for (const f of lintAwsConfig(text, kind, { otherFileProfiles: other })) {
          const r = f.range;
          assert.ok(r.startLine >= 0 && r.startLine <= r.endLine && r.endLine < lines.length, `${f.code}: lines ${r.startLine}-${r.endLine} outside ${lines.length} lines`);
          assert.ok(r.startLine < r.endLine || r.startColumn <= r.endColumn, `${f.code}: range ends before it starts`);
          assert.ok(r.startColumn >= 0 && r.startColumn <= lines[r.startLine].length && r.endColumn <= lines[r.endLine].length, `${f.code}: columns ${r.startColumn}-${r.endColumn} outside the line`);
          for (const e of f.fix?.edits ?? []) assert.ok(e.range.endLine < lines.length, `${f.code}: fix edits past the end`);
        }
        for (const p of fileProblems(text, kind)) assert.ok(p.line >= 0 && p.line < lines.length && p.column >= 0);
        const at = lines.length ? l % lines.length : 0;
        completeAt(text, kind, at, lines.length ? c % (lines[at].length + 1) : 0);
      }),
      fuzzParameters(300),
    );
  });
});
