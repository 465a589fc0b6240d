// End to end against a real `servicechain-node --dev --tmp`: chain properties and a transfer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { UNIT, formatScv, signAndWait } from '../src/index.js';
import { withDevChain } from './helpers/chain.js';

let node;
let api;

withDevChain({
  minBlocks: 2,
  ready: async (chain) => {
    ({ node, api } = chain);
  }
});

test('the dev chain advertises ServiceCoin (SCV, 18 decimals, ss58 42) and para id 2000', async () => {
  const props = await api.rpc.system.properties();
  assert.deepEqual(props.tokenSymbol.unwrap().map(String), ['SCV']);
  assert.deepEqual(props.tokenDecimals.unwrap().map((d) => d.toNumber()), [18]);
  assert.equal(props.ss58Format.unwrap().toNumber(), 42);
  assert.equal(api.registry.chainDecimals[0], 18);
  assert.equal(api.consts.system.ss58Prefix.toNumber(), 42);
  assert.equal((await api.query.parachainInfo.parachainId()).toNumber(), 2000);
  assert.equal(api.runtimeVersion.specName.toString(), 'servicechain');
});

test('the dev chain produces blocks about every 2 seconds', async () => {
  const first = (await api.rpc.chain.getHeader()).number.toNumber();
  const started = Date.now();
  await new Promise((resolve) => {
    let unsub = () => {};
    api.rpc.chain.subscribeNewHeads((h) => {
      if (h.number.toNumber() >= first + 3) { unsub(); resolve(); }
    }).then((u) => { unsub = u; });
  });
  const perBlock = (Date.now() - started) / 3;
  assert.ok(perBlock > 1_000 && perBlock < 4_000, `block time ${perBlock} ms`);
});

test('Alice transfers 10 SCV to Bob with polkadot.js; it is finalized and balances change', async () => {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const amount = 10n * UNIT;

  const aliceBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();
  const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();

  const tx = api.tx.balances.transferKeepAlive(bob.address, amount);
  const { partialFee } = await tx.paymentInfo(alice);
  const fee = partialFee.toBigInt();
  // A transfer costs a small fraction of a SCV.
  assert.ok(fee > 0n && fee < UNIT / 100n, `transfer fee ${formatScv(fee)}`);

  const { blockHash, events } = await signAndWait(api, tx, alice, { finalized: true });
  assert.ok(events.some(({ event }) => api.events.balances.Transfer.is(event)), 'Transfer event');
  const finalizedHead = await api.rpc.chain.getFinalizedHead();
  const finalizedNumber = (await api.rpc.chain.getHeader(finalizedHead)).number.toNumber();
  const blockNumber = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  assert.ok(finalizedNumber >= blockNumber, 'the transfer block is finalized');

  const aliceAfter = (await api.query.system.account(alice.address)).data.free.toBigInt();
  const bobAfter = (await api.query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(bobAfter - bobBefore, amount);
  const paid = aliceBefore - aliceAfter;
  assert.ok(paid > amount && paid <= amount + fee, `Alice paid ${formatScv(paid)}`);
});

test('failed dispatches surface their error names from metadata', async () => {
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const nobody = keyring.addFromUri('//ServiceChainTestNobody');

  // A pallet (module) error, named and documented through the metadata.
  await assert.rejects(
    signAndWait(api, api.tx.sudo.sudo(api.tx.system.remark('0x00')), bob),
    (err) => {
      assert.equal(err.errorName, 'sudo.RequireSudo');
      assert.match(err.docs, /sudo/i);
      return true;
    }
  );

  // A token error: sending more than the account has.
  await signAndWait(api, api.tx.balances.transferKeepAlive(nobody.address, UNIT), alice);
  await assert.rejects(
    signAndWait(api, api.tx.balances.transferKeepAlive(alice.address, 2n * UNIT), nobody),
    (err) => {
      assert.equal(err.errorName, 'Token.FundsUnavailable');
      return true;
    }
  );
});
