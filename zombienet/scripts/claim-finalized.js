// zombienet js-script: Charlie opens a channel to Alice's service, signs a voucher for 100
// calls off-chain, Alice claims it; returns the claimed units once the claim is finalized.
async function run (nodeName, networkInfo) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  await zombie.util.cryptoWaitReady();
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const charlie = keyring.addFromUri('//Charlie');
  const send = (tx, who) => new Promise((resolve, reject) => {
    tx.signAndSend(who, ({ status, events, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      else if (status.isFinalized) resolve(events);
    }).catch(reject);
  });
  const page = await api.call.serviceRegistryApi.servicesByProvider(alice.address, null, 10);
  const serviceId = page.services[0].id.toNumber();
  const opened = await send(api.tx.meteredPayments.openChannel(serviceId, 10n ** 18n), charlie);
  const channelId = opened.find(({ event }) => event.method === 'ChannelOpened').event.data.channelId.toBigInt();
  const payload = await api.call.meteredPaymentsApi.voucherPayload(channelId, 100);
  const signature = { Sr25519: zombie.util.u8aToHex(charlie.sign(payload.toU8a(true))) };
  const claimed = await send(api.tx.meteredPayments.claim(channelId, 100, signature), alice);
  const units = claimed.find(({ event }) => event.method === 'Claimed').event.data.units.toNumber();
  console.log(`collator ${nodeName}: claim of ${units} units on channel ${channelId} finalized`);
  return units;
}

module.exports = { run };
