// Whether an ARN may name a Region and an account depends on every resource type of the statement's
// actions that the ARN fits, not on the first one: these pairs of statements differ only in the
// types they accept, and the same ARN must get each its own answer, in whichever order they come.
import * as assert from 'assert';
import { lint } from './catalog';

const FIELD_CODES = ['ARN_REGION_NOT_ALLOWED', 'ARN_ACCOUNT_NOT_ALLOWED', 'MISSING_ARN_REGION', 'RESOURCE_MATCHES_NO_ACTION'];

const codes = (Action: string[], Resource: string) =>
  lint(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] }), 'IDENTITY_POLICY')
    .findings.map((f) => f.issueCode)
    .filter((c) => FIELD_CODES.includes(c))
    .sort();

// s3:GetObject acts on objects (arn:aws:s3:::bucket/key: no Region, no account) and access point
// objects; s3:GetAccessPointPolicy on access points (arn:aws:s3:region:account:accesspoint/name).
// "accesspoint/x" is the resource part of both an object's ARN and an access point's.
const ACCESS_POINT = 'arn:aws:s3:us-east-1:111122223333:accesspoint/x';
const NO_REGION = 'arn:aws:s3:::accesspoint/x';

describe('ARN fields against the resource types an ARN fits', () => {
  it('an ARN with a Region and an account is fine when one type it fits has them, whichever action comes first', () => {
    for (let round = 0; round < 2; round++) {
      assert.deepStrictEqual(codes(['s3:GetObject'], ACCESS_POINT), ['ARN_ACCOUNT_NOT_ALLOWED', 'ARN_REGION_NOT_ALLOWED']);
      assert.deepStrictEqual(codes(['s3:GetObject', 's3:GetAccessPointPolicy'], ACCESS_POINT), []);
      assert.deepStrictEqual(codes(['s3:GetAccessPointPolicy', 's3:GetObject'], ACCESS_POINT), []);
      assert.deepStrictEqual(codes(['s3:GetAccessPointPolicy'], ACCESS_POINT), []);
    }
  });

  it('an ARN without a Region misses one only when every type it fits has one', () => {
    for (let round = 0; round < 2; round++) {
      assert.deepStrictEqual(codes(['s3:GetAccessPointPolicy'], NO_REGION), ['MISSING_ARN_REGION']);
      assert.deepStrictEqual(codes(['s3:GetAccessPointPolicy', 's3:GetObject'], NO_REGION), []);
      assert.deepStrictEqual(codes(['s3:GetObject', 's3:GetAccessPointPolicy'], NO_REGION), []);
      assert.deepStrictEqual(codes(['s3:GetObject'], NO_REGION), []);
    }
  });

  it('an ARN that fits no type of the statement matches no action, next to statements whose types it fits', () => {
    for (let round = 0; round < 2; round++) {
      assert.deepStrictEqual(codes(['s3:GetAccessPointPolicy'], 'arn:aws:s3:us-east-1:111122223333:job/x'), ['RESOURCE_MATCHES_NO_ACTION']);
      assert.deepStrictEqual(codes(['s3:GetAccessPointPolicy'], ACCESS_POINT), []);
    }
  });
});
