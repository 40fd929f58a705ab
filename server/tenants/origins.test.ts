import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normaliseOrigin } from './origins.ts';

const normalise = suite('normaliseOrigin');

normalise('answers the origin as a browser sends it: lowercase, no default port, no trailing slash', () => {
  assert.equal(normaliseOrigin('HTTPS://Shop.Example.COM:443/'), { ok: true, origin: 'https://shop.example.com' });
  assert.equal(normaliseOrigin('http://localhost:3000'), { ok: true, origin: 'http://localhost:3000' });
  assert.equal(normaliseOrigin('http://example.com:80'), { ok: true, origin: 'http://example.com' });
  assert.equal(normaliseOrigin(' https://example.com:8443 '), { ok: true, origin: 'https://example.com:8443' });
  assert.equal(normaliseOrigin('http://127.0.0.1:5173'), { ok: true, origin: 'http://127.0.0.1:5173' });
});

normalise('writes international host names in punycode, as the Origin header does', () => {
  assert.equal(normaliseOrigin('https://bücher.example'), { ok: true, origin: 'https://xn--bcher-kva.example' });
});

normalise('refuses a path, a query or a fragment', () => {
  const message = 'must be an origin only: no path, query or fragment (like https://www.example.com)';
  for (const value of ['https://example.com/shop', 'https://example.com?a=1', 'https://example.com#top', 'https://example.com//']) {
    assert.equal(normaliseOrigin(value), { ok: false, message }, value);
  }
});

normalise('refuses other schemes and bare host names', () => {
  const message = 'must start with https:// or http:// (like https://www.example.com)';
  for (const value of ['example.com', 'ftp://example.com', 'file:///tmp', 'null', '*']) assert.equal(normaliseOrigin(value), { ok: false, message }, value);
});

normalise('refuses credentials and wildcards', () => {
  assert.equal(normaliseOrigin('https://user:pw@example.com'), { ok: false, message: 'must not contain a user name or password' });
  assert.equal(normaliseOrigin('https://*.example.com'), { ok: false, message: 'must not contain wildcards: list each origin' });
});

normalise('refuses hosts and ports a URL cannot hold', () => {
  assert.equal(normaliseOrigin('https://example.com:99999'), { ok: false, message: '"example.com:99999" is not a valid host (and port)' });
  assert.equal(normaliseOrigin('https://exa mple.com'), { ok: false, message: '"exa mple.com" is not a valid host (and port)' });
});

normalise.run();
