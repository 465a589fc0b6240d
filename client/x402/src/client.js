// The client side of ServiceChain's x402 `batch-settlement` binding (docs/x402.md): an
// `@x402/core` `SchemeNetworkClient` that pays with channel vouchers. On the first 402 of a
// service it adopts the consumer's open channel to it or opens one (within the budget the user
// set), tops the channel up when its deposit would not cover the next request, and signs the
// next cumulative voucher for every request. The count moves on only when the server confirmed
// the commitment (`PAYMENT-RESPONSE`), after a corrective 402 whose voucher the consumer
// recognises as its own signature, or to the channel's claims on chain. It checks the server's
// requirements against the chain before it opens or funds anything, gives its budget back when a
// transaction fails, and stops paying a service whose server refused three payments in a row.
import {
  REASONS, X402_ASSET, X402_SCHEME, commitmentId, decodeMultiSignature, signPayment, x402Network
} from '@servicechain/client/x402';
import { getChannel, getService, listChannels, openChannel, owedFor, topUp, verifyVoucherSignature } from '@servicechain/client';

/** Refused payments in a row after which a service's server is not paid any more. */
const MAX_REFUSALS = 3;

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
    /** service id (string) -> refused payments in a row */
    this.refusals = new Map();
    /** service id (string) -> { key, at }: requirements last checked against the chain */
    this.checked = new Map();
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
    if ((this.refusals.get(serviceId) ?? 0) >= MAX_REFUSALS) {
      throw new Error(`not paying service ${serviceId} any more: its server refused ${MAX_REFUSALS} payments in a row`);
    }
    await this.#checkTerms(serviceId, requirements, units);
    let state = this.channels.get(serviceId) ?? await this.#adopt(serviceId, amount, units);
    let ch = state ? await getChannel(this.api, state.channelId) : null;
    if (!ch || ch.settleUntil !== null || ch.pricePerUnit * units > amount || ch.payee !== requirements.payTo) {
      state = await this.#open(serviceId, requirements, units);
      ch = await getChannel(this.api, state.channelId);
    }
    if (state.units < ch.claimedUnits) state.units = ch.claimedUnits;
    const next = state.units + units;
    const owed = owedFor(ch, next);
    if (owed > ch.deposit) {
      const chunk = await this.#chunk(requirements);
      const add = chunk > owed - ch.deposit ? chunk : owed - ch.deposit;
      await this.#spending(add, () => topUp(this.api, this.pair, state.channelId, add));
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

  /** The requirements must be what the chain says of the service: its payee, at most its price
   * (checked again after a minute, or when the requirements change). */
  async #checkTerms (serviceId, requirements, units) {
    const key = `${requirements.payTo}/${requirements.amount}/${units}`;
    const last = this.checked.get(serviceId);
    if (last?.key === key && Date.now() - last.at < 60_000) return;
    const service = await getService(this.api, Number(serviceId));
    if (!service || service.status !== 'Active') throw new Error(`service ${serviceId} is not an active service on this chain`);
    if ((service.beneficiary ?? service.provider) !== requirements.payTo) {
      throw new Error(`service ${serviceId} pays ${service.beneficiary ?? service.provider}, not ${requirements.payTo}`);
    }
    if (service.pricePerUnit * units > BigInt(requirements.amount)) {
      throw new Error(`service ${serviceId} costs ${service.pricePerUnit * units} per request, more than the ${requirements.amount} asked`);
    }
    this.checked.set(serviceId, { key, at: Date.now() });
  }

  async #open (serviceId, requirements, units) {
    const deposit = await this.#chunk(requirements);
    const { channelId } = await this.#spending(deposit, () => openChannel(this.api, this.pair, Number(serviceId), deposit));
    this.log(`opened channel ${channelId} to service ${serviceId} with ${deposit}`);
    const state = { channelId, units: 0n };
    this.channels.set(serviceId, state);
    return state;
  }

  /** Planck per opening or top-up: `deposit`, else 100 requests or the chain's minimum. */
  async #chunk (requirements) {
    if (this.deposit !== null) return this.deposit;
    const hundred = BigInt(requirements.amount) * 100n;
    const min = (await this.api.call.meteredPaymentsApi.parameters()).minDeposit.toBigInt();
    return hundred > min ? hundred : min;
  }

  /** Runs `tx`, which puts `amount` into a channel, within the budget; a failed one costs none. */
  async #spending (amount, tx) {
    if (this.spent + amount > this.budget) {
      throw new Error(`the x402 budget (${this.budget} planck) does not allow ${amount} more (spent ${this.spent})`);
    }
    this.spent += amount;
    try {
      return await tx();
    } catch (e) {
      this.spent -= amount;
      throw e;
    }
  }

  async #onPaymentResponse ({ paymentPayload, requirements, settleResponse, paymentRequired }) {
    const serviceId = String(requirements.extra?.serviceId ?? '');
    const state = this.channels.get(serviceId);
    const sent = paymentPayload.payload;
    if (!state || String(state.channelId) !== sent.channelId) return;
    if (settleResponse?.success) {
      if (settleResponse.transaction === commitmentId(sent.channelId, sent.cumulativeUnits)) {
        state.units = BigInt(sent.cumulativeUnits);
        this.refusals.delete(serviceId);
        state.recovering = false;
      }
      return;
    }
    if (!paymentRequired) return;
    this.refusals.set(serviceId, (this.refusals.get(serviceId) ?? 0) + 1);
    const error = paymentRequired.error;
    // One recovery per request: a server that refuses the corrected payment again is not
    // followed further (it may be holding every voucher it is sent).
    if (state.recovering) {
      state.recovering = false;
      return;
    }
    if (error === REASONS.mismatch) {
      // The server counts more than we do (an answer that never reached us): adopt its count
      // only with our own signature on it, or the channel's claims on chain.
      const v = paymentRequired.accepts?.[0]?.extra?.voucherState;
      const sig = v ? decodeMultiSignature(v.signature) : null;
      if (sig && /^\d{1,20}$/.test(String(v.cumulativeUnits)) && BigInt(v.cumulativeUnits) > state.units &&
        verifyVoucherSignature(this.pair.address, this.genesisHash, state.channelId, BigInt(v.cumulativeUnits), sig.raw)) {
        state.units = BigInt(v.cumulativeUnits);
        state.recovering = true;
        return { recovered: true };
      }
      const ch = await getChannel(this.api, state.channelId);
      if (ch && ch.claimedUnits > state.units) {
        state.units = ch.claimedUnits;
        state.recovering = true;
        return { recovered: true };
      }
      return;
    }
    if (DROP.has(error) || error === REASONS.deposit) {
      this.channels.delete(serviceId);
      state.recovering = true;
      return { recovered: true };
    }
  }
}
