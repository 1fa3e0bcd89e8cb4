/**
 * The command line's mail, calendar and drafting commands, over every service. Loaded by
 * `index.ts` only when one of them runs, so status and export never load IMAP, SMTP, MIME
 * or calendar parsing.
 */
import { blockingFindings } from '../domain/draft-checks';
import { createServices } from '../services';
import { notReady } from '../services/note-sender';
import { createMemoryVault } from '../services/secrets';
import type { OpenedDatabase } from '../store/database';
import { isOAuthProvider, productionOAuthConfig } from '../services/oauth/providers';
import { accountCommand } from './account-command';
import { openInBrowser } from './browser';
import { icsCommand } from './ics-commands';
import type { CliIo } from './index';
import { passwordsFrom } from './passwords';
import { UsageError } from './usage-error';

type Values = Record<string, string | boolean | string[] | undefined> & { account?: string };

interface MailContext {
  opened: OpenedDatabase;
  io: CliIo;
  systemTimeZone: () => string;
  /** Receives what must run before the database closes (the parsing worker's shutdown). */
  onClose: (close: () => Promise<void>) => void;
}

export async function mailCommand(
  command: string,
  rest: string[],
  values: Values,
  passwordEnv: string[],
  { opened, io, systemTimeZone, onClose }: MailContext,
): Promise<number> {
  // The folder lists are the account command's; the other commands read single values.
  const { 'reply-folder': _replyFolder, add: _add, remove: _remove, ...others } = values;
  const single = others as Record<string, string | boolean | undefined>;
  const vault = createMemoryVault();
  const services = createServices({
    database: opened,
    vault,
    now: io.now,
    systemTimeZone,
    onSyncProgress: ({ folder, done, total }) => io.stderr(`${folder}: ${done}/${total}\n`),
    ...(io.untrustedParserScript ? { untrustedParser: { script: io.untrustedParserScript } } : {}),
    oauth: {
      config: io.oauth?.config ?? productionOAuthConfig(),
      openBrowser: io.oauth?.openBrowser ?? openInBrowser(io.stderr, io.env),
    },
  });
  onClose(() => services.parser.close());
  const { workspace, accounts, sync, drafts, invitations } = services;
  const passwords = passwordsFrom({
    entries: passwordEnv,
    env: io.env,
    ...(io.askPassword ? { askPassword: io.askPassword } : {}),
  });
  const password = () => passwords.single();

  switch (command) {
    case 'account':
      return await accountCommand(rest, values, {
        accounts,
        password,
        io,
        passwordGiven: passwordEnv.length > 0,
      });
    case 'sync': {
      const all = accounts.list().map((a) => a.account);
      const targets = values.account
        ? [
            all.find((a) => a.id === values.account) ?? {
              id: values.account,
              label: values.account,
              email: '',
            },
          ]
        : all;
      if (targets.length === 0)
        throw new UsageError('no account yet: add one with followthrough account add');
      // Accounts that sign in with Google or Microsoft do so in the browser (the command line
      // keeps no sign-in between runs, as it keeps no password); the others need passwords.
      const signingIn = new Set(
        all
          .filter((a) => targets.some((t) => t.id === a.id) && a.auth === 'oauth2')
          .map((a) => a.id),
      );
      const withPasswords = targets.filter((t) => !signingIn.has(t.id));
      if (withPasswords.length > 0) {
        const secrets = await passwords.forAccounts(withPasswords, values.account !== undefined);
        for (const { id } of withPasswords) vault.save(id, secrets.get(id)!);
      }
      for (const account of all) {
        if (!signingIn.has(account.id) || !isOAuthProvider(account.provider)) continue;
        await accounts.signIn({
          id: account.id,
          provider: account.provider,
          label: account.label,
          imap: account.imap,
          smtp: account.smtp,
          providerFilesSent: account.providerFilesSent,
          sentFolder: account.sentFolder,
          draftsFolder: account.draftsFolder,
          replyFolders: account.replyFolders,
        });
      }
      // Side by side, so one slow or stuck account does not hold up the others.
      const results = await Promise.all(targets.map(({ id }) => sync.syncAccount(id)));
      let failed = false;
      for (const [i, result] of results.entries()) {
        const { id } = targets[i]!;
        failed ||= !result.ok;
        io.stdout(
          result.ok
            ? `${id}: ${result.added} new, ${result.removed} removed\n`
            : `${id}: failed: ${result.error ?? 'unknown error'}\n`,
        );
      }
      return results.some((r) => !r.ok) ? 1 : 0;
    }
    case 'import-mailbox': {
      const path = rest[0];
      if (!path)
        throw new UsageError(
          'import-mailbox needs a path: followthrough import-mailbox ~/sent.mbox',
        );
      const profile = workspace.getProfile();
      const own = [
        profile.email,
        ...(profile.aliases ?? []),
        ...accounts.list().map((a) => a.account.email),
      ].filter(Boolean);
      const { messages, sent, skipped } = await sync.importLocalMailbox(path, own);
      io.stdout(
        `Read ${messages} messages (${sent} sent by you)` +
          (skipped > 0
            ? `; skipped ${skipped} file${skipped === 1 ? '' : 's'} that are not mail`
            : '') +
          '.\n',
      );
      return 0;
    }
    case 'draft': {
      const id = rest[0];
      if (!id)
        throw new UsageError('draft needs an obligation id: see followthrough status --json');
      const { draft, findings } = drafts.open(id);
      io.stdout(
        `To: ${draft.to.join(', ') || '(no address yet)'}\nSubject: ${draft.subject}\n\n${draft.body}\n`,
      );
      if (findings.length > 0) {
        io.stdout('\nChecks:\n');
        for (const f of findings) io.stdout(`  ${f.severity}: ${f.message}\n`);
      }
      // The same guard the app's send and Drafts buttons go through.
      const blocking = blockingFindings(findings);
      io.stdout(
        blocking.length > 0
          ? `\n${notReady(blocking)}\n`
          : '\nNothing stops this note from going out.\n',
      );
      return 0;
    }
    case 'import-ics':
    case 'invitations':
    case 'export-ics':
      return await icsCommand(command, rest, single, invitations, io);
  }
  return 2;
}
