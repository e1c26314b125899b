import * as assert from 'assert';
import * as fs from 'fs';
import { AWS_DNS_SUFFIXES, endpointKey, endpointVerdict, isAwsHost, stsEndpointText, type EndpointOrigin } from '../../../src/core/profiles/endpointTrust';

const ALL_ORIGINS: EndpointOrigin[] = ['awsConfig', 'userSettings', 'workspaceSettings', 'folderSettings', 'session'];

describe('endpoint trust', () => {
  it('recognises AWS hosts in every partition, FIPS and dual-stack, and nothing that merely ends alike', () => {
    for (const host of ['sts.amazonaws.com', 'sts.eu-west-1.amazonaws.com', 'sts-fips.us-east-1.amazonaws.com', 'sts.us-east-1.api.aws', 'sts-fips.us-gov-west-1.api.aws',
      'sts.cn-north-1.amazonaws.com.cn', 'sts.us-iso-east-1.c2s.ic.gov', 'sts.us-isob-east-1.sc2s.sgov.gov', 'vpce-0123-abcd.sts.us-east-1.vpce.amazonaws.com', 'STS.AMAZONAWS.COM.']) {
      assert.ok(isAwsHost(host), host);
    }
    for (const host of ['amazonaws.com.evil.example', 'evilamazonaws.com', 'sts.amazonaws.co', 'api.aws.example.com', 'localhost', '127.0.0.1', 'amazonaws-com.example']) {
      assert.ok(!isAwsHost(host), host);
    }
  });

  it('knows every DNS suffix of the SDK partitions table', () => {
    const file = require.resolve('@aws-sdk/core/package.json').replace(/package\.json$/, 'dist-cjs/submodules/client/index.js');
    const text = fs.readFileSync(file, 'utf8');
    const suffixes = new Set([...text.matchAll(/"(?:dualStack)?[dD]nsSuffix":\s*"([^"]+)"/g)].map((m) => m[1]));
    assert.ok(suffixes.size >= 7, `found ${[...suffixes].join(', ')} in ${file}`);
    for (const s of suffixes) assert.ok(AWS_DNS_SUFFIXES.includes(s), `missing ${s}`);
  });

  it('refuses plain http to anything but loopback, whoever set it, and says where it was set', () => {
    for (const origin of ALL_ORIGINS) {
      const v = endpointVerdict('http://sts.example.com', origin);
      assert.strictEqual(v.kind, 'refuse', origin);
      assert.match(v.kind === 'refuse' ? v.message : '', /unencrypted; use https:\/\//);
    }
    const fromWorkspace = endpointVerdict('http://10.0.0.5:8080', 'workspaceSettings');
    assert.match(fromWorkspace.kind === 'refuse' ? fromWorkspace.message : '', /this workspace's settings/);
    for (const url of ['ftp://sts.amazonaws.com', 'sts.amazonaws.com', 'http://[::ffff:8.8.8.8]/']) assert.strictEqual(endpointVerdict(url, 'userSettings').kind, 'refuse', url);
  });

  it('refuses user names and passwords in the URL without repeating the password', () => {
    const v = endpointVerdict('https://me:hunter2secret@sts.amazonaws.com', 'awsConfig');
    assert.strictEqual(v.kind, 'refuse');
    assert.doesNotMatch(v.kind === 'refuse' ? v.message : '', /hunter2secret/);
  });

  it('allows loopback over http and https to AWS from anywhere', () => {
    for (const url of ['http://127.0.0.1:5000', 'http://127.9.8.7', 'http://localhost:4566', 'http://[::1]:8080/']) {
      for (const origin of ['awsConfig', 'userSettings', 'session'] as const) assert.deepStrictEqual(endpointVerdict(url, origin), { kind: 'allow' }, `${url} ${origin}`);
    }
    for (const origin of ALL_ORIGINS) assert.deepStrictEqual(endpointVerdict('https://sts-fips.us-east-2.amazonaws.com', origin), { kind: 'allow' });
  });

  it('asks before using an endpoint outside AWS that workspace or folder settings chose, naming it and where it was set', () => {
    for (const origin of ['workspaceSettings', 'folderSettings'] as const) {
      for (const url of ['https://sts.attacker.example/', 'http://127.0.0.1:9999']) {
        const v = endpointVerdict(url, origin);
        assert.strictEqual(v.kind, 'confirm', `${url} ${origin}`);
        const message = v.kind === 'confirm' ? v.message : '';
        assert.ok(message.includes(endpointKey(url)!), message);
        assert.match(message, origin === 'workspaceSettings' ? /this workspace's settings/ : /a workspace folder's settings/);
      }
    }
    assert.deepStrictEqual(endpointVerdict('https://sts.corp.example', 'awsConfig'), { kind: 'allow' });
    assert.deepStrictEqual(endpointVerdict('https://sts.corp.example', 'userSettings'), { kind: 'allow' });
  });

  it('remembers consent by scheme, host, port and path', () => {
    assert.strictEqual(endpointKey(' https://STS.Example.com:443/x?y=1 '), 'https://sts.example.com/x');
    assert.notStrictEqual(endpointKey('https://sts.example.com:8443'), endpointKey('https://sts.example.com'));
    assert.strictEqual(endpointKey('not a url'), undefined);
  });

  it('names the endpoint calls go to when none is configured', () => {
    assert.strictEqual(stsEndpointText(undefined, 'eu-west-1'), 'https://sts.eu-west-1.amazonaws.com');
    assert.strictEqual(stsEndpointText(undefined, 'cn-north-1'), 'https://sts.cn-north-1.amazonaws.com.cn');
    assert.strictEqual(stsEndpointText(undefined, 'us-east-1', true), 'https://sts.amazonaws.com');
    assert.strictEqual(stsEndpointText('http://127.0.0.1:1', 'us-east-1'), 'http://127.0.0.1:1');
  });
});
