// Redaction cost and growth: redactSecrets runs on every log line and message, so its time must
// grow linearly with the text whatever the text. Sizes ×1, ×10, ×100 per input class; the ratio of
// each step should stay near 10 (a quadratic scanner shows about 100).
import { redactSecrets } from '../src/core/sessions/redact';
import { medianMs } from './timing';

const TOKEN = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'Q3ZbX9k2LmP7wRt+a/Y8s1Vd4Hc6Jn0Ge5Fq'.repeat(8)}==`;

/** Inputs that stress each part: long runs, runs cut by escapes, wrapped lines, prefixes, named values. */
const CLASSES: Record<string, string> = {
  'log lines with tokens': `2024-05-14T10:22:30Z ERROR request failed X-Amz-Security-Token=${encodeURIComponent(TOKEN)} key ASIAQSENTINEL7KEY2ID\n`,
  'one endless base64 run': 'aB1+',
  'wrapped 20-character lines': 'aB1+cD2/eF3+gH4/iJ5k\n',
  'repeated JWT starts': 'eyJ',
  'repeated escapes': '\\u002F%2F',
  'repeated names': 'token: secret= ',
  'prose': 'The quick brown fox jumps over the lazy dog. ',
};

if (require.main === module) {
  const base = 50_000;
  for (const [name, unit] of Object.entries(CLASSES)) {
    const times = [1, 10, 100].map((k) => {
      const text = unit.repeat(Math.ceil((base * k) / unit.length));
      redactSecrets(text.slice(0, base)); // warm up the JIT for this input class
      return medianMs(() => redactSecrets(text), k === 100 ? 3 : 5);
    });
    const ratios = [times[1] / times[0], times[2] / times[1]].map((r) => `×${r.toFixed(1)}`).join(', ');
    console.log(`redact ${name}: ${times.map((t) => `${t.toFixed(2)} ms`).join(' / ')} for 50 KB / 500 KB / 5 MB (growth ${ratios})`);
  }
}
