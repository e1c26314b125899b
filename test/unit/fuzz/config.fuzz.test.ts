import * as assert from 'assert';
import fc from 'fast-check';
import { lintAwsConfig, profileNamesOf, type ConfigFileKind } from '../../../src/core/profiles/configLint';
import { completeAt } from '../../../src/core/profiles/configLintComplete';
import { fileProblems } from '../../../src/core/profiles/fileProblems';
import { splitLines } from '../../../src/core/profiles/iniPositions';
import { configFile } from './generators';
import { fuzzParameters, fuzzTimeout } from './settings';

describe('fuzz: AWS config and credentials files', function () {
  this.timeout(fuzzTimeout());

  it('lint never throws and every range lies in the file, start before end', () => {
    fc.assert(
      fc.property(configFile, fc.constantFrom<ConfigFileKind>('config', 'credentials'), fc.nat(), fc.nat(), (text, kind, l, c) => {
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
