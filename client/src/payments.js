// Metered payments: channels, claims and off-chain voucher checks for providers.
import { findEvent, filterEvents } from './events.js';
import { errorName, signAndWait } from './tx.js';
import { checkVoucher } from './vouchers.js';

/** A channel as plain JS values (BigInt amounts). */
export function channelFromCodec (id, c) {
  return {
    id: BigInt(id),
    consumer: c.consumer.toString(),
    serviceId: c.serviceId.toNumber(),
    provider: c.provider.toString(),
    payee: c.payee.toString(),
    pricePerUnit: c.pricePerUnit.toBigInt(),
    deposit: c.deposit.toBigInt(),
    claimedUnits: c.claimedUnits.toBigInt(),
    paid: c.paid.toBigInt(),
    openedAt: c.openedAt.toNumber(),
    // Once the consumer asked to close: the block from which it may finalize (the provider
    // may claim until then), fixed when the close was requested.
    settleUntil: c.settleUntil.isSome ? c.settleUntil.unwrap().toNumber() : null
  };
}

/** Channels a page of `meteredPayments.channelPages` holds (the runtime's `CHANNELS_PER_PAGE`). */
export const CHANNELS_PER_PAGE = 16;

/**
 * Where a channel is stored: its page key `[group, page]` in `meteredPayments.channelPages` and
 * its slot there. An id is `group << 32 | index` with `group = serviceId + 1`; channels opened
 * before pages (group 0) are alone in page `[0, id]`, slot 0.
 * @param {bigint|number|string} id
 * @returns {{key: [number, number], slot: number}}
 */
export function channelLocation (id) {
  const n = BigInt(id);
  const group = Number(n >> 32n);
  const index = Number(n & 0xffffffffn);
  if (group === 0) return { key: [0, index], slot: 0 };
  return { key: [group, Math.floor(index / CHANNELS_PER_PAGE)], slot: index % CHANNELS_PER_PAGE };
}

/**
 * The channel `id` out of its stored page (an `Option<PageOfChannels>` codec), in the shape of
 * `channelFromCodec`; null if the page or the slot is empty (the channel is closed or never was).
 */
export function channelFromPage (id, page) {
  if (page.isNone) return null;
  const p = page.unwrap();
  const { slot } = channelLocation(id);
  // polkadot.js renames a field named like a Map method (a Struct is a Map): the runtime's
  // `entries` is `entries_` (PortableRegistry's RESERVED names).
  const entry = p.get('entries_').find((e) => e.slot.toNumber() === slot);
  if (!entry) return null;
  return {
    id: BigInt(id),
    consumer: entry.consumer.toString(),
    serviceId: p.serviceId.toNumber(),
    provider: p.provider.toString(),
    payee: p.payee.toString(),
    pricePerUnit: entry.pricePerUnit.toBigInt(),
    deposit: entry.deposit.toBigInt(),
    claimedUnits: entry.claimedUnits.toBigInt(),
    paid: entry.paid.toBigInt(),
    openedAt: entry.openedAt.toNumber(),
    settleUntil: entry.settleUntil.isSome ? entry.settleUntil.unwrap().toNumber() : null
  };
}

/**
 * Opens a channel to a service with `deposit` planck paid into the pallet's escrow (it leaves
 * the consumer's free balance; `getChannel` shows it); the price is locked now. The first
 * channel or payment to a service also holds `recordDeposit` for the consumer's ledger entry.
 * @returns {Promise<{channelId: bigint, pricePerUnit: bigint, blockHash: string}>}
 */
export async function openChannel (api, consumer, serviceId, deposit, opts) {
  const { events, blockHash } = await signAndWait(api, api.tx.meteredPayments.openChannel(serviceId, deposit), consumer, opts);
  const { channelId, pricePerUnit } = findEvent(events, 'meteredPayments', 'ChannelOpened').data;
  return { channelId: channelId.toBigInt(), pricePerUnit: pricePerUnit.toBigInt(), blockHash };
}

/** Adds `amount` planck to a channel's deposit. */
export function topUp (api, consumer, channelId, amount, opts) {
  return signAndWait(api, api.tx.meteredPayments.topUp(channelId, amount), consumer, opts);
}

/** The channel, or `null` once closed. */
export async function getChannel (api, channelId) {
  const c = await api.call.meteredPaymentsApi.channel(channelId);
  return c.isSome ? channelFromCodec(channelId, c.unwrap()) : null;
}

/**
 * All channels of an account as consumer (`role: 'consumer'`) or provider.
 * @returns {Promise<ReturnType<typeof channelFromCodec>[]>}
 */
export async function listChannels (api, who, { role = 'consumer' } = {}) {
  const method = role === 'provider' ? 'channelsOfProvider' : 'channelsOfConsumer';
  const out = [];
  let cursor = null;
  do {
    const page = await api.call.meteredPaymentsApi[method](who, cursor, 100);
    out.push(...page.channels.map(([id, c]) => channelFromCodec(id.toBigInt(), c)));
    cursor = page.nextCursor.isSome ? page.nextCursor.unwrap().toBigInt() : null;
  } while (cursor !== null);
  return out;
}

/**
 * Settles one voucher. Resolves with what was paid.
 * @param {any} signature `{ Sr25519 | Ed25519 | Ecdsa: hex }` from `signVoucher`
 * @returns {Promise<{units: bigint, amount: bigint, fee: bigint, shortfall: bigint, blockHash: string}>}
 */
export async function claim (api, submitter, channelId, cumulativeUnits, signature, opts) {
  const { events, blockHash } = await signAndWait(api,
    api.tx.meteredPayments.claim(channelId, cumulativeUnits, signature), submitter, opts);
  const d = findEvent(events, 'meteredPayments', 'Claimed').data;
  return { units: d.units.toBigInt(), amount: d.amount.toBigInt(), fee: d.fee.toBigInt(), shortfall: d.shortfall.toBigInt(), blockHash };
}

/**
 * Settles many vouchers in one extrinsic (up to `maxClaimsPerBatch`); each succeeds or fails
 * alone. Resolves with the per-channel outcomes. When every claim names the form its voucher
 * was signed in (`form: 'Plain' | 'Wrapped'`, see `voucherForm`) and the chain has
 * `claim_batch_with_forms`, that call (each signature checked in its form only, one
 * verification charged instead of two) is sent if the runtime charges it less than
 * `claim_batch` (from about eight claims on; asked with `paymentInfo`); else `claim_batch`.
 * @param {{channelId: bigint|number, cumulativeUnits: bigint|number, signature: any, form?: 'Plain'|'Wrapped'|null}[]} claims
 */
export async function claimBatch (api, submitter, claims, opts) {
  const plain = (c) => ({ channelId: c.channelId, cumulativeUnits: c.cumulativeUnits, signature: c.signature });
  let tx = api.tx.meteredPayments.claimBatch(claims.map(plain));
  const named = claims.length > 0 && claims.every((c) => c.form === 'Plain' || c.form === 'Wrapped') &&
    typeof api.tx.meteredPayments.claimBatchWithForms === 'function';
  if (named) {
    const withForms = api.tx.meteredPayments.claimBatchWithForms(claims.map((c) => [plain(c), c.form]));
    const who = opts?.signer ? submitter : (submitter.address ?? submitter);
    try {
      const [a, b] = await Promise.all([withForms.paymentInfo(who), tx.paymentInfo(who)]);
      if (a.weight.refTime.toBigInt() < b.weight.refTime.toBigInt()) tx = withForms;
    } catch { /* the weights could not be compared: claim_batch */ }
  }
  const { events, blockHash } = await signAndWait(api, tx, submitter, opts);
  const claimed = filterEvents(events, 'meteredPayments', 'Claimed').map((e) => ({
    channelId: e.data.channelId.toBigInt(), amount: e.data.amount.toBigInt(), fee: e.data.fee.toBigInt(), shortfall: e.data.shortfall.toBigInt()
  }));
  const failed = filterEvents(events, 'meteredPayments', 'ClaimFailed').map((e) => ({
    channelId: e.data.channelId.toBigInt(), error: errorName(api, e.data.error)
  }));
  return { claimed, failed, blockHash };
}

/**
 * Closes a channel. As its provider: at once, settling `finalVoucher` (`{ cumulativeUnits,
 * signature }`) if given. As its consumer: `requestClose` first, then `finalizeClose` after
 * the settlement window (`{ finalize: true }`).
 */
export function closeChannel (api, signer, channelId, { asProvider = false, finalVoucher = null, finalize = false } = {}, opts) {
  if (asProvider) {
    const v = finalVoucher ? [finalVoucher.cumulativeUnits, finalVoucher.signature] : null;
    return signAndWait(api, api.tx.meteredPayments.close(channelId, v), signer, opts);
  }
  const tx = finalize ? api.tx.meteredPayments.finalizeClose(channelId) : api.tx.meteredPayments.requestClose(channelId);
  return signAndWait(api, tx, signer, opts);
}

/** Pays `units` of a service directly, without a channel. */
export function pay (api, consumer, serviceId, units, opts) {
  return signAndWait(api, api.tx.meteredPayments.pay(serviceId, units), consumer, opts);
}

/**
 * A payer's ledger entry for a service: what it paid (its rating weighs that much), the deposit
 * held for the entry and its open channels to the service; `null` without one.
 * @returns {Promise<{paid: bigint, deposit: bigint, channels: number}|null>}
 */
/**
 * What `who` has paid service `serviceId` (what its rating weighs): its ledger entry's `paid`
 * plus what its open channels opened since pages paid (the chain credits those to the entry
 * when they close; channels opened before pages credited it at every claim). 0n without an entry.
 */
export async function paidToService (api, who, serviceId) {
  const record = await getPaymentRecord(api, who, serviceId);
  if (!record) return 0n;
  const open = (await listChannels(api, who)).filter((c) => c.serviceId === Number(serviceId) && (c.id >> 32n) !== 0n);
  return open.reduce((sum, c) => sum + c.paid, record.paid);
}

export async function getPaymentRecord (api, who, serviceId) {
  const r = await api.query.meteredPayments.paidToService(who, serviceId);
  if (r.isNone) return null;
  const { paid, deposit, channels } = r.unwrap();
  return { paid: paid.toBigInt(), deposit: deposit.toBigInt(), channels: channels.toNumber() };
}

/**
 * Removes the payer's ledger entry for a service once it has no open channel to it: the
 * entry's deposit is released and the payer's rating of the service goes with it.
 */
export function removePaymentRecord (api, payer, serviceId, opts) {
  return signAndWait(api, api.tx.meteredPayments.removePaymentRecord(serviceId), payer, opts);
}

/**
 * Checks a voucher as a provider before serving: the signature is the consumer's over this
 * chain's voucher bytes, the units are above what was claimed, and the remaining deposit
 * covers them (`checkVoucher` of vouchers.js). `channel` may be passed to avoid a query.
 * @returns {Promise<{ok: true, owed: bigint, signature: any}|{ok: false, reason: string, channel: any}>}
 */
export async function verifyVoucher (api, channelId, cumulativeUnits, signatureHex, { channel, genesisHash = api.genesisHash.toHex() } = {}) {
  const ch = channel ?? await getChannel(api, channelId);
  return checkVoucher(ch, genesisHash, cumulativeUnits, signatureHex);
}
