import type { LookupAddress } from 'node:dns';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isPublicAddress, publicOnlyLookup } from './ssrf-guard.ts';

const addresses = suite('isPublicAddress');

addresses('refuses private, loopback, link-local and other special addresses', () => {
  for (const address of [
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
    '255.255.255.255', '198.18.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe', '2001:db8::1', 'not-an-ip', '',
  ]) {
    assert.is(isPublicAddress(address), false, address);
  }
});

addresses('allows public addresses', () => {
  for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) assert.is(isPublicAddress(address), true, address);
});

const lookup = suite('publicOnlyLookup');

type Answer = { error?: Error; addresses?: LookupAddress[] };
const fakeResolver = (answer: Answer) =>
  ((_host: string, _options: object, callback: (error: Error | null, addresses: LookupAddress[]) => void) => callback(answer.error ?? null, answer.addresses ?? [])) as never;

function resolve(answer: Answer, all = false): Promise<{ error: Error | null; address: unknown }> {
  return new Promise((done) => publicOnlyLookup(fakeResolver(answer))('hooks.example', { all }, (error, address) => done({ error, address })));
}

lookup('answers the first public address, or all of them', async () => {
  const addresses = [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }];
  assert.equal(await resolve({ addresses }), { error: null, address: '93.184.216.34' });
  assert.equal(await resolve({ addresses }, true), { error: null, address: addresses });
});

lookup('refuses a name with any non-public address (no picking the harmless one)', async () => {
  const { error } = await resolve({ addresses: [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }] });
  assert.match(error?.message ?? '', 'refused: hooks.example resolves to 10.0.0.7');
  assert.is((error as { code?: string }).code, 'EBLOCKEDADDRESS');
});

lookup('passes on resolver errors and empty answers as errors', async () => {
  assert.match((await resolve({ error: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) })).error?.message ?? '', 'ENOTFOUND');
  assert.match((await resolve({ addresses: [] })).error?.message ?? '', 'has no address');
});

addresses.run();
lookup.run();
