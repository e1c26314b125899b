// Shared by the GitHub Action tests: a throwaway git repository of policy files, the action's
// scripts run in it as the runner would, and the action's own files.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { repoRoot } from '../fixtures';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');

export const policy = (...Statement: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement }, null, 2)}\n`;

export function sh(cwd: string, cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Writes `files` (path relative to `dir` -> text) and commits them; returns the new commit. */
export function commitFiles(dir: string, message: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  sh(dir, 'git', ['add', '.']);
  sh(dir, 'git', ['commit', '-qm', message]);
  return sh(dir, 'git', ['rev-parse', 'HEAD']);
}

/** A new repository on branch main whose first commit holds `files`; removed after each test. */
export function useGitRepo(prefix: string, files: Record<string, string>): () => { dir: string; base: string } {
  let repo: { dir: string; base: string } | undefined;
  beforeEach(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    sh(dir, 'git', ['init', '-q', '-b', 'main']);
    sh(dir, 'git', ['config', 'user.email', 'ci@example.com']);
    sh(dir, 'git', ['config', 'user.name', 'CI']);
    repo = { dir, base: commitFiles(dir, 'base', files) };
  });
  afterEach(() => {
    if (repo) fs.rmSync(repo.dir, { recursive: true, force: true });
    repo = undefined;
  });
  return () => {
    if (!repo) throw new Error('no repository: call inside a test');
    return repo;
  };
}

/** Runs one of the action's scripts in `dir` with the packaged CLI, as the action's step does. */
export function runActionScript(script: string, dir: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(repoRoot(), 'scripts', script)], { cwd: dir, encoding: 'utf8', env: { ...process.env, STS_LENS_CLI: CLI, ...env } });
}

export function readActionYml<T>(): T {
  return parse(fs.readFileSync(path.join(repoRoot(), 'action.yml'), 'utf8')) as T;
}

export function readPreCommitHooks(): { id: string; entry: string; language: string; files: string }[] {
  return parse(fs.readFileSync(path.join(repoRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
}
