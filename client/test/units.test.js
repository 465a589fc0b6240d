import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT, formatScv, parseScv } from '../src/index.js';

test('parseScv handles whole, fractional and smallest amounts', () => {
  assert.equal(parseScv('1'), UNIT);
  assert.equal(parseScv('1.5'), UNIT + UNIT / 2n);
  assert.equal(parseScv('0.000000000000000001'), 1n);
  assert.equal(parseScv(3n), 3n * UNIT);
});

test('parseScv rejects malformed and over-precise input', () => {
  assert.throws(() => parseScv('1.2.3'), /not an SCV amount/);
  assert.throws(() => parseScv('-1'), /not an SCV amount/);
  assert.throws(() => parseScv('0.0000000000000000001'), /more than 18 decimals/);
});

test('formatScv round-trips and trims trailing zeros', () => {
  assert.equal(formatScv(UNIT), '1 SCV');
  assert.equal(formatScv(1500000000000000000n), '1.5 SCV');
  assert.equal(formatScv(1n, { symbol: false }), '0.000000000000000001');
  assert.equal(parseScv(formatScv(123456789n, { symbol: false })), 123456789n);
});
