/**
 * What the bridge page gets instead of preload: `window.followthrough` over HTTP. Injected
 * with `page.addInitScript`, so it runs before the app and outside the page's CSP.
 * `status:changed` is a long poll on `/events`; `sync:progress` is not relayed.
 */
export const BRIDGE_CLIENT_SCRIPT = `(() => {
  const listeners = new Set();
  let version = -1;
  let polling = false;
  async function poll() {
    polling = true;
    while (listeners.size > 0) {
      try {
        const response = await fetch('/events?after=' + version);
        const body = await response.json();
        const changed = version >= 0 && body.version !== version;
        version = body.version;
        if (changed) for (const listener of [...listeners]) listener({ at: body.at });
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    polling = false;
  }
  window.followthrough = Object.freeze({
    invoke(channel, input) {
      return fetch('/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, input }),
      }).then((r) => r.json());
    },
    on(event, listener) {
      // Sync progress is not relayed over the bridge; its listeners simply hear nothing.
      if (event === 'sync:progress') return () => {};
      if (event !== 'status:changed') throw new Error('Unknown event: ' + event);
      listeners.add(listener);
      if (!polling) void poll();
      return () => listeners.delete(listener);
    },
  });
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
})();`;
