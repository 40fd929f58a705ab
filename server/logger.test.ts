import { Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from './logger.ts';
import { requestContext, setRequestTenant } from './request-context.ts';

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const logger = suite('createLogger');

logger('writes JSON lines with the request id, and the tenant id once known', () => {
  const { stream, lines } = capture();
  const log = createLogger('info', stream);
  log.info('outside');
  requestContext.run({ requestId: 'req-12345678' }, () => {
    log.info('before tenant');
    setRequestTenant('11111111-1111-4111-8111-111111111111');
    log.info('after tenant');
  });
  const [outside, before, after] = lines();
  assert.is(outside?.requestId, undefined);
  assert.is(before?.requestId, 'req-12345678');
  assert.is(before?.tenantId, undefined);
  assert.is(after?.tenantId, '11111111-1111-4111-8111-111111111111');
  assert.is(after?.level, 'info');
  assert.is(after?.msg, 'after tenant');
});

logger('redacts passwords, emails and contact details', () => {
  const { stream, lines } = capture();
  createLogger('info', stream).info({ user: { password: 'hunter2', email: 'a@b.c' }, quote: { contact: { name: 'Ada' } } }, 'x');
  const [line] = lines();
  assert.equal(line?.user, { password: '[redacted]', email: '[redacted]' });
  assert.equal(line?.quote, { contact: '[redacted]' });
});

logger.run();
