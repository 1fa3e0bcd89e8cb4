/**
 * What the bridge page gets instead of preload: `window.followthrough` over HTTP. Injected
 * with `page.addInitScript`, so it runs before the app and outside the page's CSP.
 * Events (every name in the contract's EVENT_NAMES) come from a long poll on `/events`.
 * Every call carries the bridge's token, without which the bridge refuses it.
 *
 * As in Electron, where an event sent before a reply arrives before it, an answer resolves
 * only once the events the bridge logged before it have been delivered (`x-bridge-seq`).
 * The page counts its calls per channel in `window.__bridgeCalls`, for tests that check how
 * much one action asks of main.
 */
import { EVENT_NAMES } from '../../../src/shared/channel-names';

/** The script for a bridge whose token is `token`. */
export function bridgeClientScript(token: string): string {
  return `(() => {
  const token = ${JSON.stringify(token)};
  const listeners = Object.fromEntries(${JSON.stringify(EVENT_NAMES)}.map((e) => [e, new Set()]));
  let cursor = -1;
  let polling = false;
  /** Answers waiting for the events logged before them: [seq, resolve]. */
  let held = [];
  const release = () => {
    const ready = held.filter(([seq]) => !polling || cursor >= seq);
    held = held.filter((h) => !ready.includes(h));
    for (const [, resolve] of ready) resolve();
  };
  const caughtUp = (seq) =>
    !polling || cursor >= seq ? Promise.resolve() : new Promise((resolve) => held.push([seq, resolve]));
  window.__bridgeCalls = {};
  const listening = () => Object.values(listeners).some((set) => set.size > 0);
  async function poll() {
    polling = true;
    while (listening()) {
      try {
        const response = await fetch('/events?after=' + cursor, { headers: { 'x-bridge-token': token } });
        const body = await response.json();
        if (cursor >= 0) {
          for (const { event, payload } of body.events) {
            for (const listener of [...(listeners[event] ?? [])]) listener(payload);
          }
        }
        cursor = body.seq;
        release();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    polling = false;
    release();
  }
  window.followthrough = Object.freeze({
    async invoke(channel, input) {
      window.__bridgeCalls[channel] = (window.__bridgeCalls[channel] ?? 0) + 1;
      const response = await fetch('/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bridge-token': token },
        body: JSON.stringify({ channel, input }),
      });
      const result = await response.json();
      await caughtUp(Number(response.headers.get('x-bridge-seq') ?? '0'));
      return result;
    },
    on(event, listener) {
      const set = listeners[event];
      if (!set) throw new Error('Unknown event: ' + event);
      set.add(listener);
      if (!polling) void poll();
      return () => set.delete(listener);
    },
  });
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
})();`;
}
