import * as assert from 'assert';
import { lint } from './catalog';

const policy = (values: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': values } } }] });
const ipFindings = (values: string[]) => lint(policy(values), 'IDENTITY_POLICY').findings.filter((f) => f.issueCode === 'TYPE_MISMATCH_IP_RANGE' || f.issueCode === 'IMPROVE_IP_RANGE').map((f) => f.issueCode);

describe('policy checks: IP address values', () => {
  it('takes an IPv6 range whose last 32 bits are written as IPv4 (RFC 4291: "x:x:x:x:x:x:d.d.d.d") as valid, and still flags broken ones', () => {
    assert.deepStrictEqual(ipFindings(['::ffff:203.0.113.0/120', '64:ff9b::192.0.2.33', '2001:db8::/32']), []);
    assert.deepStrictEqual(ipFindings(['::ffff:1.2.3']), ['TYPE_MISMATCH_IP_RANGE']);
    assert.deepStrictEqual(ipFindings(['1:2:3:4:5:6:7:1.2.3.4']), ['TYPE_MISMATCH_IP_RANGE']);
    assert.deepStrictEqual(ipFindings(['::ffff:203.0.113.5/120']), ['IMPROVE_IP_RANGE']);
  });
});
