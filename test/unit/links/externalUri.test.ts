import * as assert from 'assert';
import { restoreDroppedPath } from '../../../src/core/links/externalUri';

describe('opening loopback links from a browser-hosted VS Code', () => {
  it('puts back the path and query a port mapping dropped (code-server\'s /proxy/PORT/)', () => {
    assert.strictEqual(
      restoreDroppedPath('http://127.0.0.1:36467/device?user_code=NKVH-HZLN', 'http://127.0.0.1:8080/proxy/36467/'),
      'http://127.0.0.1:8080/proxy/36467/device?user_code=NKVH-HZLN',
    );
    assert.strictEqual(
      restoreDroppedPath('http://localhost:4100/federation?Action=login&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F', 'https://ide.example.com/proxy/4100/'),
      'https://ide.example.com/proxy/4100/federation?Action=login&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F',
    );
  });

  it('leaves a mapping that kept them alone, and a URL that was not mapped', () => {
    // Remote-SSH and Codespaces forward the port and keep the rest.
    assert.strictEqual(restoreDroppedPath('http://127.0.0.1:36467/device?user_code=AB', 'http://localhost:51234/device?user_code=AB'), undefined);
    assert.strictEqual(restoreDroppedPath('http://127.0.0.1:36467/device?user_code=AB', 'http://127.0.0.1:36467/device?user_code=AB'), undefined);
    assert.strictEqual(restoreDroppedPath('http://127.0.0.1:36467/', 'http://127.0.0.1:8080/proxy/36467/'), undefined);
    assert.strictEqual(restoreDroppedPath('not a url', 'http://127.0.0.1:8080/proxy/1/'), undefined);
  });
});
