import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileProblems } from '../../../src/core/profiles/fileProblems';
import { buildProfilesModel, buildProfilesModelInSteps, chainText, chainWords, profileChain } from '../../../src/core/profiles/model';
import { AwsConfigParser, ParseSuperseded } from '../../../src/node/awsConfigParser';
import { AwsFilesLoader } from '../../../src/node/awsFiles';
import { fixturePath } from '../fixtures';

/** The worker as tsc compiles it beside this test (esbuild's dist/awsConfigWorker.js bundles the same source). */
const WORKER = path.join(__dirname, '..', '..', '..', 'src', 'node', 'awsConfigWorker.js');

const ROLE = 'arn:aws:iam::123456789012:role/Deploy';

/** Config texts the SDK's loader reads in every way it has: prefixes, quotes, sub-sections, comments, CRLF, dropped lines. */
const TEXTS: Record<string, string> = {
  broken: fs.readFileSync(fixturePath('aws-config', 'broken.config'), 'utf8'),
  cycle: fs.readFileSync(fixturePath('aws-config', 'cycle.config'), 'utf8'),
  kinds: fs.readFileSync(fixturePath('aws-config', 'kinds.config'), 'utf8'),
  odd: [
    '[default]', 'region = eu-west-1 ; a comment', 'output=json#not a comment', '',
    '[profile "quoted"]', 'role_arn = ' + ROLE, 'source_profile = default', 's3 =', '  max_concurrent_requests = 20', 'after = sub-section',
    '[profile 10]', '2 = two', '1 = one', 'b = x', 'a = y',
    '[Profile skipped]', 'region = us-east-1', '[profile  two spaces]', 'region = x',
    '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = eu-west-1',
    '[services local]', 'sts =', '  endpoint_url = http://localhost:4566',
    '[profile constructor]', 'region = eu-north-1', '[profile toString]', 'region = eu-north-1',
    '[profile dup]', 'region = a', '[profile other]', 'region = b', '[profile dup]', 'region = c', 'output = text',
    'not a setting', '= no key', '[unclosed', '[profile ünïcode]', 'region = ap-south-1 # note',
  ].join('\r\n'),
  // More settings than fit in one message chunk: sections and one section's settings span chunks.
  many: Array.from({ length: 21_000 }, (_, i) => `[profile p${i}]\nrole_arn = ${ROLE}\nsource_profile = p${i ? i - 1 : 0}\n`).join('') + '[default]\n' + Array.from({ length: 21_000 }, (_, i) => `k${i} = v${i}\n`).join(''),
};

/** Sections with their order: the Profiles view lists profiles in the order the sections come. */
const ordered = (sections: object) => JSON.stringify(Object.entries(sections).map(([name, values]) => [name, Object.entries(values as object)]));

describe('a changed AWS config file parsed in a worker thread', function () {
  this.timeout(60_000);
  let dir: string;
  let paths: { config: string; credentials: string };
  const warnings: string[] = [];
  const parser = (workerPath = WORKER) => new AwsConfigParser({ workerPath, warn: (m) => warnings.push(m) });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-config-worker-'));
    paths = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
    fs.writeFileSync(paths.credentials, '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI\n');
    warnings.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [name, text] of Object.entries(TEXTS)) {
    it(`gives every profile, kind, chain and dropped line the in-thread parse gives (${name})`, async () => {
      fs.writeFileSync(paths.config, text);
      const p = parser();
      const inWorker = await new AwsFilesLoader(p).load(paths);
      const inThread = await new AwsFilesLoader().load(paths);
      assert.strictEqual(p.workerJobs, 1, 'the config file went to the worker');
      assert.deepStrictEqual(inWorker.configSections, inThread.configSections);
      assert.strictEqual(ordered(inWorker.configSections), ordered(inThread.configSections));
      assert.deepStrictEqual(inWorker.configProblems, fileProblems(text, 'config'));
      const a = buildProfilesModel(inWorker.configSections, inWorker.credentialsSections);
      const b = buildProfilesModel(inThread.configSections, inThread.credentialsSections);
      assert.deepStrictEqual([...a.profiles.values()], [...b.profiles.values()]);
      assert.deepStrictEqual([...a.ssoSessions.values()], [...b.ssoSessions.values()]);
      const words = chainWords();
      for (const profile of [...a.profiles.keys()].slice(0, 200)) assert.strictEqual(chainText(profileChain(a, profile), words), chainText(profileChain(b, profile), words));
      assert.deepStrictEqual(warnings, []);
    });
  }

  it('builds the same profiles model in steps, pausing between them, as at once', async () => {
    fs.writeFileSync(paths.config, TEXTS.many);
    const files = await new AwsFilesLoader().load(paths);
    let pauses = 0;
    const inSteps = await buildProfilesModelInSteps(files.configSections, files.credentialsSections, async () => {
      pauses++;
    });
    const atOnce = buildProfilesModel(files.configSections, files.credentialsSections);
    assert.deepStrictEqual([...inSteps.profiles.entries()], [...atOnce.profiles.entries()]);
    assert.deepStrictEqual([...inSteps.ssoSessions.entries()], [...atOnce.ssoSessions.entries()]);
    assert.ok(pauses >= 8, `${pauses} pauses over 21,001 sections read twice`);
  });

  it('never hands the credentials file to the worker: its secrets stay on the calling thread', async () => {
    fs.writeFileSync(paths.config, TEXTS.kinds);
    const given: string[] = [];
    const p = parser();
    const parse = p.parse.bind(p);
    p.parse = (file, text, hash) => {
      given.push(file, text);
      return parse(file, text, hash);
    };
    const loaded = await new AwsFilesLoader(p).load(paths);
    assert.deepStrictEqual(given, [paths.config, TEXTS.kinds]);
    assert.ok(loaded.credentialsSections.dev, 'the credentials file is still read');
  });

  it('a newer text of the file ends the parse under way, whose callers are told to read the file again', async () => {
    const p = parser();
    const older = p.parse(paths.config, TEXTS.many, 'older');
    const same = p.parse(paths.config, TEXTS.many, 'older');
    const newer = p.parse(paths.config, '[profile newest]\nregion = eu-west-1\n', 'newer');
    await assert.rejects(older, ParseSuperseded);
    await assert.rejects(same, ParseSuperseded);
    assert.deepStrictEqual(Object.keys((await newer).sections), ['newest']);
  });

  it('a load whose parse was ended by a newer one reads the file again and gives the newer profiles', async () => {
    fs.writeFileSync(paths.config, TEXTS.many);
    const p = parser();
    const parse = p.parse.bind(p);
    let started!: () => void;
    const firstParse = new Promise<void>((resolve) => (started = resolve));
    p.parse = (file, text, hash) => {
      started();
      return parse(file, text, hash);
    };
    const loader = new AwsFilesLoader(p);
    const first = loader.load(paths);
    await firstParse;
    fs.writeFileSync(paths.config, '[profile newest]\nregion = eu-west-1\n');
    const [a, b] = await Promise.all([first, loader.load(paths)]);
    assert.deepStrictEqual(Object.keys(b.configSections), ['newest']);
    assert.deepStrictEqual(Object.keys(a.configSections), ['newest']);
    assert.strictEqual(a.config.text, '[profile newest]\nregion = eu-west-1\n');
  });

  it('parses on the calling thread, with the same result and a warning that says why, when the worker cannot start', async () => {
    fs.writeFileSync(paths.config, TEXTS.odd);
    const p = parser(path.join(dir, 'no-such-worker.js'));
    const loaded = await new AwsFilesLoader(p).load(paths);
    const inThread = await new AwsFilesLoader().load(paths);
    assert.deepStrictEqual(loaded.configSections, inThread.configSections);
    assert.deepStrictEqual(loaded.configProblems, fileProblems(TEXTS.odd, 'config'));
    assert.strictEqual(warnings.length, 1);
    assert.match(warnings[0], /could not run \(.*no-such-worker\.js is missing\): a changed config file is parsed on the extension host's thread instead/);
  });

  it('falls back the same way when the worker dies before it answers', async () => {
    const crashing = path.join(dir, 'crash.js');
    fs.writeFileSync(crashing, 'throw new Error("no parser here");');
    const p = parser(crashing);
    const parsed = await p.parse(paths.config, TEXTS.kinds, 'kinds');
    assert.deepStrictEqual(parsed.problems, fileProblems(TEXTS.kinds, 'config'));
    assert.ok(Object.keys(parsed.sections).length > 3);
    assert.match(warnings.join('\n'), /no parser here/);
  });

  it('ends the parse under way when disposed', async () => {
    const p = parser();
    const running = p.parse(paths.config, TEXTS.many, 'many');
    p.dispose();
    await assert.rejects(running, /disposed/);
    await assert.rejects(p.parse(paths.config, TEXTS.kinds, 'kinds'), /disposed/);
  });
});
