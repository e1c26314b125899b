// Cost of loading and rendering a config with 1,000 profiles: SDK ini loader + model + syntax check +
// what the tree shows for each profile (kind, region, MFA, chain).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileProblems } from '../src/core/profiles/fileProblems';
import { chainWords, buildProfilesModel, chainText, needsMfa, profileChain } from '../src/core/profiles/model';
import { loadAwsFiles } from '../src/node/awsFiles';

export function syntheticConfig(count: number): { config: string; credentials: string } {
  const config: string[] = ['[default]', 'region = us-east-1', ''];
  const credentials: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 5;
    if (kind === 0) {
      credentials.push(`[user${i}]`, `aws_access_key_id = AKIAEXAMPLE${String(i).padStart(8, '0')}`, 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '');
      config.push(`[profile user${i}]`, 'region = eu-west-1', '');
    } else if (kind === 1 || kind === 2) {
      const source = kind === 1 ? `user${i - 1}` : `role${i - 1}`;
      config.push(`[profile role${i}]`, `role_arn = arn:aws:iam::${String(100000000000 + i)}:role/Role${i}`, `source_profile = ${source}`, kind === 1 ? 'mfa_serial = arn:aws:iam::123456789012:mfa/me' : 'duration_seconds = 3600', 'region = us-west-2', '');
    } else if (kind === 3) {
      config.push(`[profile sso${i}]`, 'sso_session = corp', `sso_account_id = ${100000000000 + i}`, 'sso_role_name = ReadOnly', '');
    } else {
      config.push(`[profile proc${i}]`, `credential_process = aws_signing_helper credential-process --role-arn arn:aws:iam::123456789012:role/R${i}`, '');
    }
  }
  config.push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = eu-west-1', '');
  return { config: config.join('\n'), credentials: credentials.join('\n') };
}

export async function benchProfiles(count = 1000, runs = 15): Promise<{ profiles: number; parseMs: number; renderMs: number; totalMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-bench-'));
  const files = syntheticConfig(count);
  const paths = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
  fs.writeFileSync(paths.config, files.config);
  fs.writeFileSync(paths.credentials, files.credentials);
  const parse: number[] = [];
  const render: number[] = [];
  let profiles = 0;
  try {
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const loaded = await loadAwsFiles(paths);
      fileProblems(loaded.config.text ?? '', 'config');
      fileProblems(loaded.credentials.text ?? '', 'credentials');
      const model = buildProfilesModel(loaded.configSections, loaded.credentialsSections);
      const t1 = performance.now();
      const rows: string[] = [];
      const words = chainWords();
      for (const p of model.profiles.values()) {
        const chain = profileChain(model, p.name);
        rows.push(`${p.name} ${p.kind} ${p.region ?? ''} ${needsMfa(model, p.name) ? 'MFA' : ''} ${chainText(chain, words)}`);
      }
      const t2 = performance.now();
      profiles = model.profiles.size;
      if (r > 2) {
        parse.push(t1 - t0);
        render.push(t2 - t1);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { profiles, parseMs: median(parse), renderMs: median(render), totalMs: median(parse) + median(render) };
}

if (require.main === module) {
  void benchProfiles().then((r) => {
    console.log(`profiles: ${r.profiles} profiles parsed (SDK ini loader + config linter syntax check + model) in ${r.parseMs.toFixed(1)} ms, rendered (kind, region, MFA, chain) in ${r.renderMs.toFixed(1)} ms; total ${r.totalMs.toFixed(1)} ms (median)`);
  });
}
