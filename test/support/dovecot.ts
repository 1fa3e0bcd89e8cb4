/**
 * A throwaway Dovecot (Debian `dovecot-imapd` 2.3) on 127.0.0.1 for mail tests: its own
 * config, users, Maildirs and runtime dirs in a temp dir, started and stopped by the test.
 * Mail users run as nobody/nogroup (Dovecot refuses uid 0 for mail processes).
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSignedCertificate } from './certificate';
import { PREREQUISITES, required } from './prerequisites';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';

const run = promisify(execFile);

const MAIL_UID = 65534; // nobody
const MAIL_GID = 65534; // nogroup

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users?: DovecotUser[];
  /** Flag Sent and Drafts with \Sent and \Drafts (SPECIAL-USE). Default true. */
  specialUse?: boolean;
  /** Names of the auto-created Sent and Drafts folders. Defaults "Sent" and "Drafts". */
  sentName?: string;
  draftsName?: string;
  /** Advertise CONDSTORE and QRESYNC. Default true. */
  condstore?: boolean;
  /**
   * TLS with a self-signed certificate made at setup: `true` for implicit TLS, 'starttls' for
   * a plain port that offers (and requires) STARTTLS. Default false: no TLS at all.
   */
  tls?: boolean | 'starttls';
  /**
   * More folders made at login, each flagged with its SPECIAL-USE attribute when given, e.g.
   * `{ name: 'All Mail', specialUse: '\\All' }` (Gmail's) or `{ name: 'Archive', specialUse: '\\Archive' }`.
   */
  folders?: Array<{ name: string; specialUse?: string }>;
  /**
   * Sign-ins with OAuth 2.0 access tokens, each checked by Dovecot's oauth2 passdb at this
   * userinfo URL (Bearer token; the `email` it answers must be the user name). `mechanisms`:
   * which SASL mechanisms are offered (imapflow prefers OAUTHBEARER when there). Passwords
   * keep working for the test's own admin client.
   */
  oauth2?: { userinfoUrl: string; mechanisms?: Array<'xoauth2' | 'oauthbearer'> };
}

export interface Dovecot {
  host: '127.0.0.1';
  port: number;
  users: DovecotUser[];
  /** PEM of the self-signed certificate (its own CA) when `tls` is on. */
  certificatePem: string | null;
  dir: string;
  maildir(user: string): string;
  /** Creates a Maildir folder if missing, returns its directory. */
  folderDir(user: string, folder: string): Promise<string>;
  /** Puts messages into a folder over IMAP APPEND (keeps order and sets internal dates). */
  appendMessages(
    user: string,
    folder: string,
    rawMessages: (string | Buffer)[],
    internalDates?: Date[],
  ): Promise<void>;
  /** Writes messages straight into the folder's Maildir `cur/` (fast, for thousands). */
  writeMaildirMessages(
    user: string,
    folder: string,
    rawMessages: (string | Buffer)[],
    internalDates?: Date[],
  ): Promise<void>;
  /** An ImapFlow client logged in as the user, for test setup (append, delete, expunge). */
  adminClient(user: string): Promise<ImapFlow>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  server.close();
  await once(server, 'close');
  return address.port;
}

let maildirCounter = 0;

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const users = options.users ?? [{ user: 'alice', password: 'alice-secret' }];
  const specialUse = options.specialUse ?? true;
  const sentName = options.sentName ?? 'Sent';
  const draftsName = options.draftsName ?? 'Drafts';
  const condstore = options.condstore ?? true;
  const tls = options.tls ?? false;
  const implicitTls = tls === true;

  const dir = await mkdtemp(join(await scratchRoot(), 'ft-dovecot-'));
  const homes = join(dir, 'home');
  await mkdir(join(dir, 'run'), { recursive: true });
  await mkdir(join(dir, 'state'), { recursive: true });
  await mkdir(homes, { recursive: true });
  // Mail processes run as nobody: they must be able to walk into the temp dir.
  await run('chmod', ['755', dir]);

  const passwd = users
    .map((u) => `${u.user}:{PLAIN}${u.password}:${MAIL_UID}:${MAIL_GID}::${join(homes, u.user)}::`)
    .join('\n');
  await writeFile(join(dir, 'passwd'), passwd + '\n', { mode: 0o644 });
  const oauth2 = options.oauth2;
  if (oauth2) {
    // Dovecot 2.3's oauth2 passdb: "auth" mode sends the token as a Bearer header to the URL.
    await writeFile(
      join(dir, 'oauth2.conf'),
      `introspection_mode = auth\nintrospection_url = ${oauth2.userinfoUrl}\n` +
        'username_attribute = email\ntimeout_msecs = 5000\n',
      { mode: 0o644 },
    );
  }
  const oauthMechanisms = oauth2 ? (oauth2.mechanisms ?? ['xoauth2', 'oauthbearer']) : [];
  for (const u of users) {
    await mkdir(join(homes, u.user, 'Maildir'), { recursive: true });
    await run('chown', ['-R', `${MAIL_UID}:${MAIL_GID}`, join(homes, u.user)]);
  }

  let certificatePem: string | null = null;
  if (tls) {
    certificatePem = (await selfSignedCertificate(dir)).cert;
  }

  const port = await freePort();
  const specialUseLine = (flag: string): string =>
    specialUse ? `    special_use = ${flag}\n` : '';
  // Default Dovecot 2.3 capabilities, with CONDSTORE and QRESYNC taken out when asked.
  const capabilities =
    'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES ' +
    'THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN ' +
    'NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH ESORT SEARCHRES WITHIN ' +
    'CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE ' +
    'SAVEDATE LITERAL+ NOTIFY' +
    (specialUse ? ' SPECIAL-USE' : '');
  const config = `instance_name = ft-${port}
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${join(dir, 'dovecot.log')}
info_log_path = ${join(dir, 'dovecot.log')}
protocols = imap
listen = 127.0.0.1
ssl = ${tls ? 'required' : 'no'}
${tls ? `ssl_cert = <${join(dir, 'cert.pem')}\nssl_key = <${join(dir, 'key.pem')}\n` : ''}disable_plaintext_auth = ${tls ? 'yes' : 'no'}
auth_mechanisms = plain login${oauthMechanisms.map((m) => ` ${m}`).join('')}
auth_failure_delay = 0
mail_location = maildir:~/Maildir
mail_privileged_group =
first_valid_uid = 1
mail_plugins =
${condstore ? '' : `imap_capability = ${capabilities}\n`}${
    oauth2
      ? `passdb {\n  driver = oauth2\n  mechanisms = ${oauthMechanisms.join(' ')}\n  args = ${join(dir, 'oauth2.conf')}\n}\n`
      : ''
  }passdb {
  driver = passwd-file
${oauth2 ? '  mechanisms = plain login\n' : ''}  args = scheme=PLAIN ${join(dir, 'passwd')}
}
userdb {
  driver = passwd-file
  args = ${join(dir, 'passwd')}
}
service imap-login {
  inet_listener imap {
    port = ${implicitTls ? 0 : port}
  }
  inet_listener imaps {
    port = ${implicitTls ? port : 0}
    ssl = yes
  }
}
service imap {
  process_limit = 50
}
# No growing delay after failed logins (auth penalty): tests fail logins on purpose.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox "${sentName}" {
${specialUseLine('\\Sent')}    auto = subscribe
  }
  mailbox "${draftsName}" {
${specialUseLine('\\Drafts')}    auto = subscribe
  }
  mailbox Trash {
${specialUseLine('\\Trash')}    auto = subscribe
  }
${(options.folders ?? [])
  .map(
    (f) =>
      `  mailbox "${f.name}" {\n${f.specialUse ? specialUseLine(f.specialUse) : ''}    auto = subscribe\n  }\n`,
  )
  .join('')}}
`;
  const configPath = join(dir, 'dovecot.conf');
  await writeFile(configPath, config);

  const pidFile = join(dir, 'run', 'master.pid');

  async function start(): Promise<void> {
    // The daemon keeps inherited pipes open: give it none, and wait for the launcher to exit.
    const launcher = spawn(required(PREREQUISITES.dovecot), ['-c', configPath], {
      stdio: 'ignore',
    });
    const [code] = (await once(launcher, 'exit')) as [number | null];
    if (code !== 0) {
      const log = await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '');
      throw new Error(`dovecot exited with ${code}: ${log}`);
    }
    await waitForPort(port);
  }

  async function stopServer(): Promise<void> {
    let pid: number;
    try {
      pid = Number((await readFile(pidFile, 'utf8')).trim());
    } catch {
      return;
    }
    // A graceful SIGTERM takes 2-3 s; these are throwaway servers, so the master's whole
    // process group (it daemonizes with setsid) is killed at once.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return;
      }
    }
    for (let i = 0; i < 200 && (await isRunning(pid)); i++) await sleep(10);
    await rm(pidFile, { force: true });
  }

  await start();

  const maildir = (user: string): string => join(homes, user, 'Maildir');

  async function folderDir(user: string, folder: string): Promise<string> {
    // Maildir++ layout: INBOX is the root, other folders are ".Name" with "." as separator.
    const base =
      folder.toUpperCase() === 'INBOX'
        ? maildir(user)
        : join(maildir(user), '.' + folder.replaceAll('/', '.'));
    for (const sub of ['cur', 'new', 'tmp']) {
      await mkdir(join(base, sub), { recursive: true });
    }
    await run('chown', ['-R', `${MAIL_UID}:${MAIL_GID}`, maildir(user)]);
    return base;
  }

  function userPassword(user: string): string {
    const found = users.find((u) => u.user === user);
    if (!found) throw new Error(`unknown test user ${user}`);
    return found.password;
  }

  async function adminClient(user: string): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: implicitTls,
      doSTARTTLS: tls === 'starttls',
      auth: { user, pass: userPassword(user) },
      logger: false,
      disableAutoIdle: true,
      ...(tls && certificatePem ? { tls: { ca: certificatePem } } : {}),
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  async function appendMessages(
    user: string,
    folder: string,
    rawMessages: (string | Buffer)[],
    internalDates?: Date[],
  ): Promise<void> {
    const client = await adminClient(user);
    try {
      const existing = await client.list();
      if (!existing.some((f) => f.path === folder)) await client.mailboxCreate(folder);
      for (const [i, raw] of rawMessages.entries()) {
        await client.append(folder, raw, ['\\Seen'], internalDates?.[i]);
      }
    } finally {
      await client.logout();
    }
  }

  async function writeMaildirMessages(
    user: string,
    folder: string,
    rawMessages: (string | Buffer)[],
    internalDates?: Date[],
  ): Promise<void> {
    const base = await folderDir(user, folder);
    const now = Math.floor(Date.now() / 1000);
    // Names sort in message order, which is the order Dovecot gives out UIDs in.
    const names = rawMessages.map(
      () => `${now}.M${String(++maildirCounter).padStart(8, '0')}P${process.pid}.test:2,S`,
    );
    const parallel = 64;
    for (let start = 0; start < rawMessages.length; start += parallel) {
      await Promise.all(
        rawMessages.slice(start, start + parallel).map(async (raw, offset) => {
          const i = start + offset;
          const file = join(base, 'cur', names[i] ?? '');
          await writeFile(file, raw);
          const when = internalDates?.[i];
          if (when) await utimes(file, when, when);
        }),
      );
    }
    await run('chown', ['-R', `${MAIL_UID}:${MAIL_GID}`, base]);
  }

  return {
    host: '127.0.0.1',
    port,
    users,
    certificatePem,
    dir,
    maildir,
    folderDir,
    appendMessages,
    writeMaildirMessages,
    adminClient,
    async stop() {
      await stopServer();
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopServer();
      await start();
    },
  };
}

/** tmpfs when there is one: creating 10,000 Maildir files on this disk takes 5 s, in RAM 0.3 s. */
async function scratchRoot(): Promise<string> {
  try {
    await access('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** Alive and not a zombie (a container's init may never reap the daemonized master). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(20);
  }
  throw new Error(`dovecot did not listen on ${port}`);
}
