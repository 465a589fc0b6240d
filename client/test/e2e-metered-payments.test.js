// End to end against `servicechain-node --dev --tmp`: a consumer opens a payment channel to a
// registered service, signs 1,000 cumulative vouchers off-chain with @polkadot/util-crypto, the
// provider claims only the last one, the payee gets exactly 1,000 × price − fee, and the
// consumer gets the rest back on close. Also: ed25519 and ecdsa keys, `<Bytes>`-wrapped
// vouchers, `claim_batch_with_forms` (each voucher's form named: one signature check, charged
// less; a wrong form fails), replays and forgeries rejected with named errors; the deposit in escrow, the
// payer's ledger entry and its deposit, ratings weighted by what was paid, and a provider
// refused when it pays its own service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { UNIT, claimBatch, getChannel, getPaymentRecord, getRating, pay, rateService, removePaymentRecord, signAndWait, signVoucher, verifyVoucherSignature, voucherForm, voucherPayload } from '../src/index.js';
import { withDevChain } from './helpers/chain.js';

const PRICE = UNIT / 1000n; // 0.001 SCV per request

let node;
let api;
let keyring;
let alice;
let bob;
let dave;
let genesisHash;
let serviceId;

const ONE_PERCENT = 10_000_000n; // Perbill
const perbill = (parts, amount) => (amount * parts) / 1_000_000_000n;

function eventOf (events, method) {
  const found = events.find(({ event }) => event.section === 'meteredPayments' && event.method === method);
  assert.ok(found, `event meteredPayments.${method}`);
  return found.event;
}

const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();

async function openChannel (consumer, deposit) {
  const { events } = await signAndWait(api, api.tx.meteredPayments.openChannel(serviceId, deposit), consumer);
  return eventOf(events, 'ChannelOpened').data.channelId.toBigInt();
}

withDevChain({
  ready: async (chain) => {
    ({ node, api } = chain);
    keyring = new Keyring({ type: 'sr25519' });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    dave = keyring.addFromUri('//Dave');
    genesisHash = api.genesisHash.toHex();
    // Bob provides an API paid to Dave.
    const { events } = await signAndWait(api, api.tx.serviceRegistry.registerService({
      name: 'llm',
      endpoints: ['https://llm.example.com/v1'],
      protocol: 'https',
      tags: ['ai'],
      pricePerUnit: PRICE,
      unit: 'Request',
      metadata: null,
      beneficiary: dave.address
    }), bob);
    serviceId = events.find(({ event }) => event.method === 'ServiceRegistered').event.data.serviceId.toNumber();
  }
});

test('the voucher bytes built locally are the runtime API\'s', async () => {
  for (const [channel, units] of [[0n, 1n], [7n, 1_000n], [2n ** 63n, 2n ** 64n - 1n]]) {
    const onChain = await api.call.meteredPaymentsApi.voucherPayload(channel, units);
    assert.equal(onChain.length, 71);
    assert.equal(u8aToHex(voucherPayload(genesisHash, channel, units)), onChain.toHex());
  }
});

test('1,000 vouchers signed off-chain settle in one claim; close refunds the rest', async () => {
  const params = await api.call.meteredPaymentsApi.parameters();
  assert.equal(params.protocolFee.toBigInt(), ONE_PERCENT);
  const deposit = 1_500n * PRICE;
  const channelId = await openChannel(alice, deposit);
  const channel = (await api.call.meteredPaymentsApi.channel(channelId)).unwrap();
  assert.equal(channel.pricePerUnit.toBigInt(), PRICE);
  assert.equal(channel.payee.toString(), dave.address);
  const mine = await api.call.meteredPaymentsApi.channelsOfConsumer(alice.address, null, 10);
  assert.ok(mine.channels.some(([id]) => id.toBigInt() === channelId));

  // One voucher per call, signed off-chain; the provider checks each before serving.
  let latest;
  for (let units = 1n; units <= 1_000n; units++) {
    latest = signVoucher(alice, genesisHash, channelId, units);
    assert.ok(verifyVoucherSignature(alice.address, genesisHash, channelId, units, latest.Sr25519));
  }
  assert.ok(!verifyVoucherSignature(alice.address, genesisHash, channelId, 999n, latest.Sr25519));

  const preview = (await api.call.meteredPaymentsApi.claimable(channelId, 1_000)).asOk;
  const fee = perbill(ONE_PERCENT, 1_000n * PRICE);
  assert.equal(preview.fee.toBigInt(), fee);
  const daveBefore = await free(dave.address);
  const { events } = await signAndWait(api, api.tx.meteredPayments.claim(channelId, 1_000, latest), bob);
  const claimed = eventOf(events, 'Claimed').data;
  assert.equal(claimed.units.toBigInt(), 1_000n);
  assert.equal(claimed.amount.toBigInt(), 1_000n * PRICE);
  assert.equal(claimed.fee.toBigInt(), fee);
  assert.equal(claimed.shortfall.toBigInt(), 0n);
  assert.equal(await free(dave.address), daveBefore + 1_000n * PRICE - fee);

  // The same voucher again, or an older one: refused by name.
  await assert.rejects(
    signAndWait(api, api.tx.meteredPayments.claim(channelId, 1_000, latest), bob),
    { errorName: 'meteredPayments.UnitsNotIncreasing' });
  // Units the consumer never signed.
  await assert.rejects(
    signAndWait(api, api.tx.meteredPayments.claim(channelId, 1_001, latest), bob),
    { errorName: 'meteredPayments.BadSignature' });

  // The provider closes at once; Alice gets the rest of her deposit back.
  // (Alice also authors the dev chain's blocks and earns a share of their fees, so the refund
  // is checked as the escrow's transfer to her.)
  const closed = await signAndWait(api, api.tx.meteredPayments.close(channelId, null), bob);
  assert.equal(eventOf(closed.events, 'ChannelClosed').data.refund.toBigInt(), deposit - 1_000n * PRICE);
  const refund = closed.events.find(({ event }) => event.section === 'balances' && event.method === 'Transfer' &&
    event.data.to.toString() === alice.address);
  assert.ok(refund, 'a transfer from the escrow to Alice');
  assert.equal(refund.event.data.amount.toBigInt(), deposit - 1_000n * PRICE);
  assert.ok((await api.call.meteredPaymentsApi.channel(channelId)).isNone);
});

test('ed25519 and ecdsa consumers, <Bytes>-wrapped vouchers, consumer-side close', async () => {
  const ed = new Keyring({ type: 'ed25519' }).addFromUri('//VoucherEd');
  const ecdsa = new Keyring({ type: 'ecdsa' }).addFromUri('//VoucherEcdsa');
  for (const who of [ed, ecdsa]) {
    await signAndWait(api, api.tx.balances.transferKeepAlive(who.address, 10n * UNIT), alice);
  }
  for (const [consumer, wrap] of [[ed, false], [ecdsa, false], [ed, true], [ecdsa, true]]) {
    const channelId = await openChannel(consumer, 100n * PRICE);
    const signature = signVoucher(consumer, genesisHash, channelId, 10n, { wrap });
    const { events } = await signAndWait(api, api.tx.meteredPayments.claim(channelId, 10, signature), bob);
    assert.equal(eventOf(events, 'Claimed').data.amount.toBigInt(), 10n * PRICE, `${consumer.type} wrap=${wrap}`);
  }

  // A voucher of one channel is worthless on another (cross-channel replay).
  const a = await openChannel(ed, 100n * PRICE);
  const b = await openChannel(ed, 100n * PRICE);
  const forA = signVoucher(ed, genesisHash, a, 5n);
  await assert.rejects(
    signAndWait(api, api.tx.meteredPayments.claim(b, 5, forA), bob),
    { errorName: 'meteredPayments.BadSignature' });

  // Consumer-side close: request, wait out the settlement window, finalize.
  const { settlementWindow } = await api.call.meteredPaymentsApi.parameters();
  const requested = await signAndWait(api, api.tx.meteredPayments.requestClose(b), ed);
  const settleUntil = eventOf(requested.events, 'CloseRequested').data.settleUntil.toNumber();
  await assert.rejects(
    signAndWait(api, api.tx.meteredPayments.finalizeClose(b), ed),
    { errorName: 'meteredPayments.SettlementWindowOpen' });
  assert.ok(settlementWindow.toNumber() <= 10, 'dev window is short');
  while ((await api.rpc.chain.getHeader()).number.toNumber() + 1 < settleUntil) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const before = await free(ed.address);
  const finalized = await signAndWait(api, api.tx.meteredPayments.finalizeClose(b), ed);
  assert.equal(eventOf(finalized.events, 'ChannelClosed').data.refund.toBigInt(), 100n * PRICE);
  const fee = finalized.events.find(({ event }) => event.method === 'TransactionFeePaid').event.data.actualFee.toBigInt();
  assert.equal(await free(ed.address), before + 100n * PRICE - fee, 'refund minus the transaction fee');
});

test('claim_batch_with_forms: the SDK names each voucher\'s form, charged one check less; a wrong form fails', async () => {
  const sr = new Keyring({ type: 'sr25519' }).addFromUri('//FormsSr');
  const ed = new Keyring({ type: 'ed25519' }).addFromUri('//FormsEd');
  for (const who of [sr, ed]) {
    await signAndWait(api, api.tx.balances.transferKeepAlive(who.address, 10n * UNIT), alice);
  }
  // The previous test waited out a settlement window: the service proves it is alive.
  await signAndWait(api, api.tx.serviceRegistry.heartbeat(serviceId), bob);
  const plainChannel = await openChannel(sr, 100n * PRICE);
  const wrappedChannel = await openChannel(ed, 100n * PRICE);
  const claims = [
    { channelId: plainChannel, cumulativeUnits: 7n, signature: signVoucher(sr, genesisHash, plainChannel, 7n) },
    { channelId: wrappedChannel, cumulativeUnits: 9n, signature: signVoucher(ed, genesisHash, wrappedChannel, 9n, { wrap: true }) }
  ];
  const named = claims.map((c, i) => ({ ...c, form: voucherForm([sr, ed][i].address, genesisHash, c.channelId, c.cumulativeUnits, c.signature) }));
  assert.deepEqual(named.map((c) => c.form), ['Plain', 'Wrapped']);

  // Charged up front (the runtime's own fee query): one signature check per claim less, less
  // the intercepts' difference once: the cheaper call for a batch of 16.
  const strip = ({ channelId, cumulativeUnits, signature }) => ({ channelId, cumulativeUnits, signature });
  const weightOf = async (tx) => (await tx.paymentInfo(bob)).weight.refTime.toBigInt();
  const sixteen = Array.from({ length: 16 }, (_, i) => named[i % 2]);
  const unnamedWeight = await weightOf(api.tx.meteredPayments.claimBatch(sixteen.map(strip)));
  const namedWeight = await weightOf(api.tx.meteredPayments.claimBatchWithForms(sixteen.map((c) => [strip(c), c.form])));
  assert.ok(namedWeight < unnamedWeight, `named ${namedWeight} < unnamed ${unnamedWeight}`);

  // The consumer's own signature named in the wrong form is not retried in the other.
  const wrong = await signAndWait(api, api.tx.meteredPayments.claimBatchWithForms([[strip(named[0]), 'Wrapped']]), bob);
  assert.equal(eventOf(wrong.events, 'ClaimFailed').data.channelId.toBigInt(), plainChannel);
  assert.ok(api.errors.meteredPayments.BadSignature.is(eventOf(wrong.events, 'ClaimFailed').data.error.asModule));
  // Named in the right forms they settle (the SDK sends whichever call is charged less).
  const right = await claimBatch(api, bob, named);
  assert.deepEqual(right.claimed.map((c) => c.amount), [7n * PRICE, 9n * PRICE]);
  const both = await signAndWait(api, api.tx.meteredPayments.claimBatchWithForms([
    [{ channelId: plainChannel, cumulativeUnits: 8n, signature: signVoucher(sr, genesisHash, plainChannel, 8n) }, 'Plain'],
    [{ channelId: wrappedChannel, cumulativeUnits: 10n, signature: signVoucher(ed, genesisHash, wrappedChannel, 10n, { wrap: true }) }, 'Wrapped']
  ]), bob);
  assert.equal(both.events.filter(({ event }) => event.section === 'meteredPayments' && event.method === 'Claimed').length, 2);
  assert.equal((await getChannel(api, wrappedChannel)).claimedUnits, 10n);
});

test('the deposit sits in escrow; a payer rates by what it paid, then forgets the service', async () => {
  const erin = keyring.addFromUri('//Eve');
  // The dev chain's services go stale after 20 blocks: Bob proves the service alive.
  await signAndWait(api, api.tx.serviceRegistry.heartbeat(serviceId), bob);
  const { recordDeposit } = await api.call.meteredPaymentsApi.parameters();
  const before = (await api.query.system.account(erin.address)).data;
  const deposit = 2_000n * PRICE;
  const channelId = await openChannel(erin, deposit);
  // The deposit left Eve's account for the escrow; her first channel to the service holds the
  // ledger entry's deposit.
  const after = (await api.query.system.account(erin.address)).data;
  assert.equal(after.reserved.toBigInt() - before.reserved.toBigInt(), recordDeposit.toBigInt());
  assert.equal((await getChannel(api, channelId)).deposit, deposit);
  assert.deepEqual(await getPaymentRecord(api, erin.address, serviceId), { paid: 0n, deposit: recordDeposit.toBigInt(), channels: 1 });

  // 1,500 calls settled: 1.5 SCV paid, enough to rate (min_paid_to_rate is 1 SCV).
  const voucher = signVoucher(erin, genesisHash, channelId, 1_500n);
  await signAndWait(api, api.tx.meteredPayments.claim(channelId, 1_500, voucher), bob);
  await rateService(api, erin, serviceId, 4);
  assert.deepEqual(await getRating(api, serviceId, erin.address), { score: 4, weight: 1_500n * PRICE });

  // The provider cannot pay (and so rate) its own service.
  await assert.rejects(pay(api, bob, serviceId, 1), { errorName: 'meteredPayments.OwnService' });

  // With a channel open the entry stays; closed, Eve forgets the service.
  await assert.rejects(removePaymentRecord(api, erin, serviceId), { errorName: 'meteredPayments.ChannelsOpen' });
  await signAndWait(api, api.tx.meteredPayments.close(channelId, null), bob);
  // What the channel paid is credited to the ledger entry when it closes (the rating read it
  // from the open channel before).
  assert.equal((await getPaymentRecord(api, erin.address, serviceId)).paid, 1_500n * PRICE);
  const held = (await api.query.system.account(erin.address)).data.reserved.toBigInt();
  await removePaymentRecord(api, erin, serviceId);
  assert.equal((await api.query.system.account(erin.address)).data.reserved.toBigInt(), held - recordDeposit.toBigInt());
  assert.equal(await getPaymentRecord(api, erin.address, serviceId), null);
  assert.equal(await getRating(api, serviceId, erin.address), null);
});
