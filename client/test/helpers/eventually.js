// Retrying an assertion while a page or a chain catches up.

/** Retries `check` every `everyMs` until it passes; after `ms` its last failure is thrown. */
export async function assertEventually (check, ms = 20_000, everyMs = 250) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
