// Did-you-mean for actions and service prefixes (suggestAction, suggestService) against the plain
// search it stands for: the whole-table distance to every name, ranked, with nothing skipped. The
// search skips names by bounds and keeps lists prepared; the suggestions must be the same.
import * as assert from 'assert';
import { suggestAction, suggestService } from '../../../src/core/policy/actions';
import { DataCatalog } from '../../../src/core/policy/catalog';
import { createIamCatalog } from '../../../src/node/iamData';

/** Optimal string alignment distance over the whole table (of a-z lowercased strings), row by row. */
function distance(s: string, t: string): number {
  const w = t.length + 1;
  const d = new Int32Array((s.length + 1) * w);
  for (let j = 0; j < w; j++) d[j] = j;
  for (let i = 1; i <= s.length; i++) {
    d[i * w] = i;
    for (let j = 1; j <= t.length; j++) {
      let v = Math.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = v;
    }
  }
  return d[s.length * w + t.length];
}

const verbOf = (name: string): string => /^.[^A-Z]*/.exec(name)![0].toLowerCase();

/**
 * The rule as the README's did-you-mean states it, over every name: within a third of the target's
 * length (at least 2), or extending it or extended by it (then at that distance at most); names that
 * keep the target's leading word first (actions only), then nearer, then shorter, then in code-unit order.
 */
function plainSearch(target: string, names: readonly string[], verbs: boolean, limit = 3): string[] {
  const max = Math.max(2, Math.floor(target.length / 3));
  const lower = target.toLowerCase();
  const scored: { c: string; d: number; v: number }[] = [];
  for (const c of names) {
    const cl = c.toLowerCase();
    const extends_ = Math.min(cl.length, lower.length) >= 4 && (cl.startsWith(lower) || lower.startsWith(cl));
    let d = distance(lower, cl);
    if (d > max && extends_) d = max;
    if (d > max) continue;
    scored.push({ c, d, v: verbs && lower.startsWith(verbOf(c)) ? 0 : 1 });
  }
  scored.sort((x, y) => x.v - y.v || x.d - y.d || x.c.length - y.c.length || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.c);
}

let seed = 5;
const random = (n: number): number => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);

/** A name with a few edits of the kinds people make: a letter added, dropped, replaced, two swapped. */
function typo(name: string, edits: number): string {
  let out = name;
  for (let e = 0; e < edits; e++) {
    const at = random(out.length + 1);
    const c = 'aeiourstlnEGOPxé'[random(16)];
    const kind = random(4);
    out = kind === 0 ? out.slice(0, at) + c + out.slice(at) : kind === 1 ? out.slice(0, at) + out.slice(at + 1) : kind === 2 ? out.slice(0, at) + c + out.slice(at + 1) : out.slice(0, at) + out.slice(at + 1, at + 2) + out.slice(at, at + 1) + out.slice(at + 2);
  }
  return out;
}

describe('did-you-mean against the plain search over every name', () => {
  const h = createIamCatalog();
  const services = ['s3', 'ec2', 'iam', 'securityagent', 'cloud9', 'sagemaker', 'lambda'];
  h.ensureServicesSync(services);

  it('suggests the same actions for typos, names the data lacks and unrelated words', () => {
    let suggested = 0;
    let compared = 0;
    for (const service of services) {
      const names = h.catalog.actionNames!(service);
      assert.ok(names.length > 20, `${service} is loaded`);
      const targets = ['StartPentestExecution', 'CreateDocumentReview', 'ValidateEnvironmentName', 'InvokeMcp', 'Zzzzqqqq', 'Get', 'ListThingsAndMoreThingsThanAnyNameHasInItsLongestForm'];
      for (let k = 0; k < names.length; k += Math.ceil(names.length / 40)) targets.push(typo(names[k], random(6)));
      for (const name of targets) {
        const expected = plainSearch(name, names, true).map((n) => `${service}:${n}`);
        assert.deepStrictEqual(suggestAction(`${service}:${name}`, h.catalog), expected, `${service}:${name}`);
        if (expected.length) suggested++;
        compared++;
      }
    }
    assert.ok(suggested > compared / 3 && suggested < compared, `some targets get suggestions and some do not (${suggested} of ${compared})`);
  });

  it('suggests the same service prefixes', () => {
    const prefixes = h.catalog.allServicePrefixes();
    const targets = ['s4', 'ec3', 'lamda', 'sagemkaer', 'securityagnet', 'cloudwatchh', 'x', 'dynamo-db', 'qqqqqqqq'];
    for (let k = 0; k < prefixes.length; k += 17) targets.push(typo(prefixes[k], 1 + random(3)));
    for (const name of targets) assert.deepStrictEqual(suggestService(name, h.catalog), plainSearch(name, prefixes, false), name);
  });
});

describe('did-you-mean ties', () => {
  it('lists names of equal rank, distance and length in code-unit order, whatever the locale', () => {
    // Three names one edit from the target, none keeping its leading word: a collator would put
    // aab first (a before B before Z); code units put capitals first.
    const catalog = new DataCatalog({ serviceNames: { tie: 'Tie' }, globalConditionKeys: [] });
    const actions = Object.fromEntries(['Zab', 'aab', 'Bab', 'Unrelated'].map((name) => [name, { name, accessLevel: 'Read' }]));
    catalog.addService('tie', { actions, conditionKeys: {}, resourceTypes: {} });
    assert.deepStrictEqual(suggestAction('tie:Xab', catalog), ['tie:Bab', 'tie:Zab', 'tie:aab']);
  });

  it('finds actions of data that lists them out of order, by their own name and in any case', () => {
    const catalog = new DataCatalog({ serviceNames: { mix: 'Mix' }, globalConditionKeys: [] });
    const names = ['Zab', 'aab', 'Bab', 'GetThing', 'getThings', 'CreateACL', 'CreateAccessPoint'];
    catalog.addService('mix', { actions: Object.fromEntries(names.map((name) => [name, { name, accessLevel: 'Read' }])), conditionKeys: {}, resourceTypes: {} });
    for (const name of names) {
      assert.strictEqual(catalog.action('mix', name)?.name, name);
      assert.strictEqual(catalog.action('mix', name.toUpperCase())?.name, name);
    }
    assert.strictEqual(catalog.action('mix', 'Cab'), undefined);
    assert.strictEqual(catalog.action('mix', 'createaclx'), undefined);
  });
});
