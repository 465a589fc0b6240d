// zombienet js-script: Charlie opens a channel to Alice's service, signs a voucher for 100
// calls off-chain, Alice claims it; returns the claimed units once the claim is finalized.
const { withApi } = require('./lib.js');

async function run (nodeName, networkInfo) {
  return withApi(nodeName, networkInfo, async (api, sdk) => {
    const alice = await sdk.pairFromUri('//Alice');
    const charlie = await sdk.pairFromUri('//Charlie');
    const [service] = await sdk.findServices(api, { tags: ['zombienet'] });
    const { channelId } = await sdk.openChannel(api, charlie, service.id, sdk.UNIT, { finalized: true });
    const signature = sdk.signVoucher(charlie, api.genesisHash.toHex(), channelId, 100);
    const { units, amount } = await sdk.claim(api, alice, channelId, 100, signature, { finalized: true });
    console.log(`collator ${nodeName}: claim of ${units} units (${sdk.formatScv(amount)}) on channel ${channelId} finalized`);
    return Number(units);
  });
}

module.exports = { run };
