// Service registry: register, update, heartbeat, deregister, discover and watch services.
import { findEvent } from './events.js';
import { signAndWait } from './tx.js';

/**
 * @typedef {object} ServiceInput
 * @property {string} name
 * @property {string[]} endpoints e.g. `['https://api.example.com/v1']`
 * @property {string} protocol e.g. `https`
 * @property {string[]} tags
 * @property {bigint} pricePerUnit in planck
 * @property {string|{Custom: string}} unit `Request`, `Second`, `Megabyte` (the chain's `Unit` variants) or `{ Custom: name }`
 * @property {string|null} [metadata] a CID or hash
 * @property {string|null} [beneficiary] the account paid instead of the provider
 */

const input = (s) => ({ metadata: null, beneficiary: null, ...s });

/**
 * Registers a service (holds the deposit); resolves with its id and deposit.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {any} provider keyring pair
 * @param {ServiceInput} service
 * @param {{finalized?: boolean}} [opts]
 * @returns {Promise<{serviceId: number, deposit: bigint, blockHash: string}>}
 */
export async function registerService (api, provider, service, opts) {
  const { events, blockHash } = await signAndWait(api, api.tx.serviceRegistry.registerService(input(service)), provider, opts);
  const { serviceId, deposit } = findEvent(events, 'serviceRegistry', 'ServiceRegistered').data;
  return { serviceId: serviceId.toNumber(), deposit: deposit.toBigInt(), blockHash };
}

/**
 * Replaces a service's details.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {any} provider
 * @param {number} serviceId
 * @param {ServiceInput} service
 */
export function updateService (api, provider, serviceId, service, opts) {
  return signAndWait(api, api.tx.serviceRegistry.updateService(serviceId, input(service)), provider, opts);
}

/** Proves liveness (free when on time). */
export function heartbeat (api, provider, serviceId, opts) {
  return signAndWait(api, api.tx.serviceRegistry.heartbeat(serviceId), provider, opts);
}

/** Takes an active service out of discovery until `resumeService`. */
export function pauseService (api, provider, serviceId, opts) {
  return signAndWait(api, api.tx.serviceRegistry.pauseService(serviceId), provider, opts);
}

/** Lists a paused service again (and counts as a heartbeat). */
export function resumeService (api, provider, serviceId, opts) {
  return signAndWait(api, api.tx.serviceRegistry.resumeService(serviceId), provider, opts);
}

/**
 * Releases a retired service's deposit once the retirement period has passed and removes the
 * service (its provider only); resolves with the deposit released.
 * @returns {Promise<{deposit: bigint, blockHash: string}>}
 */
export async function withdrawDeposit (api, provider, serviceId, opts) {
  const { events, blockHash } = await signAndWait(api, api.tx.serviceRegistry.withdrawDeposit(serviceId), provider, opts);
  return { deposit: findEvent(events, 'serviceRegistry', 'DepositWithdrawn').data.amount.toBigInt(), blockHash };
}

/**
 * Retires a service stale for more than `reap_after` blocks; the reaper receives `reap_reward`
 * of its deposit. Anyone may call it.
 */
export function reapStaleService (api, reaper, serviceId, opts) {
  return signAndWait(api, api.tx.serviceRegistry.reapStaleService(serviceId), reaper, opts);
}

/** Starts retiring a service; the deposit is withdrawable after the retirement period. */
export function deregisterService (api, provider, serviceId, opts) {
  return signAndWait(api, api.tx.serviceRegistry.deregisterService(serviceId), provider, opts);
}

/**
 * Rates a service 1..=5 as a payer (not its provider or payee). The rating weighs what the
 * rater has paid the service so far; rating again replaces score and weight. It lasts as long
 * as the rater's ledger entry (`removePaymentRecord` removes both).
 */
export function rateService (api, rater, serviceId, score, opts) {
  return signAndWait(api, api.tx.serviceRegistry.rateService(serviceId, score), rater, opts);
}

/**
 * A rater's rating of a service: its score and weight (what the rater had paid), or `null`.
 * @returns {Promise<{score: number, weight: bigint}|null>}
 */
export async function getRating (api, serviceId, rater) {
  const r = await api.query.serviceRegistry.ratings(serviceId, rater);
  if (r.isNone) return null;
  const { score, weight } = r.unwrap();
  return { score: score.toNumber(), weight: weight.toBigInt() };
}

/**
 * @typedef {object} ServiceFilter
 * @property {string[]} [tags] all must match
 * @property {string|null} [protocol]
 * @property {bigint|null} [maxPricePerUnit]
 * @property {number|null} [minAverageRatingCenti] e.g. 450 for 4.5 stars
 * @property {boolean} [includeStale]
 */

const filterArg = (f = {}) => ({
  tags: f.tags ?? [],
  protocol: f.protocol ?? null,
  maxPricePerUnit: f.maxPricePerUnit ?? null,
  minAverageRatingCenti: f.minAverageRatingCenti ?? null,
  includeStale: f.includeStale ?? false
});

/** A service summary as plain JS values. */
export function serviceFromCodec (summary) {
  const s = summary.service;
  return {
    id: summary.id.toNumber(),
    provider: s.provider.toString(),
    name: s.details.name.toUtf8(),
    endpoints: s.details.endpoints.map((e) => e.toUtf8()),
    protocol: s.details.protocol.toUtf8(),
    tags: s.details.tags.map((t) => t.toUtf8()),
    pricePerUnit: s.details.pricePerUnit.toBigInt(),
    unit: s.details.unit.toString(),
    beneficiary: s.details.beneficiary.isSome ? s.details.beneficiary.unwrap().toString() : null,
    metadata: s.details.metadata.isSome ? s.details.metadata.unwrap().toUtf8() : null,
    deposit: s.deposit.toBigInt(),
    registeredAt: s.registeredAt.toNumber(),
    lastHeartbeat: s.lastHeartbeat.toNumber(),
    status: s.status.type,
    // A retired service's deposit can be withdrawn from this block.
    unlockAt: s.status.isRetired ? s.status.asRetired.unlockAt.toNumber() : null,
    stale: summary.stale.isTrue,
    // The average of the ratings, each weighted by what its rater paid (hundredths).
    averageRatingCenti: summary.averageRatingCenti.isSome ? summary.averageRatingCenti.unwrap().toNumber() : null,
    ratingCount: s.ratingCount.toNumber(),
    ratingWeight: s.ratingWeight.toBigInt()
  };
}

/**
 * Finds listed services through the runtime API (`serviceRegistryApi.findServices`), page by
 * page until `limit` results or the end.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {ServiceFilter} [filter]
 * @param {{limit?: number, pageSize?: number, at?: string}} [opts]
 * @returns {Promise<ReturnType<typeof serviceFromCodec>[]>}
 */
export async function findServices (api, filter, { limit = 50, pageSize = 50 } = {}) {
  const found = [];
  let cursor = null;
  do {
    const page = await findServicesPage(api, filter, { cursor, limit: Math.min(pageSize, limit - found.length) });
    found.push(...page.services);
    cursor = page.nextCursor;
  } while (cursor !== null && found.length < limit);
  return found;
}

/**
 * One page of listed services matching `filter`, ascending by id after `cursor` (the runtime
 * API's paging: no service is loaded beyond the page).
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {ServiceFilter} [filter]
 * @param {{cursor?: number|null, limit?: number}} [opts]
 * @returns {Promise<{services: ReturnType<typeof serviceFromCodec>[], nextCursor: number|null}>}
 */
export async function findServicesPage (api, filter, { cursor = null, limit = 20 } = {}) {
  return pageFromCodec(await api.call.serviceRegistryApi.findServices(filterArg(filter), cursor, limit));
}

/**
 * One page of a provider's services (any status), ascending by id after `cursor`.
 * @returns {Promise<{services: ReturnType<typeof serviceFromCodec>[], nextCursor: number|null}>}
 */
export async function servicesOfProvider (api, provider, { cursor = null, limit = 20 } = {}) {
  return pageFromCodec(await api.call.serviceRegistryApi.servicesByProvider(provider, cursor, limit));
}

const pageFromCodec = (page) => ({
  services: page.services.map(serviceFromCodec),
  nextCursor: page.nextCursor.isSome ? page.nextCursor.unwrap().toNumber() : null
});

/** One service by id (any status), or `null`. */
export async function getService (api, serviceId) {
  const s = await api.call.serviceRegistryApi.service(serviceId);
  return s.isSome ? serviceFromCodec(s.unwrap()) : null;
}

/**
 * Calls `onChange(services, event)` with the matching services now, and again whenever a block
 * carries a service registry event (registered, updated, heartbeat, paused, retired, rated…). Resolves with an unsubscribe function.
 * @param {import('@polkadot/api').ApiPromise} api
 * @param {ServiceFilter} filter
 * @param {(services: ReturnType<typeof serviceFromCodec>[], event: any|null) => void} onChange
 * @returns {Promise<() => void>}
 */
export async function watchServices (api, filter, onChange) {
  onChange(await findServices(api, filter), null);
  return api.query.system.events(async (records) => {
    const changes = records.filter(({ event }) => event.section === 'serviceRegistry');
    if (changes.length) onChange(await findServices(api, filter), changes[changes.length - 1].event);
  });
}
