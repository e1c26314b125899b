import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { describeFailure, validatePolicyInput, validatePolicyRemotely } from '../../../src/aws/accessAnalyzer';

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' });

interface Seen {
  path: string;
  body: Record<string, unknown>;
}

/** A loopback stand-in for Access Analyzer's REST API that answers with canned responses. */
async function fakeAccessAnalyzer(respond: (seen: Seen, n: number) => { status: number; headers?: Record<string, string>; body: unknown }): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const s = { path: req.url ?? '', body: JSON.parse(data || '{}') as Record<string, unknown> };
      seen.push(s);
      const r = respond(s, seen.length);
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const FINDING = {
  findingType: 'SECURITY_WARNING',
  issueCode: 'MISSING_GITHUB_REPO_CONDITION_KEY',
  findingDetails: 'Restrict the repository.',
  learnMoreLink: 'https://docs.aws.amazon.com/x',
  locations: [{ path: [{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }], span: { start: { line: 2, column: 4, offset: 10 }, end: { line: 2, column: 9, offset: 15 } } }],
};

describe('IAM Access Analyzer gateway', function () {
  this.timeout(20_000);

  it('sends trust policies as role trust resource policies', () => {
    assert.deepStrictEqual(validatePolicyInput('{}', 'TRUST_POLICY'), { policyDocument: '{}', policyType: 'RESOURCE_POLICY', validatePolicyResourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
    assert.deepStrictEqual(validatePolicyInput('{}', 'SERVICE_CONTROL_POLICY'), { policyDocument: '{}', policyType: 'SERVICE_CONTROL_POLICY' });
  });

  it('returns the findings of every page', async () => {
    const fake = await fakeAccessAnalyzer((_s, n) => ({ status: 200, body: n === 1 ? { findings: [FINDING], nextToken: 'page2' } : { findings: [{ ...FINDING, issueCode: 'REDUNDANT_ACTION' }] } }));
    try {
      const r = await validatePolicyRemotely({ policyDocument: '{"Version":"2012-10-17"}', policyType: 'TRUST_POLICY', region: 'us-east-1', credentials, endpoint: fake.url });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepStrictEqual(r.findings.map((f) => f.issueCode), ['MISSING_GITHUB_REPO_CONDITION_KEY', 'REDUNDANT_ACTION']);
      assert.deepStrictEqual(r.findings[0].locations[0].span.start, { line: 2, column: 4, offset: 10 });
      assert.deepStrictEqual(r.findings[0].locations[0].path, [{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }]);
      assert.strictEqual(fake.seen.length, 2);
      assert.match(fake.seen[0].path, /^\/policy\/validation/);
      assert.deepStrictEqual(fake.seen[0].body, { policyDocument: '{"Version":"2012-10-17"}', policyType: 'RESOURCE_POLICY', validatePolicyResourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
      assert.match(fake.seen[1].path, /nextToken=page2/);
    } finally {
      await fake.close();
    }
  });

  it('reports a missing permission as denied, without throwing', async () => {
    const fake = await fakeAccessAnalyzer(() => ({ status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: { message: 'User is not authorized to perform: access-analyzer:ValidatePolicy' } }));
    try {
      const r = await validatePolicyRemotely({ policyDocument: '{}', policyType: 'IDENTITY_POLICY', region: 'us-east-1', credentials, endpoint: fake.url });
      assert.strictEqual(r.ok, false);
      assert.strictEqual(!r.ok && r.kind, 'denied');
      assert.match(!r.ok ? r.message : '', /not allowed to call access-analyzer:ValidatePolicy .*Choose another profile/);
    } finally {
      await fake.close();
    }
  });

  it('reports an unreachable endpoint as offline', async () => {
    const fake = await fakeAccessAnalyzer(() => ({ status: 200, body: {} }));
    await fake.close();
    const r = await validatePolicyRemotely({ policyDocument: '{}', policyType: 'IDENTITY_POLICY', region: 'us-east-1', credentials, endpoint: fake.url });
    assert.strictEqual(!r.ok && r.kind, 'offline', JSON.stringify(r));
  });

  it('says an endpoint that answers with HTML is not Access Analyzer, and names it', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Not here</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const r = await validatePolicyRemotely({ policyDocument: '{}', policyType: 'IDENTITY_POLICY', region: 'us-east-1', credentials, endpoint: url });
      assert.strictEqual(!r.ok && r.kind, 'notAccessAnalyzer', JSON.stringify(r));
      const message = !r.ok ? r.message : '';
      assert.ok(message.startsWith(`The endpoint ${url}/policy/validation`), message);
      assert.match(message, /did not answer as IAM Access Analyzer/);
      assert.doesNotMatch(message, /SyntaxError|Unexpected token|doctype/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('never echoes credentials in a failure message', () => {
    const f = describeFailure(Object.assign(new Error('The security token included in the request is invalid'), { name: 'UnrecognizedClientException' }));
    assert.strictEqual(f.kind, 'credentials');
    assert.ok(!/not-a-secret|AKIDEXAMPLE/.test(f.message));
  });
});
