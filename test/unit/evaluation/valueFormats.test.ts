// How condition values are read, where a second engine disagreed and AWS's documentation decides.
import * as assert from 'assert';
import type { ContextValue } from '../../../src/core/evaluation';
import { SESSION, allow, decision, policy, req } from './helpers';

/** Whether an Allow with this Condition applies to a request with this context. */
function holds(condition: object, context: Record<string, ContextValue> = {}): boolean {
  return decision(req(SESSION, 's3:GetObject', 'arn:aws:s3:::b/k', context), { identity: [policy(allow('s3:GetObject', '*', { Condition: condition }))] }) === 'Allowed';
}

describe('evaluation: condition value formats', () => {
  it('AWS doc: "Boolean conditions let you construct Condition elements that restrict access based on comparing a key to "true" or "false."" — other text is no Boolean and matches nothing', () => {
    assert.ok(!holds({ Bool: { 'aws:SecureTransport': '1' } }, { 'aws:SecureTransport': '1' }));
    assert.ok(!holds({ Bool: { 'aws:SecureTransport': 'yes' } }, { 'aws:SecureTransport': 'yes' }));
    assert.ok(!holds({ Bool: { 'aws:SecureTransport': 1 } }, { 'aws:SecureTransport': 1 }));
    assert.ok(!holds({ BoolIfExists: { 'aws:SecureTransport': '0' } }, { 'aws:SecureTransport': '0' }));
    // true and false in any case, as JSON Booleans or strings, still match.
    assert.ok(holds({ Bool: { 'aws:SecureTransport': 'True' } }, { 'aws:SecureTransport': true }));
    assert.ok(holds({ Bool: { 'aws:SecureTransport': false } }, { 'aws:SecureTransport': 'FALSE' }));
    assert.ok(!holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' }));
  });

  it('AWS doc: "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time" — a run of digits is epoch seconds, and the compact form is no date', () => {
    const at = { 'aws:CurrentTime': '2026-06-01T00:00:00Z' };
    // 20260601 seconds after the epoch is 1970-08-23, long before the request.
    assert.ok(holds({ DateGreaterThan: { 'aws:CurrentTime': '20260601' } }, at));
    assert.ok(!holds({ DateEquals: { 'aws:CurrentTime': '20260601' } }, at));
    assert.ok(holds({ DateEquals: { 'aws:EpochTime': '20260601' } }, { 'aws:EpochTime': '1970-08-23T11:56:41Z' }));
    // 20260601T000000Z is ISO 8601's basic form, which the W3C profile does not include.
    assert.ok(!holds({ DateEquals: { 'aws:CurrentTime': '20260601T000000Z' } }, at));
    assert.ok(!holds({ DateLessThanEquals: { 'aws:CurrentTime': '2026-06-01T0000Z' } }, at));
    // The W3C forms all read.
    assert.ok(holds({ DateEquals: { 'aws:CurrentTime': '2026-06-01' } }, at));
    assert.ok(holds({ DateEquals: { 'aws:CurrentTime': '2026-06-01T00:00Z' } }, at));
    assert.ok(holds({ DateEquals: { 'aws:CurrentTime': '2026-06-01T02:00:00+02:00' } }, at));
    assert.ok(holds({ DateEquals: { 'aws:CurrentTime': '2026-05-31T23:59:59.999-00:00' } }, { 'aws:CurrentTime': '2026-05-31T23:59:59.999Z' }));
    assert.ok(holds({ DateEquals: { 'aws:CurrentTime': '1780272000' } }, at));
  });
});
