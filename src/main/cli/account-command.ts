/** `followthrough account add|test|list|folders|remove`. */
import {
  MAIL_PROVIDERS,
  TRANSPORT_SECURITIES,
  type MailProvider,
  type TransportSecurity,
} from '../../shared/model';
import { PROVIDER_PRESETS } from '../../shared/mail-presets';
import type { AccountInput, AccountService } from '../services/account-service';
import { ServiceError } from '../services/errors';
import { isOAuthProvider, type OAuthProvider } from '../services/oauth/providers';
import type { CliIo } from './index';
import { UsageError } from './usage-error';

type Values = Record<string, string | boolean | string[] | undefined>;

function list(value: Values[string]): string[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

interface Context {
  accounts: AccountService;
  password: () => Promise<string>;
  io: CliIo;
  /** A password was given (--password-env): Gmail and Outlook then use it (an app password). */
  passwordGiven?: boolean;
}

/** `account add --provider gmail|outlook` without a password: sign in through the browser. */
async function signInAndAdd(
  provider: OAuthProvider,
  values: Values,
  accounts: AccountService,
  io: CliIo,
): Promise<number> {
  const preset = PROVIDER_PRESETS[provider];
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const server = (kind: 'imap' | 'smtp') => {
    const base = preset[kind] ?? { host: '', port: 993, security: 'tls' as const };
    const host = text(`${kind}-host`) ?? base.host;
    const port = text(`${kind}-port`) === undefined ? base.port : Number(text(`${kind}-port`));
    const security = oneOf<TransportSecurity>(
      TRANSPORT_SECURITIES,
      text('security') ?? base.security,
      '--security',
    );
    return { host, port, security };
  };
  const clientId = text('client-id');
  const clientSecret = text('client-secret');
  const label = text('label');
  const { view, report } = await accounts.signIn({
    provider,
    ...(label ? { label } : {}),
    imap: server('imap'),
    smtp: server('smtp'),
    providerFilesSent: preset.filesSentItself,
    sentFolder: text('sent-folder') ?? null,
    draftsFolder: null,
    replyFolders: list(values['reply-folder']),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
  });
  const { incoming, outgoing } = report;
  io.stdout(`Signed in as ${view.account.email}; added ${view.account.id}.\n`);
  if (!incoming.ok) {
    io.stderr(`Reading mail does not work yet: ${incoming.message}\n`);
    return 1;
  }
  io.stdout(`Sent mail is read from "${incoming.sentFolder}".\n`);
  io.stdout(foldersLine(incoming));
  if (!outgoing.ok) io.stderr(`Sending will not work yet: ${outgoing.message}\n`);
  io.stderr(
    'The sign-in is not stored by the command line: `followthrough sync` signs in again in the browser.\n',
  );
  return 0;
}

function oneOf<T extends string>(list: readonly T[], value: string, flag: string): T {
  if ((list as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${list.join(', ')}`);
}

function inputFrom(values: Values, password: string): AccountInput {
  const email = typeof values['email'] === 'string' ? values['email'] : '';
  if (!email) throw new UsageError('account add needs --email');
  const provider = oneOf<MailProvider>(
    MAIL_PROVIDERS,
    String(values['provider'] ?? 'other'),
    '--provider',
  );
  const preset = PROVIDER_PRESETS[provider];
  const host = typeof values['imap-host'] === 'string' ? values['imap-host'] : preset.imap?.host;
  if (!host) throw new UsageError('--imap-host is needed for provider "other"');
  const port =
    values['imap-port'] === undefined ? (preset.imap?.port ?? 993) : Number(values['imap-port']);
  const security = oneOf<TransportSecurity>(
    TRANSPORT_SECURITIES,
    String(values['security'] ?? preset.imap?.security ?? 'tls'),
    '--security',
  );
  const imap = { host, port, security };
  return {
    label: typeof values['label'] === 'string' ? values['label'] : email,
    provider,
    email,
    username: typeof values['user'] === 'string' ? values['user'] : email,
    imap,
    smtp: preset.smtp ?? {
      host,
      port: 465,
      security: security === 'plaintext' ? 'plaintext' : 'tls',
    },
    providerFilesSent: preset.filesSentItself,
    sentFolder: typeof values['sent-folder'] === 'string' ? values['sent-folder'] : null,
    draftsFolder: null,
    replyFolders: list(values['reply-folder']),
    password,
  };
}

function foldersLine(check: { replyFolders: string[]; missingReplyFolders: string[] }): string {
  const read = check.replyFolders.length
    ? `Replies are also read from ${check.replyFolders.map((f) => `"${f}"`).join(', ')}.`
    : 'Replies are read from the inbox only.';
  const missing = check.missingReplyFolders.length
    ? ` Not on the server: ${check.missingReplyFolders.map((f) => `"${f}"`).join(', ')}.`
    : '';
  return `${read}${missing}\n`;
}

export async function accountCommand(
  args: string[],
  values: Values,
  { accounts, password, io, passwordGiven = false }: Context,
): Promise<number> {
  const [verb, id] = args;
  switch (verb) {
    case 'add': {
      const provider = String(values['provider'] ?? 'other') as MailProvider;
      if (isOAuthProvider(provider) && !passwordGiven) {
        return await signInAndAdd(provider, values, accounts, io);
      }
      const input = inputFrom(values, await password());
      const { incoming, outgoing } = await accounts.test(input);
      // Reading is what the command line does with an account; sending is only reported.
      if (!incoming.ok) throw new ServiceError('failed', incoming.message);
      const saved = accounts.save(input);
      io.stdout(
        `Added ${saved.account.id} (${saved.account.email}); sent mail is read from "${incoming.sentFolder}".\n`,
      );
      io.stdout(foldersLine(incoming));
      if (!outgoing.ok) io.stderr(`Sending will not work yet: ${outgoing.message}\n`);
      io.stderr('The password is not stored by the command line: give it again when you sync.\n');
      return 0;
    }
    case 'test': {
      const view = accounts.list().find((a) => a.account.id === id);
      if (!view)
        throw new ServiceError(
          'not-found',
          `no account ${id ?? ''}: see followthrough account list`,
        );
      const { ok, incoming, outgoing } = await accounts.test({
        ...view.account,
        password: await password(),
      });
      io.stdout(
        incoming.ok
          ? `Incoming OK: sent mail in "${incoming.sentFolder}", inbox "${incoming.inbox}".\n${foldersLine(incoming)}`
          : `Incoming failed: ${incoming.message}\n`,
      );
      io.stdout(
        outgoing.ok
          ? 'Outgoing OK: signed in to the SMTP server (nothing was sent).\n'
          : `Outgoing failed: ${outgoing.message}\n`,
      );
      return ok ? 0 : 1;
    }
    case 'list': {
      const list = accounts.list();
      if (values['json']) {
        io.stdout(`${JSON.stringify(list, null, 2)}\n`);
      } else if (list.length === 0) {
        io.stdout(
          'No accounts yet. Add one with: followthrough account add --email you@example.com --password-env VAR\n',
        );
      } else {
        for (const { account, status } of list) {
          const last = status.lastSyncAt
            ? new Date(status.lastSyncAt).toISOString()
            : 'never synced';
          io.stdout(
            `${account.id}  ${account.email}  ${account.imap.host}  ${last}${status.error ? `  error: ${status.error}` : ''}\n`,
          );
        }
      }
      return 0;
    }
    case 'folders': {
      const view = accounts.list().find((a) => a.account.id === id);
      if (!view || !id)
        throw new ServiceError(
          'not-found',
          `no account ${id ?? ''}: see followthrough account list`,
        );
      const removed = new Set(list(values['remove']));
      const folders = [
        ...view.account.replyFolders.filter((f) => !removed.has(f)),
        ...list(values['add']),
      ];
      const saved = accounts.setReplyFolders(id, folders);
      io.stdout(
        saved.account.replyFolders.length
          ? `Read for replies besides the inbox, \\All and \\Archive: ${saved.account.replyFolders.map((f) => `"${f}"`).join(', ')}.\n`
          : 'No folders added: replies are read from the inbox, \\All and \\Archive.\n',
      );
      return 0;
    }
    case 'remove': {
      if (!id) throw new UsageError('account remove needs the account id');
      const { deleted } = accounts.remove(id);
      if (!deleted) throw new ServiceError('not-found', `no account ${id}`);
      io.stdout(`Removed ${id}.\n`);
      return 0;
    }
    default:
      throw new UsageError('account needs one of: add, test, list, folders, remove');
  }
}
