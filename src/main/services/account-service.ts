/**
 * Mail accounts: test a connection, save an account with its password in the vault, list
 * them with their last sync, remove them. The password travels from the renderer to here
 * once, goes into the vault, and never comes back out through any result.
 */
import type { AccountSyncStatus, MailAccount } from '../../shared/model';
import { PROVIDER_PRESETS } from '../../shared/mail-presets';
import { testConnection, type ConnectionCheck, type ImapSettings } from '../mail/imap-account';
import type { MailStore } from '../store/mail-store';
import { ServiceError } from './errors';
import { newId } from './ids';
import type { SecretProtection, SecretVault } from './secrets';

export type AccountInput = Omit<MailAccount, 'id' | 'createdAt'> & {
  id?: string | undefined;
  /** Empty when editing an account whose password should stay as it is. */
  password: string;
};

export interface AccountView {
  account: MailAccount;
  status: AccountSyncStatus;
  /** False when the password must be entered again (kept for the session only, and the app restarted). */
  hasPassword: boolean;
}

export interface AccountServiceDeps {
  mailStore: MailStore;
  vault: SecretVault;
  now: () => number;
  /** Connection options for tests (short timeouts); the app uses imapflow's defaults. */
  connectionTimeout?: number;
}

export type AccountService = ReturnType<typeof createAccountService>;

/** The IMAP settings for an account, with its password. */
export function imapSettingsFor(account: MailAccount, password: string): ImapSettings {
  return {
    host: account.imap.host,
    port: account.imap.port,
    security: account.imap.security,
    user: account.username,
    password,
    folders: {
      ...(account.sentFolder ? { sent: account.sentFolder } : {}),
      ...(account.draftsFolder ? { drafts: account.draftsFolder } : {}),
    },
  };
}

export function createAccountService(deps: AccountServiceDeps) {
  const { mailStore, vault } = deps;
  const options = deps.connectionTimeout
    ? { connectionTimeout: deps.connectionTimeout, greetingTimeout: deps.connectionTimeout }
    : {};

  function passwordFor(input: AccountInput): string {
    if (input.password) return input.password;
    const saved = input.id ? vault.read(input.id) : null;
    if (!saved) throw new ServiceError('invalid-input', 'Enter the password for this account.');
    return saved;
  }

  function toAccount(input: AccountInput, existing: MailAccount | null): MailAccount {
    const { password: _password, ...fields } = input;
    return { ...fields, id: existing?.id ?? newId(), createdAt: existing?.createdAt ?? deps.now() };
  }

  return {
    protection(): SecretProtection {
      return vault.protection();
    },

    list(): AccountView[] {
      return mailStore.listAccounts().map((account) => ({
        account,
        status: mailStore.getSyncStatus(account.id),
        hasPassword: vault.read(account.id) !== null,
      }));
    },

    /** Connects, signs in and finds the folders; says which step failed and what to do. */
    async test(input: AccountInput): Promise<ConnectionCheck> {
      const check = await testConnection(
        imapSettingsFor(toAccount(input, null), passwordFor(input)),
        options,
      );
      if (!check.ok && check.step === 'login') {
        return {
          ...check,
          message: `${check.message} ${PROVIDER_PRESETS[input.provider].loginHint}`,
        };
      }
      return check;
    },

    save(input: AccountInput): AccountView {
      const existing = input.id ? mailStore.getAccount(input.id) : null;
      if (input.id && !existing)
        throw new ServiceError('not-found', 'That account no longer exists.');
      const password = passwordFor(input);
      const account = toAccount(input, existing);
      mailStore.saveAccount(account);
      vault.save(account.id, password);
      return { account, status: mailStore.getSyncStatus(account.id), hasPassword: true };
    },

    remove(id: string): { deleted: boolean } {
      vault.forget(id);
      return { deleted: mailStore.deleteAccount(id) };
    },
  };
}
