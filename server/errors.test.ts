import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError, isAppError } from './errors.ts';

const appError = suite('AppError');

appError('exposes client errors and hides server errors', () => {
  assert.is(new AppError(422, 'invalid_field', 'bad').expose, true);
  assert.is(new AppError(500, 'server_error', 'boom').expose, false);
});

appError('serialises to the wire shape, with details only when there are some', () => {
  assert.equal(new AppError(404, 'not_found', 'nothing here').toJSON(), { error: { code: 'not_found', message: 'nothing here' } });
  const withDetails = new AppError(422, 'invalid_field', 'rooms must be at most 30', { details: [{ path: 'fields.rooms', message: 'must be at most 30' }] });
  assert.equal(withDetails.toJSON(), {
    error: { code: 'invalid_field', message: 'rooms must be at most 30', details: [{ path: 'fields.rooms', message: 'must be at most 30' }] },
  });
  assert.equal(new AppError(422, 'x', 'y', { details: [] }).toJSON(), { error: { code: 'x', message: 'y' } });
});

appError('keeps its cause', () => {
  const cause = new Error('root');
  assert.is(new AppError(500, 'server_error', 'wrapped', { cause }).cause, cause);
  assert.is(new AppError(500, 'server_error', 'plain').cause, undefined);
});

appError.run();

const guard = suite('isAppError');

guard('recognises app errors, also from another realm, and nothing else', () => {
  assert.ok(isAppError(new AppError(400, 'invalid_request', 'x')));
  const lookalike = Object.assign(new Error('x'), { status: 400, code: 'invalid_request' });
  assert.ok(isAppError(lookalike));
  assert.not.ok(isAppError(new Error('plain')));
  assert.not.ok(isAppError({ status: 400, code: 'x' }));
  assert.not.ok(isAppError(null));
});

guard.run();
