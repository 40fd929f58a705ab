import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  currencyExponent,
  excludingPercent,
  formatMoney,
  hasPercentPrecision,
  isCurrencyCode,
  mulDiv,
  percentOf,
  percentUnits,
  roundHalfAwayFromZero,
  roundToStep,
  scaledToStep,
} from './money.ts';

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

round('leaves large integers alone (the tolerance is capped)', () => {
  assert.is(roundHalfAwayFromZero(2 ** 49), 2 ** 49);
  assert.is(roundHalfAwayFromZero(2 ** 52 + 2), 2 ** 52 + 2);
  assert.is(roundHalfAwayFromZero(2 ** 41 + 0.25), 2 ** 41);
});

round('does not move values that are truly below a tie', () => {
  assert.is(roundHalfAwayFromZero(14.4999999), 14);
  assert.is(roundHalfAwayFromZero(0.49999), 0);
});

round.run();

const exact = suite('mulDiv');

exact('rounds a × b / d half away from zero, exactly', () => {
  assert.is(mulDiv(7, 1, 2, 'round'), 4);
  assert.is(mulDiv(-7, 1, 2, 'round'), -4);
  assert.is(mulDiv(5, 1, 3, 'round'), 2);
  assert.is(mulDiv(-5, 1, 3, 'round'), -2);
  assert.ok(Object.is(mulDiv(-1, 1, 3, 'round'), 0));
});

exact('floors and ceils toward −∞ and +∞', () => {
  assert.is(mulDiv(7, 1, 2, 'floor'), 3);
  assert.is(mulDiv(-7, 1, 2, 'floor'), -4);
  assert.is(mulDiv(7, 1, 2, 'ceil'), 4);
  assert.is(mulDiv(-7, 1, 2, 'ceil'), -3);
  assert.is(mulDiv(8, 1, 2, 'ceil'), 4);
});

exact('stays exact beyond 2^53 through BigInt', () => {
  // 994679729 × 107.9631 % — the float product is off by more than the distance to the tie
  assert.is(mulDiv(994_679_729, 107_963_100, 100_000_000, 'round'), 1_073_887_070);
  assert.is(mulDiv(1e12, 3e8 + 1, 1e8, 'round'), 3_000_000_010_000);
  assert.is(mulDiv(-1e12, 3e8 + 1, 1e8, 'floor'), -3_000_000_010_000);
  assert.is(mulDiv(1e12, 1e8 + 50_000_000, 1e8 * 2, 'round'), 750_000_000_000);
  assert.is(mulDiv(999_999_999_999, 150_000_001, 100_000_000, 'floor'), 1_500_000_009_998);
  assert.is(mulDiv(999_999_999_999, 150_000_001, 100_000_000, 'ceil'), 1_500_000_009_999);
  assert.is(mulDiv(-999_999_999_999, 150_000_001, 100_000_000, 'ceil'), -1_500_000_009_998);
  assert.is(mulDiv(-999_999_999_999, 150_000_001, 100_000_000, 'round'), -1_500_000_009_998);
  assert.is(mulDiv(999_999_999_999, 100_000_001, 100_000_000, 'round'), 1_000_000_009_999);
});

exact.run();

const percents = suite('percentUnits / hasPercentPrecision');

percents('holds percentages with up to 6 decimals as exact integers', () => {
  assert.is(percentUnits(8.25), 8_250_000);
  assert.is(percentUnits(33.333333), 33_333_333);
  assert.is(percentUnits(-12.5), -12_500_000);
  assert.ok(hasPercentPrecision(8.25));
  assert.ok(hasPercentPrecision(0.000001));
  assert.ok(hasPercentPrecision(999.999999));
  assert.not.ok(hasPercentPrecision(0.0000001));
  assert.not.ok(hasPercentPrecision(1 / 3));
});

percents.run();

const helpers = suite('percentOf / excludingPercent / scaledToStep / roundToStep');

helpers('percentOf rounds amount × percent / 100 (the spec\'s rush, discount and tax figures)', () => {
  assert.is(percentOf(28900, percentUnits(25)), 7225);
  assert.is(percentOf(36125, percentUnits(10)), 3613);
  assert.is(percentOf(32512, percentUnits(8.25)), 2682);
  assert.is(percentOf(1000, percentUnits(-12.5)), -125);
  assert.is(percentOf(10, percentUnits(-5)), -1);
});

helpers('excludingPercent takes the net out of a gross amount', () => {
  assert.is(excludingPercent(11900, percentUnits(19)), 10000);
  assert.is(excludingPercent(1000, percentUnits(19)), 840);
  assert.is(excludingPercent(3750, percentUnits(10)), 3409);
});

helpers('scaledToStep floors or ceils a scaled amount to the step (range bounds)', () => {
  assert.is(scaledToStep(35200, -percentUnits(10), 100, 'floor'), 31600);
  assert.is(scaledToStep(35200, percentUnits(15), 100, 'ceil'), 40500);
  assert.is(scaledToStep(10000, percentUnits(10), 100, 'ceil'), 11000);
  assert.is(scaledToStep(10000, -percentUnits(10), 100, 'floor'), 9000);
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
