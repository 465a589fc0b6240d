// Display helpers: SCV amounts with the SDK's exact 18-decimal formatting (never floating point).
import { formatScv } from '@servicechain/client';

export const scv = (planck) => formatScv(planck);

/** "4.50 ★ (3)" or "unrated". */
export function rating (s) {
  if (s.averageRatingCenti === null) return 'unrated';
  const c = s.averageRatingCenti;
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')} ★ (${s.ratingCount})`;
}

/** The service's liveness in words. */
export function liveness (s) {
  if (s.status !== 'Active') return s.status.toLowerCase();
  return s.stale ? 'stale' : 'live';
}

/** Short form of an SS58 address. */
export const short = (address) => `${address.slice(0, 6)}…${address.slice(-4)}`;
