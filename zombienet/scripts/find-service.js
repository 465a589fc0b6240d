// zombienet js-script: discovery by tag through this (other) collator's runtime API. Returns
// the number of services tagged `zombienet` (> 0 once the registration reached this node).
const { withApi, sleep } = require('./lib.js');

async function run (nodeName, networkInfo) {
  return withApi(nodeName, networkInfo, async (api, sdk) => {
    for (let i = 0; i < 60; i++) {
      const found = await sdk.findServices(api, { tags: ['zombienet'] });
      if (found.length > 0) {
        console.log(`collator ${nodeName}: found service ${found[0].id} "${found[0].name}" by tag`);
        return found.length;
      }
      await sleep(3000);
    }
    return 0;
  });
}

module.exports = { run };
