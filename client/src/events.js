// Finding pallet events in a transaction's result.

/**
 * The first event `section.method` among `events` (from `signAndWait`), or throws.
 * @param {any[]} events
 * @param {string} section e.g. `meteredPayments`
 * @param {string} method e.g. `ChannelOpened`
 * @returns {any} the event (`.data` holds its named fields)
 */
export function findEvent (events, section, method) {
  const found = events.find(({ event }) => event.section === section && event.method === method);
  if (!found) throw new Error(`no ${section}.${method} event`);
  return found.event;
}

/**
 * All events `section.method` among `events`.
 * @param {any[]} events
 * @param {string} section
 * @param {string} method
 * @returns {any[]}
 */
export function filterEvents (events, section, method) {
  return events.filter(({ event }) => event.section === section && event.method === method)
    .map(({ event }) => event);
}
