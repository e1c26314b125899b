import * as assert from 'assert';
import * as v8 from 'v8';
import * as vm from 'vm';
import { lintPolicy, servicesReferenced } from '../../../src/core/policy';
import { createIamCatalog, type IamCatalogHandle } from '../../../src/node/iamData';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Bytes of blank padding per document: far more than what the caches learn from one. */
const PADDING = 400 * 1024;
const DOCUMENTS = 40;

/**
 * A document no other lint has met: its strings are new to every cache (each at least 13
 * characters, the length from which V8 shares the text a string is cut from), padded with blanks.
 */
function documentText(run: number): string {
  const names = ['GetObject', 'PutObject', 'DeleteObject', 'GetObjectAcl', 'GetObjectVersion'];
  const actions = Array.from({ length: 20 }, (_, i) => `s3:${names[i % names.length]}${i >= names.length ? 'Tagging' : ''}`);
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: `KeepNothing${run}`,
        Effect: 'Allow',
        // Unknown actions, to be given suggestions; one of a service with a long prefix, written as AWS writes it.
        Action: [...actions, 's3:GetObjectRetention*', `s3:ListBucketsOfRun${run}`, `resource-explorer-2:ListViewsOfRun${run}`],
        Resource: [`arn:aws:s3:::bucket-of-run-${run}/*`, `arn:aws:s3:::bucket-of-run-${run}`, `arn:aws:s3:::*/prefix-${run}/*`],
        Condition: { StringEqualsIgnoreCase: { [`aws:PrincipalTag/team-${run}`]: `platform-team-${run}` }, 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': [`team-${run}-*`] } },
      },
      {
        // A privilege-escalation path (passing a role to an instance), in strings new to each run.
        Sid: `LaunchWithRole${run}`,
        Effect: 'Allow',
        Action: [`iam:PassRol${'*'.repeat(run + 2)}`, `ec2:RunInstance${'*'.repeat(run + 2)}`],
        Resource: [`arn:aws:iam::123456789012:role/deployer-of-run-${run}`, `arn:aws:ec2:*:123456789012:instance/run-${run}-*`, '*'],
      },
    ],
  };
  return JSON.stringify(policy, null, 2) + ' '.repeat(PADDING);
}

function lintOnce(handle: IamCatalogHandle, run: number): void {
  const text = documentText(run);
  handle.ensureServicesSync(servicesReferenced(text));
  for (const policyType of ['IDENTITY_POLICY', 'RESOURCE_POLICY'] as const) lintPolicy(text, { policyType, catalog: handle.catalog, optIn: ['RESOURCE_STAR'] });
}

function liveHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('policy caches hold no linted document', () => {
  it('keeps the heap flat while documents are linted one after another (an editor lints every version typed)', function () {
    this.timeout(120000);
    const handle = createIamCatalog();
    // The first lint loads data and compiles code: the heap is measured from the second on.
    lintOnce(handle, -1);
    const before = liveHeap();
    for (let run = 0; run < DOCUMENTS; run++) lintOnce(handle, run);
    const grown = liveHeap() - before;
    // Kept documents would add PADDING bytes each (16 MB in all); what the caches learn is a few KB per document.
    assert.ok(grown < (DOCUMENTS * PADDING) / 4, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over ${DOCUMENTS} documents of ${PADDING / 1024} KB`);
  });
});
