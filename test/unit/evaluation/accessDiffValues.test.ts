import * as assert from 'assert';
import { diff, doc, lines } from './accessHelpers';
import { commonAddressesWithin, valuesWithin } from '../../../src/core/evaluation/access/valueOrder';

const allow = (Condition: object, Action: unknown = 's3:GetObject', Resource: unknown = 'arn:aws:s3:::reports/*') => ({ Effect: 'Allow', Action, Resource, Condition });
const ip = (...values: string[]) => ({ IpAddress: { 'aws:SourceIp': values } });
const notIp = (...values: string[]) => ({ NotIpAddress: { 'aws:SourceIp': values } });
const NONE = { added: [], removed: [], denied: [], noLongerDenied: [] };
const OR = 'IAM User Guide: "If you specify multiple values for a single condition key, AWS evaluates the condition using a logical OR operation."';
const NOR = 'IAM User Guide: "If a single negated matching condition operator includes multiple values for a context key, those values are evaluated using a logical NOR."';
const IP = 'IAM User Guide: "IP address condition operators let you construct Condition elements that restrict access based on comparing a key to an IPv4 or IPv6 address or range of IP addresses"';

function same(a: object, b: object): void {
  assert.deepStrictEqual(diff(a, b), NONE, 'a -> b');
  assert.deepStrictEqual(diff(b, a), NONE, 'b -> a');
}

describe('access diff: condition values compared by what they mean', () => {
  it(`${IP} — 10.0.0.0/8 split into 10.0.0.0/9 and 10.128.0.0/9, in one statement or two, is the same access`, () => {
    same(doc(allow(ip('10.0.0.0/8'))), doc(allow(ip('10.0.0.0/9', '10.128.0.0/9'))));
    same(doc(allow(ip('10.0.0.0/8'))), doc(allow(ip('10.0.0.0/9')), allow(ip('10.128.0.0/9'))));
    // IPv6, written in another case and with a bare address for a /128.
    same(doc(allow(ip('2001:db8::/32', '203.0.113.7'))), doc(allow(ip('2001:DB8:0000::/33', '2001:db8:8000::/33', '203.0.113.7/32'))));
  });

  it(`${IP} — a range made smaller is reported as removed access for the addresses left out, a larger one as added`, () => {
    const narrowed = diff(doc(allow(ip('10.0.0.0/8'))), doc(allow(ip('10.0.0.0/9'))));
    assert.deepStrictEqual(lines(narrowed.added), []);
    assert.deepStrictEqual(lines(narrowed.removed), ['s3:GetObject on arn:aws:s3:::reports/* if {"IpAddress":{"aws:SourceIp":["10.0.0.0/8"]}}']);
    const widened = diff(doc(allow(ip('10.0.0.0/9'))), doc(allow(ip('10.0.0.0/8'))));
    assert.deepStrictEqual([lines(widened.added).length, lines(widened.removed).length], [1, 0]);
    // Half of the old range moved elsewhere: removed and added.
    const moved = diff(doc(allow(ip('10.0.0.0/8'))), doc(allow(ip('10.0.0.0/9', '192.168.0.0/16'))));
    assert.deepStrictEqual([lines(moved.added).length, lines(moved.removed).length], [1, 1]);
  });

  it(`${IP} — NotIpAddress: excluding more addresses narrows, excluding the same ones written otherwise is no change`, () => {
    same(doc(allow(notIp('192.0.2.0/24'))), doc(allow(notIp('192.0.2.0/25', '192.0.2.128/25'))));
    const more = diff(doc(allow(notIp('192.0.2.0/25'))), doc(allow(notIp('192.0.2.0/24'))));
    assert.deepStrictEqual([lines(more.added).length, lines(more.removed).length], [0, 1]);
  });

  it(`${NOR} — NotIpAddress over several statements: NOT in A or NOT in B is NOT in the addresses A and B share`, () => {
    // Each statement alone excludes more than 10.0.0.0/16, but together they allow all but 10.0.0.0/9.
    const spread = doc(allow(notIp('10.0.0.0/8')), allow(notIp('10.0.0.0/9', '192.168.0.0/16')));
    const narrowed = diff(doc(allow(notIp('10.0.0.0/16'))), spread);
    assert.deepStrictEqual(lines(narrowed.removed), ['s3:GetObject on arn:aws:s3:::reports/* if {"NotIpAddress":{"aws:SourceIp":["10.0.0.0/16"]}}']);
    assert.deepStrictEqual(lines(narrowed.added), []);
    assert.deepStrictEqual([lines(diff(spread, doc(allow(notIp('10.0.0.0/16')))).added).length, lines(diff(spread, doc(allow(notIp('10.0.0.0/16')))).removed).length], [1, 0]);
    // The shared addresses written otherwise (a range split in two, IPv6 in another case) are the same access.
    same(doc(allow(notIp('10.0.0.0/9', '2001:db8::/32'))), doc(allow(notIp('10.0.0.0/8', '2001:DB8::/32')), allow(notIp('10.0.0.0/10', '10.64.0.0/10', '2001:db8::/33', '2001:db8:8000::/33', '172.16.0.0/12'))));
    // Three statements: only the addresses all three exclude stay excluded.
    same(doc(allow(notIp('192.0.2.0/25'))), doc(allow(notIp('192.0.2.0/24')), allow(notIp('192.0.2.0/25', '198.51.100.0/24')), allow(notIp('192.0.2.0/24', '198.51.100.0/24'))));
    const wider = diff(doc(allow(notIp('192.0.2.0/26'))), doc(allow(notIp('192.0.2.0/24')), allow(notIp('192.0.2.0/25', '198.51.100.0/24'))));
    assert.deepStrictEqual([lines(wider.added).length, lines(wider.removed).length], [0, 1]);
  });

  it(`${OR} — Numeric and Date values are compared by value and by bound`, () => {
    const num = (op: string, ...v: string[]) => ({ [op]: { 's3:max-keys': v } });
    same(doc(allow(num('NumericEquals', '10', '20'), 's3:ListBucket', 'arn:aws:s3:::reports')), doc(allow(num('NumericEquals', '10.0', '20.00'), 's3:ListBucket', 'arn:aws:s3:::reports')));
    // NumericLessThan [50, 100] holds below 100, as NumericLessThan 100 does.
    same(doc(allow(num('NumericLessThan', '100'), 's3:ListBucket', 'arn:aws:s3:::reports')), doc(allow(num('NumericLessThan', '50', '100'), 's3:ListBucket', 'arn:aws:s3:::reports')));
    const lowered = diff(doc(allow(num('NumericLessThan', '100'), 's3:ListBucket', 'arn:aws:s3:::reports')), doc(allow(num('NumericLessThan', '50'), 's3:ListBucket', 'arn:aws:s3:::reports')));
    assert.deepStrictEqual([lines(lowered.added).length, lines(lowered.removed).length], [0, 1]);
    const time = (op: string, v: string) => ({ [op]: { 'aws:CurrentTime': v } });
    same(doc(allow(time('DateLessThan', '2027-01-01T00:00:00Z'))), doc(allow(time('DateLessThan', '1798761600'))));
    const later = diff(doc(allow(time('DateGreaterThan', '2026-01-01T00:00:00Z'))), doc(allow(time('DateGreaterThan', '2026-06-01T00:00:00Z'))));
    assert.deepStrictEqual([lines(later.added).length, lines(later.removed).length], [0, 1]);
  });

  it('address ranges of hostile size are compared in one sort and one pass', () => {
    const many = Array.from({ length: 20000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`);
    assert.strictEqual(valuesWithin('ip', many, ['10.0.0.0/8']), true);
    assert.strictEqual(valuesWithin('ip', ['10.0.0.0/8'], many), false);
    assert.strictEqual(valuesWithin('ip', ['not an address', '10.1.0.0/16'], many), true, 'a value that is no address matches nothing');
    assert.strictEqual(valuesWithin('max', many.map((_, i) => String(i)), ['19999']), true);
    const sets = Array.from({ length: 2000 }, (_, i) => [...many.slice(i, i + 10), '10.0.0.0/8']);
    assert.strictEqual(commonAddressesWithin(sets, ['10.0.0.0/8']), true);
    assert.strictEqual(commonAddressesWithin(sets, ['10.0.0.0/9']), false);
    assert.strictEqual(commonAddressesWithin([...sets, ['192.0.2.0/24']], []), true, 'no address is common to all');
    assert.strictEqual(commonAddressesWithin([['10.0.0.0/8', '2001:db8::/32'], ['10.0.0.0/9', '172.16.0.0/12', '2001:db8::/32']], ['10.0.0.0/9', '2001:db8::/32']), true, 'IPv4 and IPv6 together');
  });
});
