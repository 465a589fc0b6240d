// RPC abuse (issue "Reliability", part 3): bounded floods of hostile requests against a
// `servicechain-node --dev` on 127.0.0.1, while a second, well-behaved client keeps asking a
// normal discovery query and sending transfers. Passes when the node stays up, keeps producing
// blocks, answers every hostile request with a result or a JSON-RPC error (never a hang), and
// the well-behaved client is always answered.
//
// Hostile inputs:
//   - `state_call ServiceRegistryApi_find_services` with a page size of u32::MAX, unknown tags,
//     ten maximum-length (32-byte) tags, tags over the maximum (33 bytes, 11 tags), a cursor far
//     past the last id, and truncated or random argument bytes;
//   - `state_call` of unknown runtime API methods and of `MeteredPaymentsApi_channels_of_consumer`
//     with u32::MAX limits;
//   - `author_submitExtrinsic` of random bytes, truncated and bit-flipped signed transfers, a
//     transfer signed for another genesis, and a 4 MiB blob.
//
// Options (environment): RPC_ABUSE_ROUNDS (default 20: each round sends every hostile input
// once, 16 of them concurrently), SERVICECHAIN_NODE.
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { registerService } from '../src/index.js';
import { startDevNode } from '../test/helpers/node.js';
import { envInt, logger, printSummary, rng, sleep, withTimeout } from './lib.js';

const log = logger('rpc-abuse');
const ROUNDS = envInt('RPC_ABUSE_ROUNDS', 20);
const CONCURRENCY = 16;

/** One raw JSON-RPC call over HTTP; resolves with `{result}` or `{error}`. */
async function rpc (url, method, params) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params })
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { error: { httpStatus: res.status, body: text.slice(0, 200) } };
  }
}

/** SCALE bytes of a `ServiceFilter` and the page arguments, built from the chain's metadata. */
function findServicesArgs (api, { tags, startAfter = null, limit = 50 }) {
  const method = api.call.serviceRegistryApi.findServices.meta;
  const filter = api.createType(method.params[0].type, {
    tags, protocol: null, maxPricePerUnit: null, minAverageRatingCenti: null, includeStale: true
  });
  const cursor = api.createType(method.params[1].type, startAfter);
  const page = api.createType(method.params[2].type, limit);
  return u8aToHex(new Uint8Array([...filter.toU8a(), ...cursor.toU8a(), ...page.toU8a()]));
}

async function main () {
  await cryptoWaitReady();
  const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
  const random = rng(seed);
  log(`seed ${seed}; ${ROUNDS} rounds; starting servicechain-node --dev`);
  const node = await startDevNode({ minBlocks: 1 });
  const url = node.httpUrl;
  const api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const summary = { seed, rounds: ROUNDS, hostile: 0, answered: 0, errors: 0, unanswered: 0, wellBehaved: 0, wellBehavedFailed: 0, blocksDuring: 0, nodeUp: false };
  let passed = false;
  try {
    log(`node ${node.wsUrl}; registering services`);
    // A few services, so that the queries have something to walk.
    for (let i = 0; i < 3; i++) {
      await registerService(api, alice, {
        name: `abuse-${i}`, endpoints: ['https://a.example'], protocol: 'https', tags: ['t', `x${i}`],
        pricePerUnit: 10n ** 15n, unit: 'Request', metadata: null, beneficiary: null
      });
    }
    const rand = (n) => Uint8Array.from({ length: n }, () => random.between(0, 255));
    const long = 'x'.repeat(32);
    const normal = findServicesArgs(api, { tags: ['t'] });
    const transfer = await api.tx.balances.transferKeepAlive(bob.address, 1n).signAsync(alice, { era: 0 });
    const signed = transfer.toU8a();
    const flipped = signed.slice();
    flipped[flipped.length - 70] ^= 0xff; // inside the signature
    const foreign = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await foreign.signAsync(alice, { era: 0, blockHash: '0x' + '11'.repeat(32), genesisHash: '0x' + '11'.repeat(32) });
    const hostile = [
      ['state_call', ['ServiceRegistryApi_find_services', findServicesArgs(api, { tags: ['t'], limit: 4294967295 })]],
      ['state_call', ['ServiceRegistryApi_find_services', findServicesArgs(api, { tags: ['nobody-uses-this-tag'] })]],
      ['state_call', ['ServiceRegistryApi_find_services', findServicesArgs(api, { tags: Array.from({ length: 10 }, (_, i) => long.slice(0, 31) + String(i % 10)) })]],
      ['state_call', ['ServiceRegistryApi_find_services', findServicesArgs(api, { tags: Array.from({ length: 11 }, () => 'y'.repeat(33)) })]],
      ['state_call', ['ServiceRegistryApi_find_services', findServicesArgs(api, { tags: ['t'], startAfter: 2n ** 64n - 2n, limit: 4294967295 })]],
      ['state_call', ['ServiceRegistryApi_find_services', normal.slice(0, 10)]],
      ['state_call', ['ServiceRegistryApi_find_services', u8aToHex(rand(64))]],
      ['state_call', ['ServiceRegistryApi_find_services', u8aToHex(rand(4096))]],
      ['state_call', ['NoSuchApi_no_such_method', '0x00']],
      ['state_call', ['MeteredPaymentsApi_channels_of_consumer', u8aToHex(new Uint8Array([...api.createType('AccountId', alice.address).toU8a(), 0, 0xff, 0xff, 0xff, 0xff]))]],
      ['author_submitExtrinsic', [u8aToHex(rand(100))]],
      ['author_submitExtrinsic', [u8aToHex(signed.slice(0, signed.length - 20))]],
      ['author_submitExtrinsic', [u8aToHex(flipped)]],
      ['author_submitExtrinsic', [foreign.toHex()]],
      ['author_submitExtrinsic', [u8aToHex(new Uint8Array(4 * 1024 * 1024).fill(7))]]
    ];
    const startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    log(`${hostile.length} hostile requests per round from block #${startBlock}`);

    // The well-behaved client: a discovery query and a transfer, over and over, meanwhile.
    let flooding = true;
    const wellBehaved = (async () => {
      while (flooding) {
        try {
          const r = await withTimeout(rpc(url, 'state_call', ['ServiceRegistryApi_find_services', normal]), 10_000, 'normal query');
          if (r.result) summary.wellBehaved += 1; else summary.wellBehavedFailed += 1;
        } catch {
          summary.wellBehavedFailed += 1;
        }
        await sleep(50);
      }
    })();

    for (let round = 0; round < ROUNDS; round++) {
      const jobs = hostile.map(([method, params]) => async () => {
        summary.hostile += 1;
        try {
          const r = await withTimeout(rpc(url, method, params), 30_000, method);
          summary.answered += 1;
          if (r.error) summary.errors += 1;
        } catch {
          summary.unanswered += 1;
        }
      });
      for (let i = 0; i < jobs.length; i += CONCURRENCY) {
        await Promise.all(jobs.slice(i, i + CONCURRENCY).map((job) => job()));
      }
      if (round % 5 === 0) log(`round ${round + 1}/${ROUNDS}: ${summary.answered}/${summary.hostile} answered`);
    }
    flooding = false;
    await wellBehaved;
    // The node still produces blocks and answers.
    const deadline = Date.now() + 30_000;
    let head = startBlock;
    while (Date.now() < deadline && head <= startBlock + 1) {
      head = (await api.rpc.chain.getHeader()).number.toNumber();
      await sleep(500);
    }
    summary.blocksDuring = head - startBlock;
    summary.nodeUp = (await rpc(url, 'system_health', [])).result !== undefined;
    passed = summary.nodeUp && summary.unanswered === 0 && summary.wellBehavedFailed === 0 &&
      summary.wellBehaved > 0 && summary.blocksDuring > 1;
  } finally {
    await api.disconnect().catch(() => {});
    await node.stop();
    summary.passed = passed;
    printSummary(summary);
  }
  if (!passed) process.exitCode = 1;
}

main().catch((e) => {
  log(`FAILED: ${e.stack ?? e.message}`);
  process.exitCode = 1;
});
