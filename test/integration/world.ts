// The seeded local AWS world the harness describes in STS_LENS_TEST_WORLD (see test/harness/world.js).
import * as fs from 'fs';

export interface TestWorld {
  readonly accountId: string;
  readonly region: string;
  /** moto itself (STS + IAM). */
  readonly stsEndpoint: string;
  /** The DecodeAuthorizationMessage responder; it forwards every other request to moto. */
  readonly decodeEndpoint: string;
  /** What every profile's endpoint_url points at (the responder). */
  readonly endpointUrl: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** POST {"decoded": {...}, "delayMs"?, "error"?: {status, code, message}} here -> {"encodedMessage"}. */
  readonly issueUrl: string;
  readonly users: Record<string, { arn: string; accessKeyId: string; mfaSerial?: string }>;
  readonly roles: Record<string, { arn: string; externalId?: string; mfaSerial?: string }>;
  readonly profiles: Record<string, Record<string, string>>;
  /** Encoded messages issued from test/fixtures/authz/decoded/<name>.json, by name. */
  readonly encodedMessages: Record<string, string>;
  /** sample: decodes; accessDenied: 403; slow: answers after 5 s; unknown: never issued (400). */
  readonly specialMessages: { sample: string; accessDenied: string; slow: string; unknown: string };
}

export function testWorld(): TestWorld {
  const file = process.env.STS_LENS_TEST_WORLD;
  if (!file) throw new Error('STS_LENS_TEST_WORLD is not set: run integration tests with `npm run test:integration`.');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TestWorld;
}

/** Asks the decode responder to issue a new encoded message for `decoded`. */
export async function issueEncodedMessage(decoded: unknown, options: { delayMs?: number; error?: { status: number; code: string; message: string } } = {}): Promise<string> {
  const res = await fetch(testWorld().issueUrl, { method: 'POST', body: JSON.stringify({ decoded, ...options }) });
  if (!res.ok) throw new Error(`issuing an encoded message failed: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { encodedMessage: string }).encodedMessage;
}
