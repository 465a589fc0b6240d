// signAndWait without a node: a keyring pair signs itself; a wallet account ({ address, signer },
// as the polkadot.js extension gives) is passed to polkadot.js as address plus signer; every
// status reaches `onStatus`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signAndWait } from '../src/tx.js';

/** A stand-in for a SubmittableExtrinsic that records how it was signed and walks two statuses. */
function fakeTx () {
  const calls = [];
  return {
    calls,
    hash: { toHex: () => '0xabc' },
    signAndSend (account, options, cb) {
      calls.push({ account, options });
      const status = (type) => ({
        type,
        isInvalid: false,
        isDropped: false,
        isUsurped: false,
        isInBlock: type === 'InBlock',
        isFinalized: false,
        asInBlock: { toHex: () => '0xb10c' }
      });
      setImmediate(() => { cb({ status: status('Ready') }); cb({ status: status('InBlock'), events: [] }); });
      return Promise.resolve(() => {});
    }
  };
}

test('a keyring pair and a wallet account both sign; statuses are reported', async () => {
  const pair = { address: '5Pair', sign: () => new Uint8Array(64) };
  const tx = fakeTx();
  const statuses = [];
  const r = await signAndWait({}, tx, pair, { onStatus: (s) => statuses.push(s) });
  assert.equal(r.blockHash, '0xb10c');
  assert.equal(tx.calls[0].account, pair);
  assert.deepEqual(statuses, ['Ready', 'InBlock']);

  const wallet = { address: '5Wallet', signer: { signPayload: async () => ({}) } };
  const tx2 = fakeTx();
  await signAndWait({}, tx2, wallet);
  assert.equal(tx2.calls[0].account, '5Wallet');
  assert.equal(tx2.calls[0].options.signer, wallet.signer);
});
