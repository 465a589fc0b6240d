// The set-up every end-to-end file shares: the WASM crypto ready, a fresh
// `servicechain-node --dev --tmp` and an API connected to it before the file's tests, all
// stopped after them.
import { after, before } from 'node:test';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect } from '../../src/index.js';
import { startDevNode } from './node.js';

/**
 * Registers the file's `before` and `after` hooks for a dev chain.
 * @param {object} [o] `startDevNode`'s options (`minBlocks` 1 unless given), and:
 * @param {(chain: {node: any, api: import('@polkadot/api').ApiPromise}) => any} [o.ready] runs once
 *   the node and the API are up: the file keeps them and prepares what its tests share
 * @param {() => any} [o.teardown] runs after the tests, before the API disconnects and the node stops
 * @returns {{node: any, api: import('@polkadot/api').ApiPromise}} filled in before the first test
 */
export function withDevChain ({ ready = () => {}, teardown = () => {}, ...nodeOptions } = {}) {
  const chain = { node: null, api: null };
  before(async () => {
    await cryptoWaitReady();
    chain.node = await startDevNode({ minBlocks: 1, ...nodeOptions });
    chain.api = await connect(chain.node.wsUrl);
    await ready(chain);
  });
  after(async () => {
    try {
      await teardown();
    } finally {
      await chain.api?.disconnect();
      await chain.node?.stop();
    }
  });
  return chain;
}
