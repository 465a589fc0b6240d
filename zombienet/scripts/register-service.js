// zombienet js-script: Alice registers a service through this collator's RPC and waits for it
// to be finalized. Returns the number of services registered by Alice (> 0 on success).
const { withApi } = require('./lib.js');

async function run (nodeName, networkInfo) {
  return withApi(nodeName, networkInfo, async (api, sdk) => {
    const alice = await sdk.pairFromUri('//Alice');
    const { serviceId } = await sdk.registerService(api, alice, {
      name: 'zombienet-llm',
      endpoints: ['https://llm.zombienet.local/v1'],
      protocol: 'https',
      tags: ['zombienet', 'llm'],
      pricePerUnit: sdk.UNIT / 1000n,
      unit: 'Request',
      metadata: null,
      beneficiary: null
    }, { finalized: true });
    const page = await api.call.serviceRegistryApi.servicesByProvider(alice.address, null, 10);
    console.log(`collator ${nodeName}: service ${serviceId} registered and finalized; Alice has ${page.services.length} service(s)`);
    return page.services.length;
  });
}

module.exports = { run };
