import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ceilExact, currencyExponent, floorExact, formatMoney, isCurrencyCode, percentOf, roundHalfAwayFromZero, roundToStep } from './money.ts';

const round = suite('roundHalfAwayFromZero');

round('rounds ties away from zero (1.5 → 2, 2.5 → 3, −1.5 → −2)', () => {
  assert.is(roundHalfAwayFromZero(1.5), 2);
  assert.is(roundHalfAwayFromZero(2.5), 3);
  assert.is(roundHalfAwayFromZero(-1.5), -2);
  assert.is(roundHalfAwayFromZero(-2.5), -3);
});

round('rounds everything else to the nearest integer', () => {
  assert.is(roundHalfAwayFromZero(2682.24), 2682);
  assert.is(roundHalfAwayFromZero(2.49), 2);
  assert.is(roundHalfAwayFromZero(-2.51), -3);
  assert.is(roundHalfAwayFromZero(7), 7);
});

round('never answers −0', () => {
  assert.ok(Object.is(roundHalfAwayFromZero(-0.4), 0));
  assert.ok(Object.is(roundHalfAwayFromZero(-0), 0));
});

round('treats float noise just below a tie as the tie (0.285 × 100, 1.005 × 1000)', () => {
  assert.is(0.285 * 100, 28.499999999999996);
  assert.is(roundHalfAwayFromZero(0.285 * 100), 29);
  assert.is(roundHalfAwayFromZero(-0.285 * 100), -29);
  assert.is(1.005 * 1000, 1004.9999999999999);
  assert.is(roundHalfAwayFromZero(1.005 * 1000), 1005);
});

round('does not move values that are truly below a tie', () => {
  assert.is(roundHalfAwayFromZero(14.4999999), 14);
  assert.is(roundHalfAwayFromZero(0.49999), 0);
});

round.run();

const exact = suite('floorExact / ceilExact');

exact('ignore float noise around integers', () => {
  assert.is(100 * 1.1, 110.00000000000001);
  assert.is(ceilExact(100 * 1.1), 110);
  assert.is(4.35 * 100, 434.99999999999994);
  assert.is(floorExact(4.35 * 100), 435);
  assert.is(floorExact(0.1 * 3 * 10), 3); // 3.0000000000000004
  assert.is(floorExact(2.9999999999999996), 3);
});

exact('floor and ceil real fractions as usual', () => {
  assert.is(floorExact(316.8), 316);
  assert.is(ceilExact(404.8), 405);
  assert.is(floorExact(-1.5), -2);
  assert.is(ceilExact(-1.5), -1);
});

exact.run();

const helpers = suite('percentOf / roundToStep');

helpers('percentOf rounds amount × percent / 100 (the spec\'s rush and discount figures)', () => {
  assert.is(percentOf(28900, 25), 7225);
  assert.is(percentOf(36125, 10), 3613);
  assert.is(percentOf(32512, 8.25), 2682);
  assert.is(percentOf(1000, -12.5), -125);
});

helpers('roundToStep goes to the nearest multiple, ties away from zero', () => {
  assert.is(roundToStep(35194, 100), 35200);
  assert.is(roundToStep(35150, 100), 35200);
  assert.is(roundToStep(35149, 100), 35100);
  assert.is(roundToStep(-150, 100), -200);
  assert.is(roundToStep(12, 5), 10);
});

helpers.run();

const currency = suite('isCurrencyCode / currencyExponent / formatMoney');

currency('knows ISO 4217 codes and refuses others', () => {
  for (const code of ['USD', 'EUR', 'GBP', 'JPY', 'BHD', 'CHF']) assert.ok(isCurrencyCode(code), code);
  for (const code of ['usd', 'US', 'ABC', 'DOLLAR', '']) assert.not.ok(isCurrencyCode(code), code);
});

currency('gives each currency its minor-unit exponent', () => {
  assert.is(currencyExponent('USD'), 2);
  assert.is(currencyExponent('JPY'), 0);
  assert.is(currencyExponent('BHD'), 3);
  assert.is(currencyExponent('BHD'), 3); // cached
});

currency('formats minor units for people in a locale', () => {
  assert.is(formatMoney(35200, 'USD', 'en-US'), '$352.00');
  assert.is(formatMoney(13600, 'JPY', 'en-US'), '¥13,600');
  assert.is(formatMoney(3750, 'BHD', 'en-US'), 'BHD\u00a03.750');
  assert.is(formatMoney(11900, 'EUR', 'de-DE'), '119,00\u00a0€');
});

currency.run();
