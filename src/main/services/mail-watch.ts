/**
 * While the app is open, each account's inbox and Sent folder are watched with IMAP IDLE; new
 * mail there starts a sync of that account a moment later (several arrivals make one sync).
 * `update()` brings the watchers in line with the accounts, so adding, editing or removing
 * an account, or entering its password again, needs no restart.
 */
import type { FolderWatch, MailServer } from '../mail/mailbox-port';
import type { WatchedRole } from '../mail/sync/folder-watch';
import type { MailStore } from '../store/mail-store';
import { imapSettingsFor } from './account-service';
import {
  createMailCredentials,
  missingCredentialText,
  withCredential,
  type MailCredentials,
} from './oauth/mail-credentials';
import type { SecretVault } from './secrets';
import type { SyncService } from './sync/sync-service';

export interface MailWatchDeps {
  mailStore: MailStore;
  vault: SecretVault;
  /** Where the accounts' mail servers are reached; each watch keeps a connection of its own. */
  mail: MailServer;
  /** Passwords and OAuth access tokens; default: passwords from `vault` only. */
  credentials?: MailCredentials;
  sync: Pick<SyncService, 'syncAccount'>;
  /** Wait after a change before syncing, so a burst of arrivals makes one sync. Default 2 s. */
  settleMs?: number;
  firstRetryMs?: number;
  connectionTimeout?: number;
  onWatching?: (accountId: string, role: WatchedRole) => void;
}

export type MailWatch = ReturnType<typeof createMailWatch>;

const ROLES: readonly WatchedRole[] = ['inbox', 'sent'];

export function createMailWatch(deps: MailWatchDeps) {
  const settle = deps.settleMs ?? 2_000;
  const credentials = deps.credentials ?? createMailCredentials(deps.vault, null);
  /** Running watchers by account, with the settings they were started with. */
  const running = new Map<string, { key: string; watches: FolderWatch[] }>();
  const pending = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  function changed(accountId: string): void {
    if (pending.has(accountId) || stopped) return;
    const timer = setTimeout(() => {
      pending.delete(accountId);
      // The sync reports its own failures as the account's status.
      void deps.sync.syncAccount(accountId).catch(() => undefined);
    }, settle);
    pending.set(accountId, timer);
  }

  async function stopAccount(accountId: string): Promise<void> {
    const entry = running.get(accountId);
    running.delete(accountId);
    clearTimeout(pending.get(accountId));
    pending.delete(accountId);
    await Promise.all(entry?.watches.map((w) => w.stop()) ?? []);
  }

  return {
    /** Starts, restarts or stops watchers so they match the accounts and their passwords. */
    async update(): Promise<void> {
      if (stopped) return;
      const wanted = new Map<string, string>();
      for (const account of deps.mailStore.listAccounts()) {
        if (!credentials.has(account)) continue;
        // An OAuth account's key leaves the token out: renewing it restarts nothing.
        const settings = imapSettingsFor(
          account,
          account.auth === 'oauth2' ? { accessToken: '' } : (deps.vault.read(account.id) ?? ''),
        );
        wanted.set(account.id, JSON.stringify(settings));
        if (running.get(account.id)?.key === wanted.get(account.id)) continue;
        await stopAccount(account.id);
        const timeout = deps.connectionTimeout;
        running.set(account.id, {
          key: wanted.get(account.id)!,
          watches: ROLES.map((role) =>
            deps.mail.watch(settings, {
              role,
              onChange: () => changed(account.id),
              onWatching: () => deps.onWatching?.(account.id, role),
              signIn: (connect) =>
                withCredential(
                  credentials,
                  account,
                  (credential) => connect(imapSettingsFor(account, credential)),
                  () => new Error(missingCredentialText(account)),
                ),
              ...(deps.firstRetryMs ? { firstRetryMs: deps.firstRetryMs } : {}),
              ...(timeout
                ? { client: { connectionTimeout: timeout, greetingTimeout: timeout } }
                : {}),
            }),
          ),
        });
      }
      for (const accountId of [...running.keys()])
        if (!wanted.has(accountId)) await stopAccount(accountId);
    },

    /** The accounts being watched now. */
    watchedAccounts(): string[] {
      return [...running.keys()];
    },

    async stop(): Promise<void> {
      stopped = true;
      await Promise.all([...running.keys()].map(stopAccount));
    },
  };
}
