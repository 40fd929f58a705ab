import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';

const policy = suite('passwordProblem');

policy('accepts a long, uncommon password', () => {
  assert.is(passwordProblem('velvet-harbour-lantern-9'), null);
  assert.is(passwordProblem('Tr0ub4dor&3-horse-staple', 'ada@example.com'), null);
});

policy('refuses fewer than 12 characters, counting characters rather than bytes', () => {
  assert.is(passwordProblem('short-pass1'), 'must be at least 12 characters');
  assert.is(passwordProblem('ünïcödé-wörd'), null); // 12 characters, more bytes
  assert.is(passwordProblem('ünïcödé-wör'), 'must be at least 12 characters');
});

policy('refuses more than the maximum', () => {
  assert.is(passwordProblem('ab'.repeat(MAX_PASSWORD_LENGTH)), `must be at most ${MAX_PASSWORD_LENGTH} characters`);
});

policy('refuses the common list whatever the case', () => {
  assert.match(passwordProblem('Password1234') ?? '', 'most common');
  assert.match(passwordProblem('CORRECTHORSEBATTERYSTAPLE') ?? '', 'most common');
});

policy('refuses a common word with only digits and symbols around it', () => {
  assert.match(passwordProblem('Password2025!!') ?? '', 'digits or symbols added');
  assert.match(passwordProblem('!!qwerty998877') ?? '', 'digits or symbols added');
  assert.match(passwordProblem('123456789012345') ?? '', 'digits or symbols added');
});

policy('refuses one or two repeated characters', () => {
  assert.match(passwordProblem('abababababab') ?? '', 'repeats');
});

policy('refuses a password that contains the email\'s name', () => {
  assert.is(passwordProblem('ada.lovelace-rocks', 'ada.lovelace@example.com'), 'must not contain your email address');
  assert.is(passwordProblem('ada-is-my-name-ok', 'ada@example.com'), null); // a name of 3 letters is too short to judge
});

policy.run();
