// moto's server as a real STS + IAM endpoint on loopback, for integration tests and the sandbox.
'use strict';
const { spawnSync } = require('child_process');
const { freePort, waitForHttp, spawnServer } = require('./net');

function python() {
  return process.env.MOTO_PYTHON || 'python3';
}

/** Throws a clear error when the Python on PATH cannot run moto's server. */
function assertMotoAvailable() {
  const probe = spawnSync(python(), ['-c', 'import moto, moto.server, flask, flask_cors; print(moto.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const why = (probe.error?.message || probe.stderr || '').trim().split('\n').pop();
    throw new Error(`moto is missing: ${python()} cannot import moto.server (${why}). `
      + 'Integration tests need moto[server] 5.x (pip install "moto[server]==5.2.1"), or set MOTO_PYTHON to a Python that has it.');
  }
  return probe.stdout.trim();
}

/** Starts moto on a free 127.0.0.1 port; resolves once /moto-api/ answers. */
async function startMoto({ port } = {}) {
  const version = assertMotoAvailable();
  port = port || (await freePort());
  const endpoint = `http://127.0.0.1:${port}`;
  const server = spawnServer(python(), ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  try {
    await waitForHttp(`${endpoint}/moto-api/`, { timeoutMs: 30000, alive: server.alive, what: 'moto' });
  } catch (e) {
    await server.stop();
    throw new Error(`${e.message}\n${server.output}`);
  }
  return {
    endpoint,
    port,
    version,
    get output() {
      return server.output;
    },
    stop: () => server.stop(),
  };
}

async function motoApi(endpoint, path, body) {
  const res = await fetch(`${endpoint}/moto-api/${path}`, { method: 'POST', body });
  if (!res.ok) throw new Error(`moto ${path} answered HTTP ${res.status}`);
}

/** Wipes all moto state. */
const resetMoto = (endpoint) => motoApi(endpoint, 'reset');

/** IAM authentication and authorization enforcement on (from the next request) or off. */
const enforceIam = (endpoint, on) => motoApi(endpoint, 'reset-auth', on ? '0' : 'inf');

module.exports = { startMoto, resetMoto, enforceIam, assertMotoAvailable };
