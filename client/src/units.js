// ServiceCoin (SCV) amounts: 18 decimals. Amounts are BigInt planck everywhere.

/** Decimals of SCV. */
export const DECIMALS = 18;
/** Symbol of the native token. */
export const SYMBOL = 'SCV';
/** One SCV in planck. */
export const UNIT = 10n ** BigInt(DECIMALS);

/**
 * Parses a decimal SCV amount ("1.5", "0.000000000000000001", "3") into planck.
 * @param {string|number|bigint} value
 * @returns {bigint}
 */
export function parseScv (value) {
  if (typeof value === 'bigint') return value * UNIT;
  const text = String(value).trim();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not an SCV amount: "${text}"`);
  const [, whole, frac = ''] = m;
  if (frac.length > DECIMALS) throw new Error(`"${text}" has more than ${DECIMALS} decimals`);
  return BigInt(whole) * UNIT + BigInt(frac.padEnd(DECIMALS, '0'));
}

/**
 * Formats planck as SCV with all significant decimals ("1.5 SCV").
 * @param {bigint|string|number|{toString(): string}} planck
 * @param {{symbol?: boolean}} [opts]
 * @returns {string}
 */
export function formatScv (planck, { symbol = true } = {}) {
  let v = BigInt(planck.toString());
  const negative = v < 0n;
  if (negative) v = -v;
  const whole = v / UNIT;
  const frac = (v % UNIT).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
  const text = `${negative ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
  return symbol ? `${text} ${SYMBOL}` : text;
}
