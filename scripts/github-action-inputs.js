// What the GitHub Action's steps (github-action.js, github-action-diff.js) share: git, the files
// input, the built CLI and the step's exit status. Plain Node.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
// The same bounded glob matcher as the project file's globs: the input comes from the repository.
const { compileGlob, isGlobProblem } = require(path.join(__dirname, '..', 'dist', 'glob.js'));

/** Lines of a git command's output; throws with git's message when it fails. */
function git(args) {
  const r = spawnSync('git', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter(Boolean);
}

/** INPUT_FILES (comma-separated globs, default **\/*.json) as a test of a repository path. */
function filesInput() {
  const input = process.env.INPUT_FILES || '**/*.json';
  const globs = input.split(',').map((g) => g.trim()).filter(Boolean).map((g) => {
    const c = compileGlob(g);
    if (isGlobProblem(c)) throw new Error(`the files input "${g.length > 60 ? `${g.slice(0, 57)}...` : g}" cannot be used: ${c.message}`);
    return c;
  });
  return { input, matches: (f) => globs.some((g) => g.matches(f)) };
}

/** Runs the built CLI (STS_LENS_CLI, or dist/cli.js of this checkout) with the given arguments. */
function runCli(args) {
  const cli = process.env.STS_LENS_CLI || path.join(__dirname, '..', 'dist', 'cli.js');
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** Appends to a file named by an environment variable ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY), if set. */
function appendTo(variable, text) {
  if (!process.env[variable]) return false;
  fs.appendFileSync(process.env[variable], text);
  return true;
}

/** Runs a step and sets its exit status: the step's own, or 2 with its message when it throws. */
function runStep(main) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`sts-lens action: ${e.message}`);
    process.exitCode = 2;
  }
}

module.exports = { git, filesInput, runCli, appendTo, runStep };
