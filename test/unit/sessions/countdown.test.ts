import * as assert from 'assert';
import { CountdownScheduler } from '../../../src/core/sessions/countdownScheduler';
import { countdown, countdownKey, countdownState, needsRefresh, nextChangeAt, sessionSubject, shortArn } from '../../../src/core/sessions/session';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const T0 = Date.UTC(2026, 10, 22, 3, 0, 0);

describe('countdown and state', () => {
  it('counts hours, minutes, seconds and expired (the editor words them: test/integration/sessionText.test.ts)', () => {
    assert.deepStrictEqual(countdown(T0 + 2 * H + 5 * M + 30 * S, T0), { kind: 'hours', hours: 2, minutes: 5 });
    assert.deepStrictEqual(countdown(T0 + 41 * M + 59 * S, T0), { kind: 'minutes', minutes: 41 });
    assert.deepStrictEqual(countdown(T0 + 60 * S, T0), { kind: 'minutes', minutes: 1 });
    assert.deepStrictEqual(countdown(T0 + 58 * S + 500, T0), { kind: 'seconds', seconds: 58 });
    assert.deepStrictEqual(countdown(T0 + 400, T0), { kind: 'seconds', seconds: 1 });
    assert.deepStrictEqual(countdown(T0, T0), { kind: 'expired' });
    assert.deepStrictEqual(countdown(T0 - H, T0), { kind: 'expired' });
    assert.deepStrictEqual(countdown(T0 + 36 * H, T0), { kind: 'days', days: 1, hours: 12 });
    assert.deepStrictEqual(countdown(undefined, T0), { kind: 'none' });
  });

  it('gives two countdowns the same key exactly when they read the same', () => {
    const all = [countdown(undefined, T0), countdown(T0, T0), countdown(T0 + 5 * S, T0), countdown(T0 + 5 * M, T0), countdown(T0 + 5 * H, T0), countdown(T0 + 5 * H + 5 * M, T0), countdown(T0 + 5 * 24 * H, T0), countdown(T0 + 5 * 24 * H + 5 * H, T0)];
    assert.strictEqual(new Set(all.map(countdownKey)).size, all.length);
    assert.strictEqual(countdownKey(countdown(T0 + 5 * M, T0)), countdownKey(countdown(T0 + 5 * M + 59 * S, T0)));
  });

  it('turns to warning in the last N minutes, then expired', () => {
    assert.strictEqual(countdownState(T0 + 11 * M, T0, 10 * M), 'ok');
    assert.strictEqual(countdownState(T0 + 10 * M, T0, 10 * M), 'warning');
    assert.strictEqual(countdownState(T0, T0, 10 * M), 'expired');
    assert.strictEqual(countdownState(undefined, T0, 10 * M), 'none');
  });
});

describe('next change of a countdown', () => {
  it('wakes exactly when the text changes, never before', () => {
    const exp = T0 + 41 * M + 30 * S;
    for (let now = T0; now < exp; ) {
      const at = nextChangeAt(exp, now, 0)!;
      assert.ok(at > now);
      assert.deepStrictEqual(countdown(exp, at - 1), countdown(exp, now), `text changed before ${at - now} ms at ${now - T0}`);
      assert.notDeepStrictEqual(countdown(exp, at), countdown(exp, now), `no change at ${at - T0}`);
      now = at;
    }
  });

  it('ticks once a minute, then every second in the last minute', () => {
    const exp = T0 + 10 * M;
    assert.strictEqual(nextChangeAt(exp, T0, 0)! - T0, 1);
    assert.strictEqual(nextChangeAt(exp, T0 + 1, 0)! - T0, M + 1);
    assert.strictEqual(nextChangeAt(exp, exp - 30 * S - 500, 0)! - (exp - 30 * S - 500), 501);
    assert.strictEqual(nextChangeAt(exp, exp - 1500, 0), exp);
  });

  it('wakes at the warning threshold', () => {
    const exp = T0 + 15 * M + 30 * S;
    assert.strictEqual(nextChangeAt(exp, T0 + 5 * M + 10 * S, 10 * M), exp - 10 * M);
  });

  it('never wakes for expired or non-expiring sessions', () => {
    assert.strictEqual(nextChangeAt(T0, T0, 0), undefined);
    assert.strictEqual(nextChangeAt(undefined, T0, 0), undefined);
  });
});

describe('countdown scheduler', () => {
  it('reports only the items whose text changed, and the earliest next change', () => {
    const s = new CountdownScheduler(5 * M);
    const items = [{ id: 'a', expiration: T0 + 30 * M + 10 * S }, { id: 'b', expiration: T0 + 90 * S + 500 }, { id: 'c' }];
    const first = s.tick(items, T0);
    assert.deepStrictEqual(first.changed, ['a', 'b', 'c']);
    assert.strictEqual(first.nextAt, T0 + 10 * S + 1);
    const second = s.tick(items, first.nextAt!);
    assert.deepStrictEqual(second.changed, ['a']);
    assert.strictEqual(second.nextAt, T0 + 30 * S + 501);
    assert.deepStrictEqual(s.tick(items, second.nextAt!).changed, ['b']);
    assert.deepStrictEqual(s.tick(items, second.nextAt! + 1).changed, []);
  });

  it('forgets removed items and redraws everything after a reset', () => {
    const s = new CountdownScheduler(0);
    s.tick([{ id: 'a', expiration: T0 + H }], T0);
    s.reset();
    assert.deepStrictEqual(s.tick([{ id: 'a', expiration: T0 + H }], T0).changed, ['a']);
  });

  it('costs about one tick per minute per session over an hour, plus the final seconds', () => {
    const s = new CountdownScheduler(10 * M);
    const items = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, expiration: T0 + 2 * H + i * 7 * S }));
    let now = T0;
    let ticks = 0;
    let redraws = 0;
    while (now < T0 + H) {
      const t = s.tick(items, now);
      ticks++;
      redraws += t.changed.length;
      now = t.nextAt!;
    }
    assert.ok(ticks <= 20 * 61 && ticks >= 60, `ticks ${ticks}`);
    assert.ok(redraws <= 20 * 61, `redraws ${redraws}`);
  });
});

describe('refresh window', () => {
  it('renews an hour-long session 16 minutes before expiry and a 15-minute one at half-life', () => {
    assert.strictEqual(needsRefresh(T0, T0 + H, T0 + 43 * M), false);
    assert.strictEqual(needsRefresh(T0, T0 + H, T0 + 44 * M), true);
    assert.strictEqual(needsRefresh(T0, T0 + 15 * M, T0 + 7 * M), false);
    assert.strictEqual(needsRefresh(T0, T0 + 15 * M, T0 + 8 * M), true);
    assert.strictEqual(needsRefresh(T0, undefined, T0 + 100 * H), false);
  });
});

describe('session titles', () => {
  it('uses the caller ARN, the role, or the profile', () => {
    assert.strictEqual(shortArn('arn:aws:sts::123456789012:assumed-role/Admin/me'), 'Admin/me');
    assert.strictEqual(shortArn('arn:aws:sts::123456789012:federated-user/bob'), 'bob');
    const base = { id: 'x', region: 'us-east-1', issuedAt: 0, refreshable: true };
    assert.strictEqual(sessionSubject({ ...base, operation: 'AssumeRole', arn: 'arn:aws:sts::1:assumed-role/R/s' }), 'R/s');
    assert.strictEqual(sessionSubject({ ...base, operation: 'GetSessionToken', profile: 'dev' }), 'dev (GetSessionToken)');
    // A sign-in is titled in words by the editor ("SSO sign-in https://x"): test/integration/sessionText.test.ts.
    assert.strictEqual(sessionSubject({ ...base, operation: 'ssoToken', startUrl: 'https://x' }), undefined);
  });
});
