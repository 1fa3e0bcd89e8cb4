/**
 * The mail accounts and how their sync stands: when each was last read, what failed, and
 * the folder being read right now (from `sync:progress`). Shared by the sidebar footer, the
 * home banners, the connect view and the note editor.
 */
import type {
  AccountView,
  ChannelInput,
  ChannelOutput,
  SecretProtection,
  SyncReport,
} from '../../../../shared/contract';
import { SvelteSet } from 'svelte/reactivity';
import { invoke, messageOf, on } from '../api';
import type { WorkspaceState } from './workspace.svelte';

export interface FolderProgress {
  folder: string;
  done: number;
  total: number;
}

/** Without a progress event for this long, a sync the window did not start is taken as over. */
const QUIET_MS = 5_000;
/** How often relative times move on and the accounts are read again (for timed syncs). */
const TICK_MS = 30_000;
const RELOAD_EVERY_TICKS = 2;

export class SyncState {
  accounts = $state.raw<AccountView[]>([]);
  protection = $state<SecretProtection>('keychain');
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** The folder being read, per account, while a sync runs. */
  progress = $state.raw<Record<string, FolderProgress>>({});
  /** Accounts this window asked to sync, until the answer comes. */
  readonly running = new SvelteSet<string>();
  /** Bumps every half minute, so "synced 3 minutes ago" moves on. */
  tick = $state(0);

  /** Per account, the timer that ends a sync nobody announced the end of. */
  #quiet: Record<string, ReturnType<typeof setTimeout>> = {};

  constructor(private readonly workspace: WorkspaceState) {}

  isSyncing(accountId: string): boolean {
    return this.running.has(accountId) || accountId in this.progress;
  }

  get busy(): boolean {
    return this.running.size > 0 || Object.keys(this.progress).length > 0;
  }

  async reload(): Promise<void> {
    try {
      const list = await invoke('accounts:list', undefined);
      this.accounts = list.accounts;
      this.protection = list.protection;
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.loaded = true;
    }
  }

  /** Whether passwords may be kept without the system keyring; resolves with what now holds. */
  async keepWithoutKeyring(allowed: boolean): Promise<SecretProtection> {
    this.protection = (await invoke('accounts:keep-without-keyring', { allowed })).protection;
    return this.protection;
  }

  /** Tries the servers of an account not yet saved. */
  testAccount(input: ChannelInput<'accounts:test'>): Promise<ChannelOutput<'accounts:test'>> {
    return invoke('accounts:test', input);
  }

  saveAccount(input: ChannelInput<'accounts:save'>): Promise<ChannelOutput<'accounts:save'>> {
    return invoke('accounts:save', input);
  }

  async removeAccount(id: string): Promise<void> {
    await this.workspace.write(() => invoke('accounts:remove', { id }));
  }

  /** Syncs one account, or all of them; resolves with the reports once the accounts are read again. */
  async run(accountId?: string): Promise<SyncReport[]> {
    const ids = accountId ? [accountId] : this.accounts.map((a) => a.account.id);
    for (const id of ids) this.running.add(id);
    try {
      return await this.workspace.write(() => invoke('sync:run', accountId ? { accountId } : {}));
    } finally {
      for (const id of ids) {
        this.running.delete(id);
        this.#clearProgress(id);
      }
      await this.reload();
    }
  }

  /** Follows sync progress and keeps relative times current; returns the function that stops. */
  listen(): () => void {
    const stopProgress = on('sync:progress', (p) => {
      this.progress = {
        ...this.progress,
        [p.accountId]: { folder: p.folder, done: p.done, total: p.total },
      };
      // A sync started elsewhere (the timer in main) says nothing when it ends: read the
      // accounts again once the events stop.
      clearTimeout(this.#quiet[p.accountId]);
      this.#quiet[p.accountId] = setTimeout(() => {
        this.#clearProgress(p.accountId);
        void this.reload();
      }, QUIET_MS);
    });
    // A sync that ends, wherever it was started, shows its result at once.
    const stopFinished = on('sync:finished', (f) => {
      this.#clearProgress(f.accountId);
      void this.reload();
    });
    const timer = setInterval(() => {
      this.tick += 1;
      if (this.tick % RELOAD_EVERY_TICKS === 0) void this.reload();
    }, TICK_MS);
    return () => {
      stopProgress();
      stopFinished();
      clearInterval(timer);
      for (const t of Object.values(this.#quiet)) clearTimeout(t);
      this.#quiet = {};
    };
  }

  #clearProgress(accountId: string): void {
    clearTimeout(this.#quiet[accountId]);
    delete this.#quiet[accountId];
    if (!(accountId in this.progress)) return;
    const rest = { ...this.progress };
    delete rest[accountId];
    this.progress = rest;
  }
}
