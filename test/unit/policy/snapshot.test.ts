import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPolicy, servicesReferenced } from '../../../src/core/policy';
import { globMatch } from '../../../src/core/policy/actions';
import { actionTakesTags, supportedKeys } from '../../../src/core/policy/checks/keySupport';
import { createIamCatalog, iamDataDir, type IamCatalogHandle } from '../../../src/node/iamData';
import { repoRoot } from '../fixtures';

/** The build's compact IAM data snapshot must say exactly what the package's files say. */
describe('IAM data snapshot', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let snapshot: IamCatalogHandle;
  let pkg: IamCatalogHandle;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-snapshot-'));
    file = path.join(dir, 'iamData.snapshot');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildSnapshot } = require(path.join(repoRoot(), 'scripts', 'build-iam-snapshot.js')) as { buildSnapshot(o: { out: string; force: boolean }): unknown };
    buildSnapshot({ out: file, force: true });
    snapshot = createIamCatalog({ snapshotFile: file });
    pkg = createIamCatalog({ dataDir: iamDataDir() });
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is read from the snapshot, with the package version it came from', () => {
    assert.strictEqual(snapshot.source, 'snapshot');
    assert.strictEqual(pkg.source, 'package');
    assert.match(snapshot.dataVersion ?? '', /^\d+\.\d+\.\d+/);
  });

  it('loads only the services asked for', () => {
    const h = createIamCatalog({ snapshotFile: file });
    h.ensureServicesSync(['s3', 'token.actions.githubusercontent.com']);
    assert.ok(h.catalog.isLoaded('s3'));
    assert.ok(h.catalog.isLoaded('sts'), 'the GitHub OIDC keys live under sts');
    assert.ok(!h.catalog.isLoaded('ec2'));
    assert.strictEqual(h.catalog.action('s3', 'getobject')?.name, 'GetObject');
  });

  it('adds every service at once and reads each when first asked about it', () => {
    const copy = path.join(dir, 'lazy.snapshot');
    fs.copyFileSync(file, copy);
    const h = createIamCatalog({ snapshotFile: copy });
    assert.strictEqual(h.allServicesOnFirstUse, true);
    h.ensureAllServicesSync();
    for (const s of h.catalog.allServicePrefixes()) assert.ok(h.catalog.isLoaded(s), s);
    // Damage ec2's entry after it was added: only a read of ec2 can notice.
    const bytes = fs.readFileSync(copy);
    const headerEnd = 18 + Number(bytes.toString('latin1', 9, 17));
    const header = JSON.parse(bytes.toString('utf8', 18, headerEnd)) as { services: Record<string, [number, number]> };
    const [offset, length] = header.services.ec2;
    bytes.fill(32, headerEnd + offset, headerEnd + offset + length);
    fs.writeFileSync(copy, bytes);
    assert.strictEqual(h.catalog.action('s3', 'GetObject')?.name, 'GetObject');
    assert.throws(() => h.catalog.action('ec2', 'RunInstances'), /the entry for ec2 is damaged/);
    assert.strictEqual(createIamCatalog({ dataDir: iamDataDir() }).allServicesOnFirstUse, false);
  });

  it("reads a service's action tuples only when an action's details are first asked for", () => {
    const copy = path.join(dir, 'tuples.snapshot');
    const bytes = fs.readFileSync(file);
    const headerEnd = 18 + Number(bytes.toString('latin1', 9, 17));
    const header = JSON.parse(bytes.toString('utf8', 18, headerEnd)) as { services: Record<string, number[]> };
    const [, , , , offset, length] = header.services.ec2;
    bytes.fill(32, headerEnd + offset, headerEnd + offset + length);
    fs.writeFileSync(copy, bytes);
    const h = createIamCatalog({ snapshotFile: copy });
    h.ensureServicesSync(['ec2']);
    // Names and resource types come from the service's own text: a lint of most policies needs no more.
    const run = h.catalog.action('ec2', 'RunInstances');
    assert.strictEqual(run?.name, 'RunInstances');
    assert.ok(run.resourceTypeInfos?.some((t) => t.name === 'instance'));
    // The keys it can be evaluated with too: the key support check reads no tuple.
    assert.ok(run.supportedKeys?.has('ec2:instancetype'));
    assert.ok(supportedKeys(h.catalog, run).has('aws:resourcetag/${tagkey}'));
    assert.throws(() => run.accessLevel, /the entry for ec2 is damaged/);
  });

  it('holds every service, action, resource type and condition key the package holds, with descriptions', () => {
    snapshot.ensureAllServicesSync();
    pkg.ensureAllServicesSync();
    const a = snapshot.catalog;
    const b = pkg.catalog;
    assert.deepStrictEqual(a.allServicePrefixes(), b.allServicePrefixes());
    let actions = 0;
    for (const s of b.allServicePrefixes()) {
      assert.strictEqual(a.serviceName(s), b.serviceName(s));
      const left = a.actions(s);
      const right = b.actions(s);
      assert.strictEqual(left.length, right.length, s);
      for (let i = 0; i < right.length; i++) {
        const x = left[i];
        const y = right[i];
        assert.deepStrictEqual(
          { name: x.name, level: x.accessLevel, description: x.description, rts: x.resourceTypes, keys: x.conditionKeys, deps: x.dependentActions },
          { name: y.name, level: y.accessLevel, description: y.description, rts: y.resourceTypes, keys: y.conditionKeys, deps: y.dependentActions },
          `${s}:${y.name}`,
        );
        for (const rt of y.resourceTypes) assert.deepStrictEqual({ ...a.resourceType(s, rt.name) }, { ...b.resourceType(s, rt.name) }, `${s} ${rt.name}`);
        actions++;
      }
      for (const k of b.conditionKeyNames?.(s) ?? []) {
        const x = a.conditionKey(k);
        const y = b.conditionKey(k);
        assert.deepStrictEqual({ key: x?.key, type: x?.type, description: x?.description }, { key: y?.key, type: y?.type, description: y?.description }, k);
      }
      assert.strictEqual(a.supportsRcp?.(s), b.supportsRcp?.(s), s);
    }
    assert.ok(actions > 10_000, `only ${actions} actions compared`);
    assert.deepStrictEqual(a.conditionKeyNames?.('aws'), b.conditionKeyNames?.('aws'));
  });

  it("gives each action's resource types, in order, as the very objects the catalog looks up by name", () => {
    const h = createIamCatalog({ snapshotFile: file });
    h.ensureAllServicesSync();
    let typed = 0;
    for (const s of h.catalog.allServicePrefixes()) {
      for (const a of h.catalog.actions(s)) {
        // Read before the action's details: the list must not depend on them.
        const ready = a.resourceTypeInfos;
        assert.ok(ready, `${s}:${a.name}`);
        assert.strictEqual(ready.length, a.resourceTypes.length, `${s}:${a.name}`);
        a.resourceTypes.forEach((rt, k) => assert.strictEqual(ready[k], h.catalog.resourceType(s, rt.name), `${s}:${a.name} ${rt.name}`));
        typed += ready.length;
      }
    }
    assert.ok(typed > 10_000, `only ${typed} resource types compared`);
  });

  it("gives each action's supported condition keys as reading its details in the package data does", () => {
    snapshot.ensureAllServicesSync();
    pkg.ensureAllServicesSync();
    let keyed = 0;
    let tagged = 0;
    for (const s of pkg.catalog.allServicePrefixes()) {
      const left = snapshot.catalog.actions(s);
      pkg.catalog.actions(s).forEach((y, i) => {
        const ready = left[i].supportedKeys;
        assert.ok(ready, `${s}:${y.name}`);
        assert.deepStrictEqual([...ready].sort(), [...supportedKeys(pkg.catalog, y)].sort(), `${s}:${y.name}`);
        assert.strictEqual(actionTakesTags(snapshot.catalog, left[i]), actionTakesTags(pkg.catalog, y), `${s}:${y.name}`);
        if (ready.size) keyed++;
        if (actionTakesTags(pkg.catalog, y)) tagged++;
      });
    }
    assert.ok(keyed > 10_000 && tagged > 5_000, `${keyed} actions with keys, ${tagged} taking tags`);
  });

  it('finds every action by the name the data writes and by that name in any case, as the package data does', () => {
    snapshot.ensureAllServicesSync();
    pkg.ensureAllServicesSync();
    let found = 0;
    for (const s of pkg.catalog.allServicePrefixes()) {
      for (const y of pkg.catalog.actions(s)) {
        for (const name of [y.name, y.name.toLowerCase(), y.name.toUpperCase()]) {
          assert.strictEqual(snapshot.catalog.action(s, name)?.name, pkg.catalog.action(s, name)?.name, `${s}:${name}`);
        }
        assert.strictEqual(snapshot.catalog.action(s, y.name)?.name, y.name, `${s}:${y.name}`);
        found++;
      }
      assert.strictEqual(snapshot.catalog.action(s, 'NoSuchActionAnywhere'), undefined, s);
    }
    assert.ok(found > 10_000, `only ${found} actions looked up`);
  });

  it('answers whether a wildcard matches some action of a service as trying every name of the package data does', () => {
    snapshot.ensureAllServicesSync();
    pkg.ensureAllServicesSync();
    let matched = 0;
    let unmatched = 0;
    for (const s of pkg.catalog.allServicePrefixes()) {
      for (const y of pkg.catalog.actions(s).slice(0, 8)) {
        for (const pattern of [`${y.name.slice(0, 4)}*`, `${y.name.slice(0, 3).toLowerCase()}*s`, `${y.name.slice(0, 5)}Zq*`, `*${y.name.slice(2)}`, `?${y.name.slice(1)}`]) {
          const expected = pkg.catalog.actionNames!(s).some((n) => globMatch(pattern, n));
          assert.strictEqual(snapshot.catalog.someActionNameMatches!(s, pattern), expected, `${s}: ${pattern}`);
          if (expected) matched++;
          else unmatched++;
        }
      }
    }
    assert.ok(matched > 1000 && unmatched > 1000, `${matched} match, ${unmatched} do not`);
  });

  it('lints a policy the same as the package data', () => {
    const text = fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'policy', 'arn-fields.json'), 'utf8');
    for (const h of [snapshot, pkg]) h.ensureServicesSync(servicesReferenced(text));
    assert.deepStrictEqual(lintPolicy(text, { policyType: 'auto', catalog: snapshot.catalog }), lintPolicy(text, { policyType: 'auto', catalog: pkg.catalog }));
  });

  it('loads services asynchronously for overlapping requests', async () => {
    const h = createIamCatalog({ snapshotFile: file });
    await Promise.all([h.ensureServices(['ec2', 's3']), h.ensureServices(['s3', 'iam'])]);
    for (const s of ['ec2', 's3', 'iam']) assert.ok(h.catalog.isLoaded(s), s);
    assert.ok(h.catalog.action('ec2', 'RunInstances')?.description.length);
  });

  it('says clearly when the snapshot is not one', () => {
    const bad = path.join(dir, 'bad.snapshot');
    fs.writeFileSync(bad, '{"not":"a snapshot"}');
    assert.throws(() => createIamCatalog({ snapshotFile: bad }), /IAM data snapshot .*bad\.snapshot is unreadable: not an IAM data snapshot\. Rebuild it/);
  });
});
