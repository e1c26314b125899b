// Detection cost on large logs: how long findEncodedMessages takes on a 5 MB CI log with a few
// messages (what the CodeLens and inline summary pay per document version), and on a log with
// no message at all (what every other document pays, after the cheap "encoded" pre-check).
import * as fs from 'fs';
import * as path from 'path';
import { findEncodedMessages } from '../src/core/authz/detect';
import { fixturePath } from '../test/unit/fixtures';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, runs = 7): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

if (require.main === module) {
  const dir = fixturePath('authz', 'logs');
  const samples = fs.readdirSync(dir).filter((f) => f !== 'expected.json').map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const noise = '2024-05-14T10:22:30.001Z INFO deploy step ok request-id=27db932f-e5be-41a1-8262-a698d82df933 token=Zm9vYmFyYmF6cXV4 "EncodedMessage" not here\n';
  let withMessages = '';
  while (withMessages.length < 5 * 1024 * 1024) withMessages += noise.repeat(2000) + samples[withMessages.length % samples.length];
  const without = noise.repeat(Math.ceil((5 * 1024 * 1024) / noise.length));
  const found = findEncodedMessages(withMessages).length;
  const a = time(() => findEncodedMessages(withMessages));
  const b = time(() => findEncodedMessages(without));
  const mb = (s: string) => (s.length / 1024 / 1024).toFixed(1);
  console.log(`authz detect: ${mb(withMessages)} MB log with ${found} messages: ${a.toFixed(1)} ms (median of 7); ${mb(without)} MB log with none: ${b.toFixed(1)} ms`);
}
