// Collator onboarding against `servicechain-node --dev --tmp`: session keys generated in the
// node's keystore with a proof of ownership, set on chain, candidacy with the bond, through
// the SDK and the `scv collator` commands; errors by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collatorStatus, pairFromUri, registerAsCandidate, rotateSessionKeys, setSessionKeys } from '../src/index.js';
import { runScv } from './helpers/scv.js';
import { withDevChain } from './helpers/chain.js';

let node;
let api;

const scv = (args, suri) => runScv(node.wsUrl, args, suri);

withDevChain({
  ready: async (chain) => {
    ({ node, api } = chain);
  }
});

test('SDK: keys with proof, setKeys, candidacy with the bond', async () => {
  const dave = await pairFromUri('//Dave');
  const before = await collatorStatus(api, dave.address);
  assert.equal(before.nextKeys, null);
  assert.equal(before.candidateDeposit, null);

  // A candidate needs session keys first.
  await assert.rejects(registerAsCandidate(api, dave), { errorName: 'collatorSelection.ValidatorNotRegistered' });

  const { keys, proof } = await rotateSessionKeys(api, dave.address);
  assert.match(keys, /^0x[0-9a-f]{128}$/, 'two sr25519 keys: Aura and authority discovery');
  // The proof is for Dave: Eve cannot set Dave's keys as hers.
  const eve = await pairFromUri('//Eve');
  await assert.rejects(setSessionKeys(api, eve, keys, proof), { errorName: 'session.InvalidProof' });

  await setSessionKeys(api, dave, keys, proof);
  const { deposit } = await registerAsCandidate(api, dave);
  const after = await collatorStatus(api, dave.address);
  assert.equal(after.nextKeys, keys);
  assert.equal(after.keysInThisNode, true, 'the node holds the private key');
  assert.equal(deposit, after.candidacyBond);
  assert.equal(after.candidateDeposit, after.candidacyBond);
  assert.equal(after.invulnerable, false);
  // Twice is a named error.
  await assert.rejects(registerAsCandidate(api, dave), { errorName: 'collatorSelection.AlreadyCandidate' });
});

test('scv collator set-keys, register and show', async () => {
  const ferdie = await pairFromUri('//Ferdie');
  const set = await scv(['collator', 'set-keys'], '//Ferdie');
  assert.equal(set.code, 0, set.err);
  assert.equal(set.json.address, ferdie.address);

  const reg = await scv(['collator', 'register'], '//Ferdie');
  assert.equal(reg.code, 0, reg.err);

  const show = await scv(['collator', 'show', ferdie.address]);
  assert.equal(show.code, 0, show.err);
  assert.equal(show.json.nextKeys, set.json.keys);
  assert.equal(show.json.keysInThisNode, true);
  assert.equal(show.json.candidateDeposit, reg.json.deposit);

  // Alice is the dev chain's invulnerable collator.
  const alice = await scv(['collator', 'show'], '//Alice');
  assert.equal(alice.code, 0, alice.err);
  assert.equal(alice.json.invulnerable, true);

  const again = await scv(['collator', 'register'], '//Ferdie');
  assert.equal(again.code, 1);
  assert.equal(again.json.error, 'collatorSelection.AlreadyCandidate');
  const usage = await scv(['collator', 'bogus'], '//Ferdie');
  assert.equal(usage.code, 2);
});
