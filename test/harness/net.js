// Small network helpers shared by the harness.
'use strict';
const net = require('net');
const { spawn } = require('child_process');

/** A port that was free on 127.0.0.1 a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx, the deadline passes, or `alive()` turns false. */
async function waitForHttp(url, { timeoutMs = 30000, alive = () => true, what = url } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${what} exited before answering on ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = e.cause?.code || e.message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer on ${url} within ${timeoutMs} ms (${lastError})`);
}

/**
 * Spawns a long-running server in its own process group, keeps the tail of its output for error
 * messages, and kills the whole group on stop() or when this process exits.
 */
function spawnServer(command, args, options = {}) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-20000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);
  return {
    child,
    get output() {
      return output;
    },
    alive: () => !exited && child.exitCode === null,
    async stop() {
      process.off('exit', onExit);
      if (exited) return;
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

module.exports = { freePort, waitForHttp, spawnServer };
