// ServiceChain SDK entry point.
import { ApiPromise, WsProvider } from '@polkadot/api';

export { DECIMALS, SYMBOL, UNIT, formatScv, parseScv } from './units.js';
export { DispatchError, decodeDispatchError, signAndWait } from './tx.js';
export {
  VOUCHER_DOMAIN, VOUCHER_PAYLOAD_LEN, signVoucher, verifyVoucherSignature, voucherPayload
} from './vouchers.js';

/**
 * Connects to a ServiceChain node. The API is built from the chain's own metadata (no
 * hand-written type registry).
 * @param {string} [url] e.g. `ws://127.0.0.1:9944`
 * @param {{timeoutMs?: number}} [opts]
 * @returns {Promise<ApiPromise>}
 */
export async function connect (url = 'ws://127.0.0.1:9944', { timeoutMs = 30_000 } = {}) {
  const provider = new WsProvider(url, 1_000, {}, timeoutMs);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}
