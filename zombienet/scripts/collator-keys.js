// zombienet js-script: the collator onboarding steps of docs/operations.md on a live collator.
// Generates session keys in this node's keystore with a proof of ownership for Charlie
// (`author_rotateKeysWithOwner`), sets them on chain (`session.setKeys(keys, proof)`), and
// registers Charlie as a collator candidate with the candidacy bond. Returns 1 when Charlie is
// a candidate whose next keys are held by this node.
const { withApi } = require('./lib.js');

async function run (nodeName, networkInfo) {
  return withApi(nodeName, networkInfo, async (api, sdk) => {
    const charlie = await sdk.pairFromUri('//Charlie');
    const { keys, proof } = await sdk.rotateSessionKeys(api, charlie.address);
    await sdk.setSessionKeys(api, charlie, keys, proof);
    const { deposit } = await sdk.registerAsCandidate(api, charlie);
    const st = await sdk.collatorStatus(api, charlie.address);
    console.log(`collator ${nodeName}: Charlie's session key ${st.nextKeys} (held by this node: ${st.keysInThisNode}); candidate with bond ${sdk.formatScv(deposit)}`);
    return st.nextKeys === keys && st.keysInThisNode && st.candidateDeposit === deposit ? 1 : 0;
  });
}

module.exports = { run };
