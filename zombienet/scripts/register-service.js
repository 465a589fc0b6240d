// zombienet js-script: Alice registers a service through this collator's RPC and waits for it
// to be finalized. Returns the number of services registered by Alice (> 0 on success).
async function run (nodeName, networkInfo) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  await zombie.util.cryptoWaitReady();
  const alice = new zombie.Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const tx = api.tx.serviceRegistry.registerService({
    name: 'zombienet-llm',
    endpoints: ['https://llm.zombienet.local/v1'],
    protocol: 'https',
    tags: ['zombienet', 'llm'],
    pricePerUnit: 10n ** 15n,
    unit: 'Request',
    metadata: null,
    beneficiary: null
  });
  await new Promise((resolve, reject) => {
    tx.signAndSend(alice, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      else if (status.isFinalized) resolve();
    }).catch(reject);
  });
  const page = await api.call.serviceRegistryApi.servicesByProvider(alice.address, null, 10);
  console.log(`collator ${nodeName}: Alice has ${page.services.length} service(s)`);
  return page.services.length;
}

module.exports = { run };
