// Builds real state on a fresh `servicechain-node --dev` (127.0.0.1, started and stopped here)
// and writes a try-runtime snapshot of it: the state of block N-1 (every key and value, from
// `state_getPairs`) and block N itself (SCALE), for `servicechain-try-runtime` (fuzz/src/bin/
// try-runtime.rs): `on-runtime-upgrade` runs the migrations and every pallet's try_state on that
// state, `execute-block` re-executes block N on it and checks the state root.
//
// The state: services (one with a rating), an open channel with a claim, a closing channel, a
// direct payment with its ledger entry, a share-weighted proposal of the protocol DAO with a vote,
// and a token-weighted DAO whose proposal carries frozen token votes. Block N carries a claim, a
// vote, a top-up and a transfer (sent together; those that missed it are in its parent).
//
// Usage: node client/reliability/snapshot.js OUT.json
import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { UNIT, connect, createDao, propose, signAndWait, signVoucher, vote } from '../src/index.js';
import { startDevNode } from '../test/helpers/node.js';
import { buildMarket, logger, writeSnapshot } from './lib.js';

const log = logger('snapshot');

async function main () {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node client/reliability/snapshot.js OUT.json');
  await cryptoWaitReady();
  const node = await startDevNode({ minBlocks: 1 });
  const api = await connect(node.wsUrl);
  try {
    const k = new Keyring({ type: 'sr25519' });
    const [alice, bob, charlie, dave, eve, ferdie] =
      ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => k.addFromUri(`//${n}`));
    const genesisHash = api.genesisHash.toHex();
    log('services, channels, payments');
    const { open } = await buildMarket(api, { bob, charlie, dave, eve });

    log('DAOs and votes');
    const { proposalId: p0 } = await propose(api, alice, 0, api.tx.system.remark('snapshot'));
    await vote(api, alice, 0, p0, true);
    const { daoId } = await createDao(api, alice, 'token guild', [[alice.address, 1]], {
      votingMode: { TokenWeighted: { minProposerBalance: UNIT } },
      votingPeriod: 1000,
      quorum: 500_000_000,
      approvalThreshold: 500_000_000,
      enactmentDelay: 1,
      executionPeriod: 10,
      proposalDeposit: 2n * UNIT,
      maxMembers: 10
    });
    const { proposalId: p1 } = await propose(api, ferdie, daoId, api.tx.system.remark('token'));
    await vote(api, bob, daoId, p1, true, 5n * UNIT);

    log('block N: a claim, a vote, a top-up and a transfer sent together');
    const sent = await Promise.all([
      signAndWait(api, api.tx.meteredPayments.claim(open, 30, signVoucher(charlie, genesisHash, open, 30)), bob),
      signAndWait(api, api.tx.dao.vote(daoId, p1, false, 3n * UNIT), eve),
      signAndWait(api, api.tx.meteredPayments.topUp(open, UNIT), charlie),
      signAndWait(api, api.tx.balances.transferKeepAlive(ferdie.address, UNIT), dave)
    ]);
    const { blockNumber, extrinsics, keys } = await writeSnapshot(api, sent[0].blockHash, out);
    log(`block #${blockNumber} (${extrinsics} extrinsics) and ${keys} keys of its parent's state written to ${out}`);
  } finally {
    await api.disconnect().catch(() => {});
    await node.stop();
  }
}

main().catch((e) => {
  log(`FAILED: ${e.stack ?? e.message}`);
  process.exitCode = 1;
});
