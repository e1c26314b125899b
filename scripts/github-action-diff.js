#!/usr/bin/env node
// The GitHub Action's access-diff step (action.yml, `diff: true`): writes the access diff of each
// changed policy file to the job summary, then fails when a changed policy grants public access or
// breaks a `notGranted` rule of .sts-lens.json. Plain Node, run by the action and by its test.
// Inputs (environment): INPUT_FILES (globs, default **/*.json), BASE_REF (the base commit; without
// one there is nothing to compare), STS_LENS_CLI (the built CLI), GITHUB_STEP_SUMMARY (where the
// markdown goes; standard output without it). Exits 0, 1 on public access or a notGranted break, 2 on errors.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { compileGlob, isGlobProblem } = require(path.join(__dirname, '..', 'dist', 'glob.js'));

function git(args) {
  const r = spawnSync('git', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter(Boolean);
}

function summary(text) {
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, text);
  else process.stdout.write(text);
}

function main() {
  const base = process.env.BASE_REF || '';
  if (!base) {
    console.log('No base commit to compare with (not a pull request or a push with a previous commit): no access diff.');
    return 0;
  }
  const globs = (process.env.INPUT_FILES || '**/*.json').split(',').map((g) => g.trim()).filter(Boolean).map((g) => {
    const c = compileGlob(g);
    if (isGlobProblem(c)) throw new Error(`the files input "${g.length > 60 ? `${g.slice(0, 57)}...` : g}" cannot be used: ${c.message}`);
    return c;
  });
  const changed = git(['diff', '--name-only', '--no-renames', base, 'HEAD']).filter((f) => globs.some((g) => g.matches(f)));
  if (!changed.length) {
    summary('### STS Lens access diff\n\nNo changed policy files.\n');
    return 0;
  }
  const cli = process.env.STS_LENS_CLI || path.join(__dirname, '..', 'dist', 'cli.js');
  const run = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
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

try {
  process.exitCode = main();
} catch (e) {
  console.error(`sts-lens action: ${e.message}`);
  process.exitCode = 2;
}
