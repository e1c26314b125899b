#!/usr/bin/env node
// The GitHub Action's lint step (action.yml): lints the policy files a change touches and writes
// SARIF for code scanning. Plain Node, run by the action and by its test.
// Inputs (environment): INPUT_FILES (glob, default **/*.json), INPUT_FAIL_ON, INPUT_ARGS (extra CLI
// arguments), INPUT_SARIF (output file), BASE_REF (what to diff against: a ref or commit; empty
// lints every matching tracked file), STS_LENS_CLI (the built CLI). Writes `sarif`, `files` and
// `findings` to $GITHUB_OUTPUT when set. Exits with the CLI's status (0, 1 on findings at --fail-on, 2 on errors).
'use strict';
const fs = require('fs');
const path = require('path');
const { appendTo, filesInput, git, runCli, runStep } = require('./github-action-inputs');

/** Files changed since the base (added, copied, modified, renamed), or every tracked file without one. */
function candidateFiles(base) {
  if (!base) return git(['ls-files']);
  return git(['diff', '--name-only', '--diff-filter=ACMR', base, 'HEAD']);
}

function output(name, value) {
  appendTo('GITHUB_OUTPUT', `${name}=${value}\n`);
}

function main() {
  const { input: glob, matches: isMatch } = filesInput();
  const sarif = path.resolve(process.env.INPUT_SARIF || 'sts-lens.sarif');
  const files = candidateFiles(process.env.BASE_REF || '').filter((f) => isMatch(f) && fs.existsSync(f));
  output('sarif', sarif);
  output('files', String(files.length));
  if (!files.length) {
    console.log(`No changed files match ${glob}; nothing to lint.`);
    fs.writeFileSync(sarif, JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver: { name: 'STS Lens', rules: [] } }, results: [] }] }, null, 2));
    output('findings', '0');
    return 0;
  }
  const extra = (process.env.INPUT_ARGS || '').split(/\s+/).filter(Boolean);
  const failOn = process.env.INPUT_FAIL_ON || 'ERROR';
  const common = ['lint', '--fail-on', failOn, ...extra];
  const text = runCli([...common, '--format', 'text', '--', ...files]);
  process.stdout.write(text.stdout);
  process.stderr.write(text.stderr);
  const r = runCli([...common, '--format', 'sarif', '--', ...files]);
  if (r.status === 2 && !r.stdout) {
    process.stderr.write(r.stderr);
    return 2;
  }
  fs.writeFileSync(sarif, r.stdout);
  const findings = JSON.parse(r.stdout).runs[0].results.filter((x) => !x.suppressions).length;
  output('findings', String(findings));
  console.log(`Linted ${files.length} file(s); SARIF in ${path.relative(process.cwd(), sarif)}.`);
  return r.status ?? 2;
}

runStep(main);
