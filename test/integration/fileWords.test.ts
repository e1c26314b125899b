// Why a scenario file or a policy file it names is not read, the problems of a project file and why it cannot be read, why the IAM data
// snapshot is unreadable, the words of a JSON syntax error and a credential chain's words are built outside src/vscode (src/node, src/core): in the editor they follow VS Code's bundle
// for the display language, with their values in place, and read exactly as before without one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintPolicy } from '../../src/core/policy';
import { parseProjectConfig } from '../../src/core/policy/config/projectConfig';
import { chainText, type ProfileChain } from '../../src/core/profiles/model';
import { readBytesBounded, readErrorReason } from '../../src/node/boundedRead';
import { createIamCatalog } from '../../src/node/iamData';
import { loadProjectConfig } from '../../src/node/projectConfigFile';
import { readScenarioFile, readScenarioPolicy, MAX_SCENARIO_FILE_BYTES } from '../../src/node/scenarioFiles';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';
import { CHAIN_WORDS } from '../../src/vscode/profiles/profileText';

/** Project files that name no readable file, each made in a folder of its name. */
const PROJECT_FILES: Record<string, (file: string) => void> = {
  dir: (f) => fs.mkdirSync(f),
  dangling: (f) => fs.symlinkSync(path.join(path.dirname(f), 'gone.json'), f),
  loop: (f) => {
    fs.symlinkSync(path.join(path.dirname(f), 'b'), path.join(path.dirname(f), 'a'));
    fs.symlinkSync(path.join(path.dirname(f), 'a'), path.join(path.dirname(f), 'b'));
    fs.symlinkSync(path.join(path.dirname(f), 'a'), f);
  },
  sparse: (f) => {
    fs.writeFileSync(f, '');
    fs.truncateSync(f, 2 * 1024 ** 3);
  },
  zero: (f) => fs.symlinkSync('/dev/zero', f),
};

describe('words about files, JSON syntax and credential chains in the editor', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-file-words-'));
    fs.mkdirSync(path.join(dir, 'folder'));
    for (const [name, make] of Object.entries(PROJECT_FILES)) {
      fs.mkdirSync(path.join(dir, name));
      make(path.join(dir, name, '.sts-lens.json'));
    }
    fs.writeFileSync(path.join(dir, 'bad.snapshot'), '{"not":"a snapshot"}');
    // A sparse file: its size is over the limit without writing 64 MB.
    fs.closeSync(fs.openSync(path.join(dir, 'huge.policytest.json'), 'w'));
    fs.truncateSync(path.join(dir, 'huge.policytest.json'), MAX_SCENARIO_FILE_BYTES + 1024 * 1024);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => useDisplayLanguageForCoreWords());

  const scope = () => ({ root: dir, rootName: 'workspace folder', allowOutside: false });

  it('says why a scenario file or the policy file it names is not read, sizes included, in the display language', async () => {
    useDisplayLanguageForCoreWords({
      'the file is {0}, over the {1} limit of a scenario file': 'die Datei hat {0}, mehr als die Grenze von {1} für eine Szenariodatei',
      '{0} MB': '{0} MByte',
      'the policy file {0} is a folder, not a file.': 'die Richtliniendatei {0} ist ein Ordner.',
      'the policy file {0} is outside the {1} ({2}); only policy files inside it are read.': 'die Richtliniendatei {0} liegt außerhalb des {1} ({2}).',
      'cannot read the policy file {0}: {1}.': 'die Richtliniendatei {0} ist nicht lesbar: {1}.',
      'no such file': 'keine solche Datei',
    });
    assert.deepStrictEqual(await readScenarioFile(path.join(dir, 'huge.policytest.json')), { error: 'die Datei hat 65.0 MByte, mehr als die Grenze von 64.0 MByte für eine Szenariodatei' });
    assert.deepStrictEqual(await readScenarioPolicy(path.join(dir, 'folder'), './folder', scope()), { error: 'die Richtliniendatei ./folder ist ein Ordner.' });
    assert.deepStrictEqual(await readScenarioPolicy(path.join(os.tmpdir(), 'x.json'), '../x.json', scope()), { error: `die Richtliniendatei ../x.json liegt außerhalb des workspace folder (${dir}).` });
    assert.deepStrictEqual(await readScenarioPolicy(path.join(dir, 'gone.json'), './gone.json', scope()), { error: 'die Richtliniendatei ./gone.json ist nicht lesbar: keine solche Datei.' });

    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(await readScenarioFile(path.join(dir, 'huge.policytest.json')), { error: 'the file is 65.0 MB, over the 64.0 MB limit of a scenario file' });
    assert.deepStrictEqual(await readScenarioPolicy(path.join(dir, 'folder'), './folder', scope()), { error: 'the policy file ./folder is a folder, not a file.' });
    assert.deepStrictEqual(await readScenarioPolicy(path.join(dir, 'gone.json'), './gone.json', scope()), { error: 'cannot read the policy file ./gone.json: no such file.' });
  });

  it('words a JSON syntax error of a policy in the display language after Access Analyzer\'s own English sentence', () => {
    const handle = createIamCatalog();
    const syntax = (text: string) => lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog: handle.catalog }).findings.filter((f) => f.issueCode === 'JSON_SYNTAX_ERROR').map((f) => f.findingDetails);
    const broken = '{"Version": "2012-10-17" "Statement": []}';
    useDisplayLanguageForCoreWords({ 'comma expected': 'Komma erwartet' });
    assert.deepStrictEqual(syntax(broken), ['Fix the JSON syntax error at index 25 line 1 column 25: Komma erwartet.']);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(syntax(broken), ['Fix the JSON syntax error at index 25 line 1 column 25: comma expected.']);
  });

  it('says why a comment or a trailing comma is no JSON, STS Lens\'s own checks, in the display language', () => {
    const handle = createIamCatalog();
    const own = (text: string) => lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog: handle.catalog }).findings.filter((f) => /^JSON_(?:COMMENT|TRAILING_COMMA)$/.test(f.issueCode)).map((f) => f.findingDetails);
    const text = '{"Version": "2012-10-17", // dated\n "Statement": [],}';
    useDisplayLanguageForCoreWords({
      'Comments are not valid JSON; AWS rejects a policy that contains them.': 'Kommentare sind kein gültiges JSON.',
      'Trailing commas are not valid JSON; AWS rejects a policy that contains them.': 'Kommas am Ende sind kein gültiges JSON.',
    });
    assert.deepStrictEqual(own(text), ['Kommentare sind kein gültiges JSON.', 'Kommas am Ende sind kein gültiges JSON.']);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(own(text), ['Comments are not valid JSON; AWS rejects a policy that contains them.', 'Trailing commas are not valid JSON; AWS rejects a policy that contains them.']);
  });

  it('says what is wrong with a project file (.sts-lens.json) in the display language, with its values in place', () => {
    const problems = (text: string) => parseProjectConfig(text).problems.map((p) => p.message);
    const text = '{ "ignore": "x", "accountIds": ["12"], "colour": 1 }';
    useDisplayLanguageForCoreWords({
      '{0} must be an array of globs.': '{0} muss eine Liste von Globs sein.',
      '"{0}" is not a 12-digit AWS account ID.': '„{0}“ ist keine zwölfstellige AWS-Konto-ID.',
      'Unknown key "{0}". Known keys: {1}.': 'Unbekannter Schlüssel „{0}“. Bekannt: {1}.',
      'Syntax error: {0}. Nothing in this file applies until it is fixed.': 'Syntaxfehler: {0}. Nichts in dieser Datei gilt, bis er behoben ist.',
      'comma expected': 'Komma erwartet',
    });
    assert.deepStrictEqual(problems(text), [
      'ignore muss eine Liste von Globs sein.',
      '„12“ ist keine zwölfstellige AWS-Konto-ID.',
      'Unbekannter Schlüssel „colour“. Bekannt: severity, policyTypes, ignore, accountIds, suppressions, notGranted.',
    ]);
    assert.deepStrictEqual(problems('{ "ignore": [] "severity": {} }'), ['Syntaxfehler: Komma erwartet. Nichts in dieser Datei gilt, bis er behoben ist.']);
    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(problems(text), [
      'ignore must be an array of globs.',
      '"12" is not a 12-digit AWS account ID.',
      'Unknown key "colour". Known keys: severity, policyTypes, ignore, accountIds, suppressions, notGranted.',
    ]);
    assert.deepStrictEqual(problems('{ "ignore": [] "severity": {} }'), ['Syntax error: comma expected. Nothing in this file applies until it is fixed.']);
  });

  it('says why a project file cannot be read, and why the IAM data snapshot is unreadable, in the display language', async () => {
    const projectReasons = () => Object.keys(PROJECT_FILES).map((name) => loadProjectConfig(path.join(dir, name, '.sts-lens.json')).readError);
    // The editor re-reads a project file that changed on disk without blocking: the same reasons.
    const changedOnDisk = async () => Promise.all(['dir', 'loop'].map((name) => readBytesBounded(path.join(dir, name, '.sts-lens.json'), 1024).then(() => 'read', readErrorReason)));
    const snapshot = () => {
      try {
        createIamCatalog({ snapshotFile: path.join(dir, 'bad.snapshot') });
        return 'read';
      } catch (e) {
        return (e as Error).message;
      }
    };
    useDisplayLanguageForCoreWords({
      'is a directory': 'ist ein Ordner',
      'it is a link to a file that does not exist': 'es ist ein Link auf eine Datei, die es nicht gibt',
      'it is a loop of symbolic links, which leads to no file': 'es ist eine Schleife symbolischer Links, die zu keiner Datei führt',
      '{0} bytes, over the {1}-byte limit of a project file': '{0} Byte, mehr als die Grenze von {1} Byte einer Projektdatei',
      'not a regular file': 'keine reguläre Datei',
      'IAM data snapshot {0} is unreadable: {1}. Rebuild it with node esbuild.js.': 'Der IAM-Datenschnappschuss {0} ist unlesbar: {1}. Erstellen Sie ihn mit node esbuild.js neu.',
      'not an IAM data snapshot': 'kein IAM-Datenschnappschuss',
    });
    assert.deepStrictEqual(projectReasons(), [
      'ist ein Ordner',
      'es ist ein Link auf eine Datei, die es nicht gibt',
      'es ist eine Schleife symbolischer Links, die zu keiner Datei führt',
      '2,147,483,648 Byte, mehr als die Grenze von 1,048,576 Byte einer Projektdatei',
      'keine reguläre Datei',
    ]);
    assert.deepStrictEqual(await changedOnDisk(), ['ist ein Ordner', 'es ist eine Schleife symbolischer Links, die zu keiner Datei führt']);
    assert.strictEqual(snapshot(), `Der IAM-Datenschnappschuss ${path.join(dir, 'bad.snapshot')} ist unlesbar: kein IAM-Datenschnappschuss. Erstellen Sie ihn mit node esbuild.js neu.`);

    useDisplayLanguageForCoreWords();
    assert.deepStrictEqual(projectReasons(), [
      'is a directory',
      'it is a link to a file that does not exist',
      'it is a loop of symbolic links, which leads to no file',
      '2,147,483,648 bytes, over the 1,048,576-byte limit of a project file',
      'not a regular file',
    ]);
    assert.deepStrictEqual(await changedOnDisk(), ['is a directory', 'it is a loop of symbolic links, which leads to no file']);
    assert.strictEqual(snapshot(), `IAM data snapshot ${path.join(dir, 'bad.snapshot')} is unreadable: not an IAM data snapshot. Rebuild it with node esbuild.js.`);
  });

  it('says why the system refuses a file in the display language (synthetic errors: the tests run as root)', () => {
    const refused = (code: string) => readErrorReason(Object.assign(new Error(`${code}: refused, open '/x/.sts-lens.json'`), { code, path: '/x/.sts-lens.json' }));
    useDisplayLanguageForCoreWords({
      'permission denied: the file or a folder above it may not be read by this user': 'Zugriff verweigert: dieser Benutzer darf die Datei oder einen Ordner darüber nicht lesen',
      'a part of the path before its last name is a file, not a folder': 'ein Teil des Pfads vor dem letzten Namen ist eine Datei, kein Ordner',
    });
    assert.deepStrictEqual(['EACCES', 'EPERM', 'ENOTDIR'].map(refused), [
      'Zugriff verweigert: dieser Benutzer darf die Datei oder einen Ordner darüber nicht lesen',
      'Zugriff verweigert: dieser Benutzer darf die Datei oder einen Ordner darüber nicht lesen',
      'ein Teil des Pfads vor dem letzten Namen ist eine Datei, kein Ordner',
    ]);
    useDisplayLanguageForCoreWords();
    assert.strictEqual(refused('EACCES'), 'permission denied: the file or a folder above it may not be read by this user');
  });

  it('words a broken or long credential chain of the Profiles view in the display language', () => {
    const steps = Array.from({ length: 2000 }, (_, i) => ({ profile: `p${i}`, kind: 'role' as const, roleArn: `arn:aws:iam::123456789012:role/R${i}` }));
    const cycle: ProfileChain = { steps: steps.slice(0, 2), cycle: ['a', 'b', 'a'], roleHops: 1 };
    const missing: ProfileChain = { steps: steps.slice(0, 1), missingProfile: 'gone', roleHops: 1 };
    const long: ProfileChain = { steps, roleHops: 2000 };
    useDisplayLanguageForCoreWords({ 'cycle: {0}': 'Zyklus: {0}', 'missing profile "{0}"': 'fehlendes Profil „{0}“', '… {0} more …': '… {0} weitere …' });
    assert.match(chainText(cycle, CHAIN_WORDS), / → Zyklus: a → b → a$/);
    assert.match(chainText(missing, CHAIN_WORDS), /^fehlendes Profil „gone“ → p0 /);
    assert.match(chainText(long, CHAIN_WORDS), / → … 1,990 weitere … → /);
    useDisplayLanguageForCoreWords();
    assert.match(chainText(cycle, CHAIN_WORDS), / → cycle: a → b → a$/);
    assert.strictEqual(chainText(missing, CHAIN_WORDS), 'missing profile "gone" → p0 (R0 @ 123456789012)');
    assert.match(chainText(long, CHAIN_WORDS), / → … 1,990 more … → /);
  });
});
