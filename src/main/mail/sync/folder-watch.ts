/**
 * Watches one folder of an account with IMAP IDLE while the app is open, and says when new
 * mail arrived there, so a sync can fetch it at once instead of at the next timer tick.
 *
 * One connection per watched folder (IDLE covers only the selected one). A dropped
 * connection is retried with a doubling delay; after a reconnect the watcher reports a change,
 * because mail may have arrived while it was away.
 */
import type { ImapFlow } from 'imapflow';
import type { ClientOptions, FolderOverrides, ImapSettings } from '../imap-account';
import { connectImap, discoverFolders } from '../imap-account';

export type WatchedRole = 'inbox' | 'sent';

export interface FolderWatchOptions {
  role: WatchedRole;
  /** New mail arrived in the folder (or the watcher reconnected and may have missed some). */
  onChange: () => void;
  /** The folder is selected and IDLE has started (tests wait for this). */
  onWatching?: (path: string) => void;
  /** The connection failed or dropped; the watcher retries by itself. */
  onError?: (error: unknown) => void;
  /** First delay before a reconnect, doubled up to `maxRetryMs`. Defaults 5 s and 5 min. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  client?: ClientOptions;
  /**
   * Signs in for each connection: calls `connect` with the settings to use now (an OAuth
   * account's token may need renewing, and a refused one is renewed and tried again).
   */
  signIn?: <T>(connect: (settings: ImapSettings) => Promise<T>) => Promise<T>;
}

export interface FolderWatch {
  stop(): Promise<void>;
}

/** Renew IDLE well inside the 29 minutes RFC 2177 allows. */
const MAX_IDLE_MS = 25 * 60_000;

export function watchFolder(settings: ImapSettings, options: FolderWatchOptions): FolderWatch {
  const firstRetry = options.firstRetryMs ?? 5_000;
  const maxRetry = options.maxRetryMs ?? 5 * 60_000;
  let stopped = false;
  let current: ImapFlow | null = null;
  let wake: (() => void) | null = null;
  /** A folder was watched before, so a new connection may have missed mail. */
  let watchedBefore = false;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function watchOnce(): Promise<void> {
    const clientOptions = { ...options.client, maxIdleTime: MAX_IDLE_MS };
    const client = await (options.signIn
      ? options.signIn((current) => connectImap(current, clientOptions))
      : connectImap(settings, clientOptions));
    current = client;
    try {
      if (stopped) return;
      const folders = await discoverFolders(client, overridesOf(settings));
      const path = options.role === 'inbox' ? folders.inbox.path : folders.sent?.path;
      if (!path) throw new Error(`No ${options.role} folder to watch.`);
      client.on('exists', (info: { count: number; prevCount: number }) => {
        if (info.count > info.prevCount) options.onChange();
      });
      await client.mailboxOpen(path, { readOnly: true });
      if (watchedBefore) options.onChange();
      watchedBefore = true;
      options.onWatching?.(path);
      while (!stopped && client.usable) {
        if ((await client.idle()) === false) break;
      }
    } finally {
      current = null;
      client.close();
    }
  }

  const done = (async () => {
    let delay = firstRetry;
    while (!stopped) {
      try {
        await watchOnce();
        delay = firstRetry;
      } catch (error) {
        if (stopped) break;
        options.onError?.(error);
      }
      if (stopped) break;
      await pause(delay);
      delay = Math.min(delay * 2, maxRetry);
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      current?.close();
      await done;
    },
  };
}

function overridesOf(settings: ImapSettings): FolderOverrides {
  return settings.folders ?? {};
}
