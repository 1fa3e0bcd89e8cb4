/**
 * `followthrough`: the command line over the same services as the app. Prints results on
 * stdout, one clear line on stderr for errors, and exits non-zero when anything failed.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime, IANAZone } from 'luxon';
import type { OAuthConfig } from '../services/oauth/providers';
import { ServiceError } from '../services/errors';
import { createWorkspace } from '../services/workspace-composition';
import { askHidden } from './prompt';
import { linkCommand, reviewCommand } from './review-command';
import { UsageError } from './usage-error';
import { openDatabase, type OpenedDatabase } from '../store/database';
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
  /** The untrusted-parsing worker script, where import-ics reads calendar files. */
  untrustedParserScript?: string;
  /**
   * Signing in with Google and Microsoft: other servers than the production ones, and another
   * way to show the sign-in page (tests). Default: the real servers and the user's browser.
   */
  oauth?: { config?: OAuthConfig; openBrowser?: (url: string) => Promise<void> };
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
  account add --provider gmail|outlook [--client-id ID [--client-secret S]]
                                    sign in through the browser (or the address it
                                    prints), then save and test the account
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

/** Commands over the mail, calendar and sending services; the others need only the workspace. */
const MAIL_COMMANDS = [
  'account',
  'sync',
  'import-mailbox',
  'draft',
  'import-ics',
  'invitations',
  'export-ics',
];
const COMMANDS = [
  'status',
  'export',
  'import',
  'sample',
  'review',
  'link',
  'unlink',
  ...MAIL_COMMANDS,
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
        'smtp-host': { type: 'string' },
        'smtp-port': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
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
  let opened: OpenedDatabase | null = null;
  let closeMail: (() => Promise<void>) | null = null;
  try {
    if (!COMMANDS.includes(command)) {
      throw new UsageError(`unknown command "${command}". Run followthrough --help for the list.`);
    }
    // Parse the import file before opening the database: a bad file changes nothing. The
    // schema (zod) is loaded only here.
    const importData =
      command === 'import' ? (await import('./workspace-file')).readWorkspaceFile(rest[0]) : null;
    opened = await openDatabase(dbPath);
    if (MAIL_COMMANDS.includes(command)) {
      // Mail, calendar and sending code is loaded only by the commands that use it.
      const { mailCommand } = await import('./mail-commands');
      return await mailCommand(command, rest, values, passwordEnv ?? [], {
        opened,
        io,
        systemTimeZone: () => systemTimeZone(io.env),
        onClose: (close) => (closeMail = close),
      });
    }
    const workspace = createWorkspace({
      database: opened,
      now: io.now,
      systemTimeZone: () => systemTimeZone(io.env),
    });

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
      case 'review':
        return reviewCommand(workspace, single, io);
      case 'link':
      case 'unlink':
        return linkCommand(command, rest, single, workspace, io);
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
    await (closeMail as (() => Promise<void>) | null)?.();
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

/** Entry point for bin/followthrough.js. */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    now: () => Date.now(),
    // Built beside this file (electron.vite.config.ts).
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
