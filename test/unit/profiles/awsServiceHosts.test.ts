import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { awsEndpointHosts } from '../../../src/core/profiles/awsEndpointHosts.generated';
import { awsServiceOfHost } from '../../../src/core/profiles/awsServiceHosts';
import { endpointVerdict } from '../../../src/core/profiles/endpointTrust';
import { repoRoot } from '../fixtures';

/** Hosts under AWS's domains where AWS customers serve their own code: never trusted without asking. */
const CUSTOMER_HOSTS = [
  'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', // API Gateway REST/HTTP API
  'a1b2c3d4e5.execute-api.us-east-1.api.aws', // API Gateway dual-stack
  'a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.us-east-1.amazonaws.com',
  'abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com', // AppSync
  'abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com',
  'attacker-bucket.s3.amazonaws.com', // S3 virtual hosts
  'attacker-bucket.s3.us-east-1.amazonaws.com',
  'attacker-bucket.s3.dualstack.us-east-1.amazonaws.com',
  'attacker-bucket.s3-fips.us-east-1.amazonaws.com',
  'attacker-bucket.s3-website-us-east-1.amazonaws.com',
  'attacker-bucket.s3-website.eu-central-1.amazonaws.com',
  'sts.s3.amazonaws.com', // a bucket named like a service
  'ap-123456789012.s3-accesspoint.us-east-1.amazonaws.com',
  'olap-123456789012.s3-object-lambda.us-east-1.amazonaws.com',
  'abcdefghijklmnop.lambda-url.us-east-1.on.aws', // Lambda function URLs
  'my-lb-1234567890.us-east-1.elb.amazonaws.com', // load balancers
  'my-nlb-0123456789abcdef.elb.us-east-1.amazonaws.com',
  'ec2-203-0-113-25.compute-1.amazonaws.com', // EC2 public names
  'ec2-203-0-113-25.us-west-2.compute.amazonaws.com',
  'd111111abcdef8.cloudfront.net', // CloudFront
  'myapp.us-east-1.elasticbeanstalk.com',
  'main.d1a2b3c4d5e6f7.amplifyapp.com',
  'abcdefgh.us-east-1.awsapprunner.com',
  'search-domain-abc.us-east-1.es.amazonaws.com',
  'a1b2c3-ats.iot.us-east-1.amazonaws.com',
  'vpce-0123-abcd.sts.us-east-1.vpce.amazonaws.com',
  'sts.us-east-1.amazonaws.com.attacker.example',
  'sts.attacker-region-1.amazonaws.com',
  'amazonaws.com',
  'api.aws',
];

/** Endpoints of the services STS Lens calls, regional, FIPS, dual-stack and global, in several partitions. */
const SERVICE_HOSTS: [string, string][] = [
  ['sts.amazonaws.com', 'STS'],
  ['sts.eu-west-1.amazonaws.com', 'STS'],
  ['sts-fips.us-east-2.amazonaws.com', 'STS'],
  ['sts.us-east-1.api.aws', 'STS'],
  ['sts-fips.us-west-2.api.aws', 'STS'],
  ['sts.us-gov-west-1.amazonaws.com', 'STS'],
  ['sts.cn-north-1.amazonaws.com.cn', 'STS'],
  ['sts.us-iso-east-1.c2s.ic.gov', 'STS'],
  ['iam.amazonaws.com', 'IAM'],
  ['iam-fips.amazonaws.com', 'IAM'],
  ['iam.global.api.aws', 'IAM'],
  ['access-analyzer.eu-west-1.amazonaws.com', 'IAM Access Analyzer'],
  ['access-analyzer-fips.us-east-1.amazonaws.com', 'IAM Access Analyzer'],
  ['organizations.us-east-1.amazonaws.com', 'Organizations'],
  ['s3.us-east-1.amazonaws.com', 'S3'],
  ['s3.dualstack.eu-west-1.amazonaws.com', 'S3'],
  ['s3-fips.us-east-2.amazonaws.com', 'S3'],
  ['kms.ap-southeast-2.amazonaws.com', 'KMS'],
  ['kms-fips.us-east-1.amazonaws.com', 'KMS'],
  ['sqs.eu-central-1.amazonaws.com', 'SQS'],
  ['sns.eu-north-1.amazonaws.com', 'SNS'],
  ['lambda.us-east-1.api.aws', 'Lambda'],
  ['secretsmanager.eu-west-2.amazonaws.com', 'Secrets Manager'],
  ['portal.sso.eu-west-1.amazonaws.com', 'IAM Identity Center'],
  ['oidc.eu-west-1.amazonaws.com', 'IAM Identity Center OIDC'],
];

describe('endpoints of the AWS services STS Lens calls', () => {
  it('trusts the regional, FIPS, dual-stack and global endpoints of every service it calls, in any case and with a final dot', () => {
    for (const [host, service] of SERVICE_HOSTS) {
      assert.strictEqual(awsServiceOfHost(host), service, host);
      assert.strictEqual(awsServiceOfHost(`${host.toUpperCase()}.`), service, host);
      assert.deepStrictEqual(endpointVerdict(`https://${host}`, 'workspaceSettings'), { kind: 'allow' }, host);
      assert.deepStrictEqual(endpointVerdict(`https://${host}/`, 'folderSettings'), { kind: 'allow' }, host);
    }
  });

  it('asks before sending credentials to a host where AWS customers serve their own code, and says why', () => {
    for (const host of CUSTOMER_HOSTS) {
      assert.strictEqual(awsServiceOfHost(host), undefined, host);
      const v = endpointVerdict(`https://${host}`, 'workspaceSettings');
      assert.strictEqual(v.kind, 'confirm', host);
      assert.ok(v.kind === 'confirm' && v.message.includes(host), host);
    }
    const v = endpointVerdict('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', 'workspaceSettings');
    assert.match(v.kind === 'confirm' ? v.message : '', /under an AWS domain but not the endpoint of an AWS service STS Lens calls/);
  });

  it('asks when a service host carries a path, query or port (a path on S3 is a bucket)', () => {
    for (const url of ['https://s3.us-east-1.amazonaws.com/attacker-bucket', 'https://s3.amazonaws.com/attacker-bucket/', 'https://sts.amazonaws.com/?x=1', 'https://sts.amazonaws.com:8443', 'https://sts.amazonaws.com/#x']) {
      assert.strictEqual(endpointVerdict(url, 'workspaceSettings').kind, 'confirm', url);
    }
  });

  it('keeps its table of service hosts equal to what the installed AWS SDK resolves (run node scripts/build-endpoint-hosts.js after an SDK update)', function () {
    this.timeout(60_000);
    const script = path.join(repoRoot(), 'scripts', 'build-endpoint-hosts.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script of the repository, found by path.
    const { computeEndpointHosts, render, OUT } = require(script) as { computeEndpointHosts(): unknown; render(t: unknown): string; OUT: string };
    const table = computeEndpointHosts();
    assert.deepStrictEqual(JSON.parse(JSON.stringify(awsEndpointHosts())), table);
    assert.strictEqual(fs.readFileSync(OUT, 'utf8'), render(table));
  });
});
