#!/usr/bin/env node
// The GitHub Action's access-diff step (action.yml, `diff: true`): writes the access diff of each
// changed policy file to the job summary, then fails when a changed policy grants public access or
// breaks a `notGranted` rule of .sts-lens.json. Plain Node, run by the action and by its test.
// Inputs (environment): INPUT_FILES (globs, default **/*.json), BASE_REF (the base commit; without
// one there is nothing to compare), STS_LENS_CLI (the built CLI), GITHUB_STEP_SUMMARY (where the
// markdown goes; standard output without it). Exits 0, 1 on public access or a notGranted break, 2 on errors.
'use strict';
const fs = require('fs');
const { appendTo, filesInput, git, runCli: run, runStep } = require('./github-action-inputs');

function summary(text) {
  if (!appendTo('GITHUB_STEP_SUMMARY', text)) process.stdout.write(text);
}

function main() {
  const base = process.env.BASE_REF || '';
  if (!base) {
    console.log('No base commit to compare with (not a pull request or a push with a previous commit): no access diff.');
    return 0;
  }
  const { matches } = filesInput();
  const changed = git(['diff', '--name-only', '--no-renames', base, 'HEAD']).filter(matches);
  if (!changed.length) {
    summary('### STS Lens access diff\n\nNo changed policy files.\n');
    return 0;
  }
  const diff = run(['diff', '--git', `${base}..HEAD`, '--format', 'markdown', '--', ...changed]);
  if (diff.status === 2) {
    process.stderr.write(diff.stderr);
    summary(`### STS Lens access diff\n\nThe access diff could not be computed:\n\n\`\`\`\n${diff.stderr.trim()}\n\`\`\`\n`);
    return 2;
  }
  summary(`## STS Lens: what this change grants\n\n${diff.stdout}\n`);
  const present = changed.filter((f) => fs.existsSync(f));
  if (!present.length) return 0;
  let failed = false;
  const pub = run(['check', '--no-public-access', '--', ...present]);
  // Files that are not policies are no concern of this check; only findings fail the step.
  if (pub.status === 1) {
    failed = true;
    process.stdout.write(pub.stdout);
    summary(`### Public access\n\n\`\`\`\n${pub.stdout.trim()}\n\`\`\`\n`);
  }
  const lint = run(['lint', '--format', 'json', '--fail-on', 'none', '--', ...present]);
  let broken = [];
  try {
    broken = JSON.parse(lint.stdout).flatMap((r) => r.findings.filter((f) => f.issueCode === 'NOT_GRANTED').map((f) => `${r.file}:${f.locations[0]?.span.start.line ?? 1}: ${f.findingDetails}`));
  } catch {
    process.stderr.write(lint.stderr);
  }
  if (broken.length) {
    failed = true;
    console.log(broken.join('\n'));
    summary(`### notGranted rules broken\n\n${broken.map((b) => `- ${b}`).join('\n')}\n`);
  }
  return failed ? 1 : 0;
}

runStep(main);
