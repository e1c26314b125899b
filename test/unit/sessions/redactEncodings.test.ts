import * as assert from 'assert';
import { redactSecrets } from '../../../src/core/sessions/redact';
import { SENTINEL } from './redact.test';

const chars = (s: string) => [...s];
const every = (s: string, f: (c: string) => string) => chars(s).map(f).join('');
const hex2 = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');
const hex4 = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');
const split = (s: string, n: number, sep: string) => s.match(new RegExp(`[\\s\\S]{1,${n}}`, 'g'))!.join(sep);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** Ways a credential reaches a log or a message other than as written. */
const ENCODINGS: [string, (v: string) => string][] = [
  ['as written', (v) => v],
  ['URL-encoded', (v) => encodeURIComponent(v)],
  ['URL-encoded twice', (v) => encodeURIComponent(encodeURIComponent(v))],
  ['every character percent-encoded, upper-case hex', (v) => every(v, (c) => `%${hex2(c).toUpperCase()}`)],
  ['every character percent-encoded, lower-case hex', (v) => every(v, (c) => `%${hex2(c)}`)],
  ['every character percent-encoded twice', (v) => every(v, (c) => `%25${hex2(c).toUpperCase()}`)],
  ['JSON string with escaped slashes', (v) => JSON.stringify(v).replace(/\//g, '\\/')],
  ['every character as \\u0041', (v) => every(v, (c) => `\\u${hex4(c)}`)],
  ['every character as \\u0041 escaped twice', (v) => every(v, (c) => `\\\\u${hex4(c)}`)],
  ['every character as upper-case \\u004A', (v) => every(v, (c) => `\\u${hex4(c).toUpperCase()}`)],
  ['every character as \\x41', (v) => every(v, (c) => `\\x${hex2(c)}`)],
  ['only + and / as \\u002B and \\u002F', (v) => v.replace(/\+/g, '\\u002B').replace(/\//g, '\\u002F')],
  ['HTML decimal character references', (v) => every(v, (c) => `&#${c.charCodeAt(0)};`)],
  ['HTML hex character references', (v) => every(v, (c) => `&#x${hex2(c)};`)],
  ['HTML upper-case hex references with leading zeros', (v) => every(v, (c) => `&#X${hex4(c).toUpperCase()};`)],
  ['HTML named references for + / and =', (v) => v.replace(/\+/g, '&plus;').replace(/\//g, '&sol;').replace(/=/g, '&equals;')],
  ['HTML-escaped then URL-encoded', (v) => encodeURIComponent(v).replace(/%/g, '&#37;')],
  ['hex, lower case', (v) => Buffer.from(v).toString('hex')],
  ['hex, upper case', (v) => Buffer.from(v).toString('hex').toUpperCase()],
  ['base64', (v) => b64(v)],
  ['base64url', (v) => b64url(v)],
  ['in the base64url alphabet', (v) => v.replace(/\+/g, '-').replace(/\//g, '_').replace(/(?<!=)=+$/, '')],
  ['split by ANSI colour codes every 5 characters', (v) => split(v, 5, '\u001b[31m')],
  ['every character coloured by ANSI codes', (v) => every(v, (c) => `\u001b[1;3${c.charCodeAt(0) % 8}m${c}\u001b[0m`)],
  ['split by textual \\u001b[0m escapes', (v) => split(v, 6, '\\u001b[0m')],
  ['split by textual \\x1b[32m escapes', (v) => split(v, 6, '\\x1b[32m')],
  ['inside an OSC 8 hyperlink', (v) => `\u001b]8;;https://example.com\u0007${v}\u001b]8;;\u0007`],
  ['split by zero-width spaces', (v) => split(v, 4, '\u200b')],
  ['split by zero-width joiners', (v) => split(v, 3, '\u200d')],
  ['split by zero-width non-joiners', (v) => split(v, 7, '\u200c')],
  ['split by word joiners', (v) => split(v, 5, '\u2060')],
  ['split by byte-order marks', (v) => split(v, 5, '\ufeff')],
  ['split by soft hyphens', (v) => split(v, 5, '\u00ad')],
  ['split by escaped zero-width spaces (\\u200b)', (v) => split(v, 5, '\\u200b')],
  ['split by zero-width space references (&#8203;)', (v) => split(v, 5, '&#8203;')],
  ['split by percent-encoded zero-width spaces (%E2%80%8B)', (v) => split(encodeURIComponent(v), 5, '%E2%80%8B')],
  ['split by ANSI codes and zero-width characters in turn', (v) => v.match(/[\s\S]{1,6}/g)!.map((p, k) => p + (k % 2 ? '\u200b' : '\u001b[0m')).join('')],
  ['an 8-bit CSI colour code every 6 characters', (v) => split(v, 6, '\u009b33m')],
];

/** Presigned-URL parameters and sign-in URLs: the values are bearer credentials. */
const SIGNATURE = 'b0c8a3a5f2e9d1c7a6b4e3f2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2';

/** Formatting that may stay around [redacted]: ANSI sequences (real or escaped) and zero-width characters. */
// eslint-disable-next-line no-control-regex -- terminal colour and hyperlink sequences are what these tests wrap secrets in.
const FORMATTING = /\u001b\[[0-9;]*m|\u001b\]8;;[^\u0007]*\u0007|\u009b[0-9;]*m|\\u001b\[[0-9;]*m|\\x1b\[[0-9;]*m|[\u200b-\u200d\u2060\ufeff\u00ad]|\\u200b|&#8203;|%E2%80%8B/g;

/** A 20-character slice of `encoded` (or the value itself) left in `out`, formatting aside; undefined when none is. */
function leaks(rawOut: string, rawEncoded: string, value: string): string | undefined {
  const out = rawOut.replace(FORMATTING, '');
  const encoded = rawEncoded.replace(FORMATTING, '');
  if (out.includes(value)) return value;
  const width = Math.min(20, encoded.length);
  for (let i = 0; i + width <= encoded.length; i += 5) {
    const piece = encoded.slice(i, i + width);
    if (out.includes(piece)) return piece;
  }
  return undefined;
}

describe('secret redaction sees through encodings', () => {
  for (const [name, encode] of ENCODINGS) {
    it(`removes a secret key and a session token ${name}`, () => {
      for (const value of [SENTINEL.secret, SENTINEL.token, SENTINEL.oldToken]) {
        const encoded = encode(value);
        const out = redactSecrets(`upstream answered: ${encoded} (request 42)`);
        const leaked = leaks(out, encoded, value);
        assert.strictEqual(leaked, undefined, `${name}: ${JSON.stringify(leaked)} left in ${JSON.stringify(out.slice(0, 300))}`);
        assert.match(out, /^upstream answered: /);
        assert.match(out, /\(request 42\)$/);
      }
    });
  }

  it('removes every credential of a presigned URL: X-Amz-Security-Token, X-Amz-Credential and X-Amz-Signature', () => {
    const url = `https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${SENTINEL.keyId}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=900&X-Amz-Security-Token=${encodeURIComponent(SENTINEL.token)}&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIGNATURE}`;
    for (const form of [url, encodeURIComponent(url), url.replace(/&/g, '&amp;'), JSON.stringify(url)]) {
      const out = redactSecrets(`GET ${form} failed`);
      for (const piece of [SENTINEL.keyId, SIGNATURE.slice(0, 20), SIGNATURE.slice(40), encodeURIComponent(SENTINEL.token).slice(0, 20), 'IQoJb3JpZ2lu']) {
        assert.ok(!out.includes(piece) && !out.includes(encodeURIComponent(piece)), `${piece} left in ${out}`);
      }
      assert.match(out, /X-Amz-Expires(=|%3D)900/);
    }
  });

  it('removes a console sign-in token', () => {
    const token = `${'Zk3pQ9wLx2Rt7Vn4Bs8'.repeat(6)}`;
    const out = redactSecrets(`https://signin.aws.amazon.com/federation?Action=login&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=${token}`);
    assert.ok(!out.includes(token.slice(0, 20)), out);
    assert.match(out, /Action=login/);
  });

  it('still keeps ordinary encoded text readable', () => {
    for (const text of [
      'GET /search?q=hello%20world&lang=en-GB 200',
      '&lt;Error&gt;&lt;Code&gt;AccessDenied&lt;/Code&gt;&lt;/Error&gt;',
      '\u001b[32m✔\u001b[0m 12 passing (3s) in \u001b[1mtest/unit/sessions\u001b[0m',
      'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ok',
      'arn:aws:iam::123456789012:role/deploy-role-for-the-production-environment-2024',
      'path\\u002Fto\\u002Ffile.json and caf\\u00e9',
    ]) {
      assert.strictEqual(redactSecrets(text), text);
    }
  });

  it('decodes in linear time: long runs of every escape finish and stay readable (figures in npm run bench)', () => {
    for (const unit of ['%41', '%25', '\\u00', '&#6', '&#x4', '\u001b[', '\u200b', 'ab', '0f', '%E2%80', '\\\\u0041']) {
      const text = unit.repeat(Math.ceil(200_000 / unit.length));
      redactSecrets(text);
    }
  });
});
