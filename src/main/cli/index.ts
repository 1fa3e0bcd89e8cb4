/**
 * `followthrough`: the command line over the same services as the app. Prints results on
 * stdout, one clear line on stderr for errors, and exits non-zero when anything failed.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime, IANAZone } from 'luxon';
import { describeIssues, workspaceSchema } from '../../shared/schemas';
import { blockingFindings } from '../domain/draft-checks';
import { ServiceError } from '../services/errors';
import { notReady } from '../services/note-sender';
import { createServices } from '../services';
import { createMemoryVault } from '../services/secrets';
import type { UntrustedParser } from '../services/untrusted-parser';
import { accountCommand } from './account-command';
import { icsCommand } from './ics-commands';
import { passwordsFrom } from './passwords';
import { askHidden } from './prompt';
import { linkCommand, reviewCommand } from './review-command';
import { UsageError } from './usage-error';
import { openDatabase } from '../store/database';
import { StoreError } from '../store/store-error';
import { statusAsJson, statusAsText } from './format';
import { defaultDatabasePath } from './paths';
import { writeFileAtomic } from '../store/atomic-file';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
  /** Asks for a password without echo; absent when stdin is not a terminal. */
  askPassword?: (question: string) => Promise<string>;
  /** The sync's writer thread script; without it a sync parses and writes on this thread. */
  syncWriterScript?: string;
  /** The untrusted-parsing worker script, where import-ics reads calendar files. */
  untrustedParserScript?: string;
}

const USAGE = `Usage: followthrough <command> [options]

Commands:
  status [--json] [--at ISO-TIME]   who is owed what, overdue first
  export [--out FILE]               write the whole workspace as JSON (stdout by default)
  import FILE                       replace the workspace with a JSON export
  sample [--replace]                load the sample workspace
  account add --email ADDRESS [--provider gmail|outlook|icloud|yahoo|fastmail|other]
              [--user NAME] [--imap-host H] [--imap-port N] [--security tls|starttls|plaintext]
              [--sent-folder PATH] [--reply-folder PATH]... --password-env VAR
                                    test the connection, then save the account
  account folders ID [--add PATH]... [--remove PATH]...
                                    the folders read for replies besides the inbox,
                                    \\All and \\Archive (a folder your mail is filed in)
  account test ID --password-env VAR
  account list [--json]
  account remove ID
  sync [--account ID] --password-env VAR
  sync --password-env ID=VAR [--password-env ID=VAR …]
                                    read Sent and the inbox; progress on stderr. With
                                    several accounts, name one with --account or give
                                    one variable per account
  import-mailbox PATH               read an mbox file, a Maildir or a folder of .eml files
  draft OBLIGATION_ID               print the note for an obligation (id from status --json)
                                    with what the checks found; sending is the app's job
  import-ics FILE [--json]          read a calendar invitation (.ics) and show what it proposes
  invitations [--json]              the invitations waiting for a decision
  invitations accept ID [--application ID | --new [--company NAME] [--role TITLE]]
              [--interviewers A,B] [--arranger ADDRESS|none] [--kind KIND]
                                    add (or move, or cancel) the interview it proposes
  invitations dismiss ID            leave it out
  export-ics [--out FILE]           due notes and check-ins as a calendar file
  review [--json]                   messages the app is unsure about, with the commands
                                    to confirm or reject each
  link MESSAGE --person ID --application ID
                                    this message is about that person (wins over matching)
  unlink MESSAGE --person ID --application ID
                                    this message is not about that person

Options:
  --db PATH    the database file (default: the app's own)
  --password-env VAR
               the name of an environment variable holding the account password
               (passwords are never taken on the command line itself); without it,
               the password is asked for on the terminal, hidden, once per account.
               ACCOUNT_ID=VAR names the account the variable is for (repeat it for
               each account); one password is never sent to several accounts
  --help       show this help
`;

const COMMANDS = [
  'status',
  'export',
  'import',
  'sample',
  'account',
  'sync',
  'import-mailbox',
  'draft',
  'import-ics',
  'invitations',
  'export-ics',
  'review',
  'link',
  'unlink',
];

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        at: { type: 'string' },
        out: { type: 'string' },
        replace: { type: 'boolean', default: false },
        'password-env': { type: 'string', multiple: true },
        account: { type: 'string' },
        email: { type: 'string' },
        provider: { type: 'string' },
        user: { type: 'string' },
        label: { type: 'string' },
        'imap-host': { type: 'string' },
        'imap-port': { type: 'string' },
        security: { type: 'string' },
        'sent-folder': { type: 'string' },
        'reply-folder': { type: 'string', multiple: true },
        add: { type: 'string', multiple: true },
        remove: { type: 'string', multiple: true },
        new: { type: 'boolean', default: false },
        company: { type: 'string' },
        role: { type: 'string' },
        kind: { type: 'string' },
        interviewers: { type: 'string' },
        arranger: { type: 'string' },
        person: { type: 'string' },
        application: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`followthrough: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const { positionals } = parsed;
  const { 'password-env': passwordEnv, ...values } = parsed.values;
  // The folder lists are the account command's; the other commands read single values.
  const { 'reply-folder': _replyFolder, add: _add, remove: _remove, ...single } = values;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout(USAGE);
    return command || values.help ? 0 : 2;
  }

  const dbPath = values.db ?? defaultDatabasePath(process.platform, io.env, homedir());
  let opened: Awaited<ReturnType<typeof openDatabase>> | null = null;
  let parser: UntrustedParser | null = null;
  try {
    if (!COMMANDS.includes(command)) {
      throw new UsageError(`unknown command "${command}". Run followthrough --help for the list.`);
    }
    // Parse the import file before opening the database: a bad file changes nothing.
    const importData = command === 'import' ? readWorkspaceFile(rest[0]) : null;
    opened = await openDatabase(dbPath);
    const vault = createMemoryVault();
    const services = createServices({
      database: opened,
      vault,
      now: io.now,
      systemTimeZone: () => systemTimeZone(io.env),
      onSyncProgress: ({ folder, done, total }) => io.stderr(`${folder}: ${done}/${total}\n`),
      ...(io.syncWriterScript ? { syncWriter: { script: io.syncWriterScript } } : {}),
      ...(io.untrustedParserScript
        ? { untrustedParser: { script: io.untrustedParserScript } }
        : {}),
    });
    parser = services.parser;
    const { workspace, accounts, sync, drafts, invitations } = services;
    const passwords = passwordsFrom({
      entries: passwordEnv ?? [],
      env: io.env,
      ...(io.askPassword ? { askPassword: io.askPassword } : {}),
    });
    const password = () => passwords.single();

    switch (command) {
      case 'status': {
        const at =
          values.at === undefined ? undefined : parseInstant(values.at, workspace.userTimeZone());
        const summary = workspace.status(at);
        io.stdout(
          values.json
            ? `${JSON.stringify(statusAsJson(summary), null, 2)}\n`
            : // One message may be unsure for several people: it waits once.
              statusAsText(summary, new Set(workspace.review().map((r) => r.message.id)).size),
        );
        return 0;
      }
      case 'export': {
        const text = `${JSON.stringify(workspace.exportWorkspace(), null, 2)}\n`;
        if (values.out) {
          writeFileAtomic(values.out, text);
          io.stderr(`Exported to ${values.out}\n`);
        } else io.stdout(text);
        return 0;
      }
      case 'import': {
        const { applications } = workspace.importWorkspace(importData!);
        io.stdout(`Imported ${applications} application${applications === 1 ? '' : 's'}.\n`);
        return 0;
      }
      case 'account':
        return await accountCommand(rest, values, { accounts, password, io });
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
        const secrets = await passwords.forAccounts(targets, values.account !== undefined);
        for (const { id } of targets) vault.save(id, secrets.get(id)!);
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
      case 'review':
        return reviewCommand(workspace, single, io);
      case 'link':
      case 'unlink':
        return linkCommand(command, rest, single, workspace, io);
      case 'import-ics':
      case 'invitations':
      case 'export-ics':
        return await icsCommand(command, rest, single, invitations, io);
      case 'sample': {
        const { applications } = workspace.loadSample({ replace: values.replace });
        io.stdout(`Loaded the sample workspace: ${applications} applications.\n`);
        return 0;
      }
    }
    return 2;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`followthrough: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ServiceError || error instanceof StoreError) {
      io.stderr(`followthrough: ${error.message}\n`);
      return 1;
    }
    io.stderr(`followthrough: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await parser?.close();
    opened?.store.close();
  }
}

/** TZ when it names a real zone (it may also be a path like :/etc/localtime), else the system's. */
function systemTimeZone(env: Record<string, string | undefined>): string {
  const tz = env['TZ'];
  return tz && IANAZone.isValidZone(tz) ? tz : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parseInstant(text: string, zone: string): number {
  const parsed = DateTime.fromISO(text, { zone });
  if (!parsed.isValid) {
    throw new UsageError(
      `--at: "${text}" is not an ISO time such as 2026-11-24T09:00 or 2026-11-24T09:00+01:00`,
    );
  }
  return parsed.toMillis();
}

function readWorkspaceFile(file: string | undefined) {
  if (!file) throw new UsageError('import needs a file: followthrough import workspace.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ServiceError('not-found', `cannot read ${file}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ServiceError(
      'invalid-input',
      `${file} is not valid JSON (${error instanceof Error ? error.message : ''})`,
    );
  }
  const result = workspaceSchema.safeParse(data);
  if (!result.success)
    throw new ServiceError('invalid-input', `${file}: ${describeIssues(result.error)}`);
  return result.data;
}

/** Entry point for bin/followthrough.js. */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    now: () => Date.now(),
    // Built beside this file (electron.vite.config.ts).
    syncWriterScript: join(__dirname, 'sync-writer.js'),
    untrustedParserScript: join(__dirname, 'untrusted-parser.js'),
    ...(process.stdin.isTTY
      ? { askPassword: (question: string) => askHidden(question, process.stdin, process.stderr) }
      : {}),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`followthrough: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
