/**
 * Mail accounts: test a connection, save an account with its password in the vault, list
 * them with their last sync, remove them. The password travels from the renderer to here
 * once, goes into the vault, and never comes back out through any result.
 */
import type {
  AccountView,
  ChannelParsedInput,
  ConnectionReport,
  IncomingCheck,
  OutgoingCheck,
} from '../../shared/contract';
import type { MailAccount } from '../../shared/model';
import { PROVIDER_PRESETS } from '../../shared/mail-presets';
import { isLoopbackHost } from '../mail/imap-account';
import type { ImapSettings, MailServer } from '../mail/mailbox-port';
import { classifySendError, SmtpSendError, verifySmtp } from '../mail/smtp';
import type { MailStore } from '../store/mail-store';
import { ServiceError } from './errors';
import { newId } from './ids';
import type { SecretProtection, SecretVault } from './secrets';

/**
 * An account as the connect wizard sends it. An empty password when editing keeps the saved
 * one; so do absent reply folders (callers from before they existed).
 */
export type AccountInput = Omit<ChannelParsedInput<'accounts:save'>, 'replyFolders'> & {
  replyFolders?: string[];
};

export interface AccountServiceDeps {
  mailStore: MailStore;
  vault: SecretVault;
  /** Where the account's mail server is reached, for the connection test. */
  mail: MailServer;
  now: () => number;
  /** Connection options for tests (short timeouts); the app uses the client's defaults. */
  connectionTimeout?: number;
  /** After a removal: wipes the removed account's ciphertext from the file and its backups. */
  forgetRemovedSecrets?: () => void;
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
    replyFolders: account.replyFolders,
  };
}

/**
 * An account that would send its password unencrypted to another computer is not saved at
 * all (connecting refuses it too; this keeps it from being stored as if it could work).
 */
function refusePlaintextAway(input: AccountInput): void {
  for (const [name, server] of [
    ['IMAP', input.imap],
    ['SMTP', input.smtp],
  ] as const) {
    if (server.security === 'plaintext' && !isLoopbackHost(server.host)) {
      throw ServiceError.atField(
        `${name.toLowerCase()}.security`,
        `${name}: unencrypted connections are only allowed to this computer (localhost). ` +
          `Choose TLS or STARTTLS for ${server.host}.`,
      );
    }
  }
}

/** Whether the input signs in as the same user on the same servers, secured the same way. */
function sameServers(account: MailAccount, input: AccountInput): boolean {
  const same = (a: MailAccount['imap'], b: AccountInput['imap']) =>
    a.host.trim().toLowerCase() === b.host.trim().toLowerCase() &&
    a.port === b.port &&
    a.security === b.security;
  return (
    account.username === input.username &&
    same(account.imap, input.imap) &&
    same(account.smtp, input.smtp)
  );
}

/** Folder paths as the user typed them, trimmed, each once, in their order. */
function uniqueFolders(paths: readonly string[]): string[] {
  return [...new Set(paths.map((p) => p.trim()).filter((p) => p !== ''))];
}

export function createAccountService(deps: AccountServiceDeps) {
  const { mailStore, vault } = deps;
  const options = deps.connectionTimeout
    ? { connectionTimeout: deps.connectionTimeout, greetingTimeout: deps.connectionTimeout }
    : {};

  /**
   * The password typed, or the saved one when the account's servers are the ones it was saved
   * for. Reusing it for another host, port, user name or security would hand it to whoever
   * runs that server (a compromised window could collect every saved password that way).
   */
  function passwordFor(input: AccountInput): string {
    if (input.password) return input.password;
    const existing = input.id ? mailStore.getAccount(input.id) : null;
    const saved = existing ? vault.read(existing.id) : null;
    if (!existing || !saved) {
      throw ServiceError.atField('password', 'Enter the password for this account.');
    }
    if (!sameServers(existing, input)) {
      throw ServiceError.atField(
        'password',
        'The server or user name changed, so enter the password again. A saved password only goes to the server it was saved for.',
      );
    }
    return saved;
  }

  function toAccount(input: AccountInput, existing: MailAccount | null): MailAccount {
    const { password: _password, replyFolders, ...fields } = input;
    return {
      ...fields,
      replyFolders: uniqueFolders(replyFolders ?? existing?.replyFolders ?? []),
      id: existing?.id ?? newId(),
      createdAt: existing?.createdAt ?? deps.now(),
    };
  }

  async function testIncoming(
    account: MailAccount,
    password: string,
    input: AccountInput,
  ): Promise<IncomingCheck> {
    const check = await deps.mail.check(imapSettingsFor(account, password), options);
    if (check.ok) {
      return {
        ok: true,
        sentFolder: check.folders.sent?.path ?? '',
        draftsFolder: check.folders.drafts?.path ?? null,
        inbox: check.folders.inbox.path,
        folders: check.folders.all,
        replyFolders: check.folders.replies.map((f) => f.path),
        missingReplyFolders: check.folders.missingReplyFolders,
      };
    }
    const hint = check.step === 'login' ? ` ${PROVIDER_PRESETS[input.provider].loginHint}` : '';
    return {
      ok: false,
      step: check.step,
      message: `${check.message}${hint}`,
      folders: check.folders ?? [],
    };
  }

  /** Signs in to the SMTP server and leaves without sending anything. */
  async function testOutgoing(account: MailAccount, password: string): Promise<OutgoingCheck> {
    try {
      await verifySmtp({ ...account.smtp, user: account.username, password }, options);
      return { ok: true };
    } catch (error) {
      const failure =
        error instanceof SmtpSendError
          ? error
          : classifySendError(error, { ...account.smtp, user: account.username, password });
      return { ok: false, step: failure.step, message: failure.message };
    }
  }

  return {
    protection(): SecretProtection {
      return vault.protection();
    },

    /** The user's choice, on a computer without a keyring, to keep passwords on disk anyway. */
    keepWithoutKeyring(allowed: boolean): SecretProtection {
      return vault.keepWithoutKeyring(allowed);
    },

    list(): AccountView[] {
      return mailStore.listAccounts().map((account) => ({
        account,
        status: mailStore.getSyncStatus(account.id),
        hasPassword: vault.read(account.id) !== null,
      }));
    },

    /**
     * Connects to both servers at once, signs in and finds the folders; sends nothing. Says for
     * incoming and outgoing mail each which step failed and what to do.
     */
    async test(input: AccountInput): Promise<ConnectionReport> {
      const account = toAccount(input, null);
      const password = passwordFor(input);
      const [incoming, outgoing] = await Promise.all([
        testIncoming(account, password, input),
        testOutgoing(account, password),
      ]);
      return { ok: incoming.ok && outgoing.ok, incoming, outgoing };
    },

    save(input: AccountInput): AccountView {
      refusePlaintextAway(input);
      const existing = input.id ? mailStore.getAccount(input.id) : null;
      if (input.id && !existing)
        throw new ServiceError('not-found', 'That account no longer exists.');
      const password = passwordFor(input);
      const account = toAccount(input, existing);
      mailStore.saveAccount(account);
      vault.save(account.id, password);
      return { account, status: mailStore.getSyncStatus(account.id), hasPassword: true };
    },

    /** The folders read for replies besides the inbox, \All and \Archive; the password stays as it is. */
    setReplyFolders(id: string, folders: readonly string[]): AccountView {
      const existing = mailStore.getAccount(id);
      if (!existing) throw new ServiceError('not-found', 'That account no longer exists.');
      const account = { ...existing, replyFolders: uniqueFolders(folders) };
      mailStore.saveAccount(account);
      return {
        account,
        status: mailStore.getSyncStatus(id),
        hasPassword: vault.read(id) !== null,
      };
    },

    remove(id: string): { deleted: boolean } {
      vault.forget(id);
      const deleted = mailStore.deleteAccount(id);
      deps.forgetRemovedSecrets?.();
      return { deleted };
    },
  };
}
