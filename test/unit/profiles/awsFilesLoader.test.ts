import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsFilesLoader, loadAwsFiles } from '../../../src/node/awsFiles';
import { buildProfilesModel } from '../../../src/core/profiles/model';

describe('AWS files loaded again on every change in ~/.aws', () => {
  let dir: string;
  let paths: { config: string; credentials: string };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-loader-'));
    paths = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
    fs.writeFileSync(paths.config, '[profile dev]\nregion = eu-west-1\n');
    fs.writeFileSync(paths.credentials, '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('files whose bytes are unchanged are not parsed again, and give the same profiles', async () => {
    const loader = new AwsFilesLoader();
    const first = await loader.load(paths);
    assert.strictEqual(loader.parsedFiles, 2);
    const again = await loader.load(paths);
    assert.strictEqual(loader.parsedFiles, 2, 'an unchanged file is not handed to the SDK loader again');
    assert.strictEqual(again.configSections, first.configSections);
    assert.strictEqual(again.credentialsSections, first.credentialsSections);
    assert.strictEqual(again.config.text, first.config.text);
  });

  it('only the file that changed is parsed again, and its change is seen', async () => {
    const loader = new AwsFilesLoader();
    const first = await loader.load(paths);
    fs.appendFileSync(paths.credentials, '[ops]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = y\n');
    const next = await loader.load(paths);
    assert.strictEqual(loader.parsedFiles, 3);
    assert.strictEqual(next.configSections, first.configSections, 'the unchanged config file is not parsed again');
    assert.deepStrictEqual([...buildProfilesModel(next.configSections, next.credentialsSections).profiles.keys()].sort(), ['dev', 'ops']);
  });

  it('a save of the same size within the same tick of the file clock (size and time unchanged) is still seen', async () => {
    const loader = new AwsFilesLoader();
    // Both writes carry the same modification time, as two saves within one tick of a coarse clock do.
    const tick = Math.floor(Date.now() / 1000);
    fs.utimesSync(paths.config, tick, tick);
    await loader.load(paths);
    const before = fs.statSync(paths.config);
    fs.writeFileSync(paths.config, '[profile dev]\nregion = us-west-2\n');
    fs.utimesSync(paths.config, tick, tick);
    const after = fs.statSync(paths.config);
    assert.strictEqual(after.size, before.size);
    assert.strictEqual(after.mtimeMs, before.mtimeMs);
    const next = await loader.load(paths);
    assert.strictEqual(buildProfilesModel(next.configSections, next.credentialsSections).profiles.get('dev')!.region, 'us-west-2');
  });

  it('a file removed is no profiles, and the same file put back is read again', async () => {
    const loader = new AwsFilesLoader();
    const text = fs.readFileSync(paths.config, 'utf8');
    await loader.load(paths);
    fs.rmSync(paths.config);
    assert.deepStrictEqual((await loader.load(paths)).configSections, {});
    fs.writeFileSync(paths.config, text);
    assert.deepStrictEqual(Object.keys((await loader.load(paths)).configSections), ['dev']);
  });

  it('gives the same sections as a first load', async () => {
    const loader = new AwsFilesLoader();
    await loader.load(paths);
    fs.appendFileSync(paths.config, '[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/Ops\nsource_profile = dev\n');
    const kept = await loader.load(paths);
    const fresh = await loadAwsFiles(paths);
    assert.deepStrictEqual(kept, fresh);
  });
});
