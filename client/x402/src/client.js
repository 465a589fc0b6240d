// The client side of ServiceChain's x402 `batch-settlement` binding (docs/x402.md): an
// `@x402/core` `SchemeNetworkClient` that pays with channel vouchers. On the first 402 of a
// service it adopts the consumer's open channel to it or opens one (within the budget the user
// set), tops the channel up when its deposit would not cover the next request, and signs the
// next cumulative voucher for every request. The count moves on only when the server confirmed
// the commitment (`PAYMENT-RESPONSE`), or after a corrective 402 whose voucher the consumer
// recognises as its own signature.
import {
  REASONS, X402_ASSET, X402_SCHEME, commitmentId, decodeMultiSignature, signPayment, x402Network
} from '@servicechain/client/x402';
import { getChannel, listChannels, openChannel, topUp, verifyVoucherSignature } from '@servicechain/client';

/** Reasons after which the channel is given up: the next payment opens or adopts another. */
const DROP = new Set([REASONS.unknownChannel, REASONS.closing, REASONS.price, REASONS.payTo, REASONS.wrongService]);

export class ServiceChainBatchClient {
  /**
   * @param {object} o
   * @param {import('@polkadot/api').ApiPromise} o.api connected to the ServiceChain node
   * @param {any} o.pair the consumer's keyring pair (sr25519, ed25519 or ecdsa)
   * @param {bigint} o.budget most planck this client may put into channels (deposits and
   *   top-ups together); beyond it payments fail
   * @param {bigint} [o.deposit] planck per channel opening or top-up (default: the larger of the
   *   chain's minimum deposit and 100 requests)
   * @param {(msg: string) => void} [o.log]
   */
  constructor ({ api, pair, budget, deposit = null, log = () => {} }) {
    this.scheme = X402_SCHEME;
    this.api = api;
    this.pair = pair;
    this.budget = BigInt(budget);
    this.deposit = deposit === null ? null : BigInt(deposit);
    this.spent = 0n;
    this.log = log;
    this.genesisHash = api.genesisHash.toHex();
    this.network = x402Network(this.genesisHash);
    /** service id (string) -> { channelId: bigint, units: bigint } (units: confirmed cumulative) */
    this.channels = new Map();
    this.schemeHooks = { onPaymentResponse: (ctx) => this.#onPaymentResponse(ctx) };
  }

  /** What a payment needs: the channel (adopted, opened or topped up) and the signed voucher. */
  async createPaymentPayload (x402Version, requirements) {
    if (requirements.network !== this.network) throw new Error(`not this chain's network: ${requirements.network}`);
    if (requirements.asset !== X402_ASSET) throw new Error(`unknown asset ${requirements.asset}`);
    const serviceId = String(requirements.extra?.serviceId ?? '');
    const units = BigInt(requirements.extra?.unitsPerRequest ?? '1');
    if (!/^\d+$/.test(serviceId)) throw new Error('requirements without a serviceId');
    const amount = BigInt(requirements.amount);
    let state = this.channels.get(serviceId) ?? await this.#adopt(serviceId, amount, units);
    let ch = state ? await getChannel(this.api, state.channelId) : null;
    if (!ch || ch.settleUntil !== null || ch.pricePerUnit * units > amount || ch.payee !== requirements.payTo) {
      state = await this.#open(serviceId, requirements, units);
      ch = await getChannel(this.api, state.channelId);
    }
    if (state.units < ch.claimedUnits) state.units = ch.claimedUnits;
    const next = state.units + units;
    const owed = (next - ch.claimedUnits) * ch.pricePerUnit;
    if (owed > ch.deposit) {
      const add = this.#chunk(requirements) > owed - ch.deposit ? this.#chunk(requirements) : owed - ch.deposit;
      this.#spend(add);
      await topUp(this.api, this.pair, state.channelId, add);
      this.log(`topped up channel ${state.channelId} by ${add}`);
    }
    return { x402Version, payload: signPayment(this.pair, this.genesisHash, state.channelId, next) };
  }

  /** The consumer's open channel to the service with the most deposit left, if any. */
  async #adopt (serviceId, amount, units) {
    const mine = (await listChannels(this.api, this.pair.address))
      .filter((c) => String(c.serviceId) === serviceId && c.settleUntil === null && c.pricePerUnit * units <= amount)
      .sort((a, b) => (a.deposit > b.deposit ? -1 : 1));
    if (!mine.length) return null;
    // What the server accepted beyond the claims is not on chain: a corrective 402 tells.
    const state = { channelId: mine[0].id, units: mine[0].claimedUnits };
    this.channels.set(serviceId, state);
    return state;
  }

  async #open (serviceId, requirements, units) {
    const deposit = this.#chunk(requirements);
    this.#spend(deposit);
    const { channelId } = await openChannel(this.api, this.pair, Number(serviceId), deposit);
    this.log(`opened channel ${channelId} to service ${serviceId} with ${deposit}`);
    const state = { channelId, units: 0n };
    this.channels.set(serviceId, state);
    return state;
  }

  /** Planck per opening or top-up. */
  #chunk (requirements) {
    if (this.deposit !== null) return this.deposit;
    const hundred = BigInt(requirements.amount) * 100n;
    const min = BigInt(requirements.extra?.minDeposit ?? '0');
    return hundred > min ? hundred : min;
  }

  #spend (amount) {
    if (this.spent + amount > this.budget) {
      throw new Error(`the x402 budget (${this.budget} planck) does not allow ${amount} more (spent ${this.spent})`);
    }
    this.spent += amount;
  }

  async #onPaymentResponse ({ paymentPayload, requirements, settleResponse, paymentRequired }) {
    const serviceId = String(requirements.extra?.serviceId ?? '');
    const state = this.channels.get(serviceId);
    const sent = paymentPayload.payload;
    if (!state || String(state.channelId) !== sent.channelId) return;
    if (settleResponse?.success) {
      if (settleResponse.transaction === commitmentId(sent.channelId, sent.cumulativeUnits)) state.units = BigInt(sent.cumulativeUnits);
      return;
    }
    const error = paymentRequired?.error;
    if (error === REASONS.mismatch) {
      // The server counts differently: adopt its count only with our own signature on it.
      const extra = paymentRequired.accepts?.[0]?.extra ?? {};
      const v = extra.voucherState;
      const c = extra.channelState;
      if (v && c?.channelId === sent.channelId) {
        const sig = decodeMultiSignature(v.signature);
        if (sig && verifyVoucherSignature(this.pair.address, this.genesisHash, state.channelId, BigInt(v.cumulativeUnits), sig.raw)) {
          state.units = BigInt(v.cumulativeUnits);
          return { recovered: true };
        }
      }
      if (c?.channelId === sent.channelId && BigInt(c.claimedUnits) > state.units) {
        state.units = BigInt(c.claimedUnits); // on chain: no signature needed
        return { recovered: true };
      }
      return;
    }
    if (DROP.has(error) || error === REASONS.deposit) {
      this.channels.delete(serviceId);
      return { recovered: true };
    }
  }
}
