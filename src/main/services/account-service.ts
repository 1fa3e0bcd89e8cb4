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
  OAuthClients,
  OutgoingCheck,
} from '../../shared/contract';
import type { MailAccount } from '../../shared/model';
import { PROVIDER_PRESETS } from '../../shared/mail-presets';
import { isLoopbackHost } from '../mail/imap-account';
import type { ImapSettings, MailServer } from '../mail/mailbox-port';
import { classifySendError, SmtpSendError, verifySmtp, type SmtpSettings } from '../mail/smtp';
import type { MailStore } from '../store/mail-store';
import { ServiceError } from './errors';
import { newId } from './ids';
import { createMailCredentials, type MailCredential } from './oauth/mail-credentials';
import {
  createAccountSignIn,
  type AccountSignInDeps,
  type SignInInput,
} from './oauth/account-sign-in';
import { OAuthError } from './oauth/errors';
import type { SecretProtection, SecretVault } from './secrets';

/**
 * An account as the connect wizard sends it. An empty password when editing keeps the saved
 * one; so do absent reply folders (callers from before they existed).
 */
export type AccountInput = Omit<ChannelParsedInput<'accounts:save'>, 'replyFolders'> & {
  replyFolders?: string[];
};

export type { SignInInput };

export interface AccountServiceDeps {
  mailStore: MailStore;
  vault: SecretVault;
  /** Where the account's mail server is reached, for the connection test. */
  mail: MailServer;
  /** Signing in with Google and Microsoft; without it only passwords work. */
  oauth?: NonNullable<AccountSignInDeps['oauth']>;
  now: () => number;
  /** Connection options for tests (short timeouts); the app uses the client's defaults. */
  connectionTimeout?: number;
  /** After a removal: wipes the removed account's ciphertext from the file and its backups. */
  forgetRemovedSecrets?: () => void;
}

export type AccountService = ReturnType<typeof createAccountService>;

/** The IMAP settings for an account, with its password or access token. */
export function imapSettingsFor(
  account: MailAccount,
  credential: string | MailCredential,
): ImapSettings {
  const secret = typeof credential === 'string' ? { password: credential } : credential;
  return {
    host: account.imap.host,
    port: account.imap.port,
    security: account.imap.security,
    user: account.username,
    password: 'password' in secret ? secret.password : '',
    ...('accessToken' in secret ? { accessToken: secret.accessToken } : {}),
    folders: {
      ...(account.sentFolder ? { sent: account.sentFolder } : {}),
      ...(account.draftsFolder ? { drafts: account.draftsFolder } : {}),
    },
    replyFolders: account.replyFolders,
  };
}

/** The SMTP settings for an account, with its password or access token. */
export function smtpSettingsFor(
  account: MailAccount,
  credential: string | MailCredential,
): SmtpSettings {
  const secret = typeof credential === 'string' ? { password: credential } : credential;
  return {
    ...account.smtp,
    user: account.username,
    password: 'password' in secret ? secret.password : '',
    ...('accessToken' in secret ? { accessToken: secret.accessToken } : {}),
  };
}

/**
 * An account that would send its password unencrypted to another computer is not saved at
 * all (connecting refuses it too; this keeps it from being stored as if it could work).
 */
function refusePlaintextAway(input: Pick<AccountInput, 'imap' | 'smtp'>): void {
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
  const credentials = createMailCredentials(vault, deps.oauth?.tokens ?? null);
  const options = deps.connectionTimeout
    ? { connectionTimeout: deps.connectionTimeout, greetingTimeout: deps.connectionTimeout }
    : {};

  /**
   * The password typed, or the saved one when the account's servers are the ones it was saved
   * for. Reusing it for another host, port, user name or security would hand it to whoever
   * runs that server (a compromised window could collect every saved password that way).
   */
  async function credentialFor(input: AccountInput): Promise<MailCredential> {
    if (input.auth === 'oauth2' && !input.password) {
      const existing = input.id ? mailStore.getAccount(input.id) : null;
      if (!existing || existing.auth !== 'oauth2' || !credentials.has(existing)) {
        throw new ServiceError('invalid-input', 'Sign in with your provider first.');
      }
      if (!sameServers(existing, input)) {
        throw ServiceError.atField(
          'imap.host',
          'The server or user name changed, so sign in again. A sign-in only goes to the servers it was made for.',
        );
      }
      try {
        const credential = await credentials.get(existing);
        if (credential) return credential;
      } catch (error) {
        if (error instanceof OAuthError) throw new ServiceError('unavailable', error.message);
        throw error;
      }
      throw new ServiceError('invalid-input', 'Sign in with your provider again.');
    }
    return { password: passwordFor(input) };
  }

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
    const { password: _password, replyFolders, auth, ...fields } = input;
    return {
      ...fields,
      ...(auth === 'oauth2' && !input.password ? { auth: 'oauth2' as const } : {}),
      replyFolders: uniqueFolders(replyFolders ?? existing?.replyFolders ?? []),
      id: existing?.id ?? newId(),
      createdAt: existing?.createdAt ?? deps.now(),
    };
  }

  async function testIncoming(
    account: MailAccount,
    credential: MailCredential,
    provider: AccountInput['provider'],
  ): Promise<IncomingCheck> {
    const check = await deps.mail.check(imapSettingsFor(account, credential), options);
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
    const hint = check.step === 'login' ? ` ${PROVIDER_PRESETS[provider].loginHint}` : '';
    return {
      ok: false,
      step: check.step,
      // A password's advice does not fit a sign-in the provider made.
      message:
        check.step === 'login' && account.auth === 'oauth2'
          ? `${PROVIDER_PRESETS[provider].label} signed you in as ${account.username}, but the mail server did not accept that sign-in. Check that IMAP is turned on for this mailbox (at work, your administrator decides), then sign in again.`
          : `${check.message}${hint}`,
      folders: check.folders ?? [],
    };
  }

  /** Signs in to the SMTP server and leaves without sending anything. */
  async function testOutgoing(
    account: MailAccount,
    credential: MailCredential,
  ): Promise<OutgoingCheck> {
    try {
      await verifySmtp(smtpSettingsFor(account, credential), options);
      return { ok: true };
    } catch (error) {
      const failure =
        error instanceof SmtpSendError
          ? error
          : classifySendError(error, smtpSettingsFor(account, credential));
      return { ok: false, step: failure.step, message: failure.message };
    }
  }

  async function testBoth(
    account: MailAccount,
    credential: MailCredential,
  ): Promise<ConnectionReport> {
    const [incoming, outgoing] = await Promise.all([
      testIncoming(account, credential, account.provider),
      testOutgoing(account, credential),
    ]);
    return { ok: incoming.ok && outgoing.ok, incoming, outgoing };
  }

  const signIns = createAccountSignIn({
    mailStore,
    now: deps.now,
    oauth: deps.oauth ?? null,
    test: testBoth,
    replyFolders: uniqueFolders,
  });

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
        hasPassword: credentials.has(account),
      }));
    },

    /**
     * Connects to both servers at once, signs in and finds the folders; sends nothing. Says for
     * incoming and outgoing mail each which step failed and what to do.
     */
    async test(input: AccountInput): Promise<ConnectionReport> {
      const account = toAccount(input, null);
      return testBoth(account, await credentialFor(input));
    },

    save(input: AccountInput): AccountView {
      refusePlaintextAway(input);
      const existing = input.id ? mailStore.getAccount(input.id) : null;
      if (input.id && !existing)
        throw new ServiceError('not-found', 'That account no longer exists.');
      const account = toAccount(input, existing);
      if (account.auth === 'oauth2') {
        // Keeps the sign-in it has, for the servers it was made for.
        if (!existing || existing.auth !== 'oauth2' || !sameServers(existing, input)) {
          throw ServiceError.atField(
            'imap.host',
            'The server or user name changed, so sign in again. A sign-in only goes to the servers it was made for.',
          );
        }
        mailStore.saveAccount(account);
        return {
          account,
          status: mailStore.getSyncStatus(account.id),
          hasPassword: credentials.has(account),
        };
      }
      const password = passwordFor(input);
      mailStore.saveAccount(account);
      vault.save(account.id, password);
      return { account, status: mailStore.getSyncStatus(account.id), hasPassword: true };
    },

    /** Which providers this build can sign in to without the user giving a client id. */
    oauthClients(): OAuthClients {
      return signIns.oauthClients();
    },

    /** Signs in through the provider's page in the browser, saves the account, tests it. */
    signIn(input: SignInInput): Promise<{ view: AccountView; report: ConnectionReport }> {
      refusePlaintextAway(input);
      return signIns.signIn(input);
    },

    /** Stops waiting for the browser (the user pressed Cancel). */
    cancelSignIn(): { cancelled: boolean } {
      return signIns.cancel();
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
        hasPassword: credentials.has(account),
      };
    },

    remove(id: string): { deleted: boolean } {
      vault.forget(id);
      deps.oauth?.tokens.forget(id);
      const deleted = mailStore.deleteAccount(id);
      deps.forgetRemovedSecrets?.();
      return { deleted };
    },
  };
}
