// ServiceChain SDK entry point.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { COLLATOR_RPC } from './collators.js';

export { DECIMALS, SYMBOL, UNIT, formatScv, parseScv } from './units.js';
export { DispatchError, decodeDispatchError, errorName, signAndWait } from './tx.js';
export { filterEvents, findEvent } from './events.js';
export {
  deregisterService, findServices, findServicesPage, getRating, getService, heartbeat, pauseService, rateService,
  reapStaleService, registerService, resumeService, serviceFromCodec, servicesOfProvider, updateService, watchServices,
  withdrawDeposit
} from './registry.js';
export {
  channelFromCodec, channelFromPage, channelLocation, CHANNELS_PER_PAGE, claim, claimBatch, closeChannel, getChannel, getPaymentRecord, listChannels, openChannel, paidToService, pay,
  removePaymentRecord, topUp, verifyVoucher
} from './payments.js';
export {
  cancelProposal, closeProposal, createDao, executeProposal, getDao, listProposals, percent, propose, proposalFromCodec, unlock, vote
} from './dao.js';
export { COLLATOR_RPC, collatorStatus, registerAsCandidate, rotateSessionKeys, setSessionKeys } from './collators.js';
export { pairFromUri } from './keys.js';
export { fetchWithPayment, OPERATOR_PATH, voucherHeader, VOUCHER_HEADER } from './gateway/consumer.js';
export * as x402 from './x402.js';
export {
  SIGNATURE_VARIANTS, VOUCHER_DOMAIN, VOUCHER_PAYLOAD_LEN, checkVoucher, claimableAmount, owedFor, remainingUnits, signVoucher, signVoucherHex,
  unitsFloor, verifyVoucherSignature, voucherForm, voucherMultiSignature, voucherPayload
} from './vouchers.js';

/**
 * Connects to a ServiceChain node. The API is built from the chain's own metadata (no
 * hand-written type registry); the one RPC method polkadot.js lacks,
 * `author_rotateKeysWithOwner`, is declared in {@link COLLATOR_RPC}.
 * @param {string} [url] e.g. `ws://127.0.0.1:9944`
 * @param {{timeoutMs?: number}} [opts]
 * @returns {Promise<ApiPromise>}
 */
export async function connect (url = 'ws://127.0.0.1:9944', { timeoutMs = 30_000 } = {}) {
  const provider = new WsProvider(url, 1_000, {}, timeoutMs);
  return ApiPromise.create({ provider, rpc: COLLATOR_RPC, noInitWarn: true, throwOnConnect: true });
}
