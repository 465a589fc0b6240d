// zombienet js-script: discovery by tag through this (other) collator's runtime API. Returns
// the number of services tagged `zombienet` (> 0 once the registration reached this node).
async function run (nodeName, networkInfo) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  const filter = { tags: ['zombienet'], protocol: null, maxPricePerUnit: null, minAverageRatingCenti: null, includeStale: false };
  for (let i = 0; i < 60; i++) {
    const page = await api.call.serviceRegistryApi.findServices(filter, null, 50);
    if (page.services.length > 0) {
      console.log(`collator ${nodeName}: found ${page.services[0].service.details.name.toUtf8()}`);
      return page.services.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  return 0;
}

module.exports = { run };
