// zombienet js-script: the parachain keeps producing: returns the number of new blocks seen
// within a minute (> 0 when collation goes on after a collator restart).
async function run (nodeName, networkInfo) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const now = (await api.rpc.chain.getHeader()).number.toNumber();
    if (now >= start + 3) {
      console.log(`collator ${nodeName}: ${start} -> ${now}`);
      return now - start;
    }
  }
  return 0;
}

module.exports = { run };
