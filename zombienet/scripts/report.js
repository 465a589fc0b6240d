// zombienet js-script, run on a relay chain validator at the end of the smoke test: prints one
// summary line (relay finalized height, the para 2000 head in the relay chain's finalized
// state, each collator's best and finalized height) and returns the para height finalized by
// the relay chain.
const { withApi, heights } = require('./lib.js');

const PARA_ID = 2000;

async function run (nodeName, networkInfo) {
  const relay = await withApi(nodeName, networkInfo, async (api) => {
    const finalizedHash = await api.rpc.chain.getFinalizedHead();
    const finalized = (await api.rpc.chain.getHeader(finalizedHash)).number.toNumber();
    // The last para block included (backed and available) in a finalized relay block.
    const head = await (await api.at(finalizedHash)).query.paras.heads(PARA_ID);
    const para = api.registry.createType('Header', head.unwrap().toU8a(true)).number.toNumber();
    return { finalized, para };
  });
  const collators = [];
  for (const name of ['collator-alice', 'collator-bob']) {
    const { best, finalized } = await withApi(name, networkInfo, heights);
    collators.push(`${name} best #${best} finalized #${finalized}`);
  }
  console.log(`summary: relay finalized #${relay.finalized}; para ${PARA_ID} head in the relay's finalized state #${relay.para}; ${collators.join('; ')}`);
  return relay.para;
}

module.exports = { run };
