/**
 * Mail sync against a real Dovecot on 127.0.0.1: the first sync of a Sent folder into a real
 * SQLite file against the floor (a bare FETCH of the same headers), the "anything new?" check,
 * and a date window that keeps only the newest messages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { syncFolder, type FolderSink, type FolderSyncResult } from '../src/main/mail/folder-sync';
import { SYNC_HEADER_FIELDS } from '../src/main/mail/headers';
import { connectImap, type ImapSettings } from '../src/main/mail/imap-account';
import { openDatabase } from '../src/main/store/database';
import type { MailStore } from '../src/main/store/mail-store';
import { startDovecot, type Dovecot } from '../test/support/dovecot';
import { infoRow, ms, spread, timingRow, type Row, type Table } from './report';
import { collectGarbage, mib, summarize, timed, withPeakRss } from './stats';
import { generateSentMail } from './sent-mail-generator';

const ACCOUNT = 'acct-1';
const FOLDER = 'Sent';
const PASSWORD = 'bench-secret';
/** The newest messages fall on or after this day; the window benchmark reads from it. */
const RECENT_FROM = new Date(Date.UTC(2026, 10, 10));
const RECENT = 500;
const RUNS = 3;
const NOTHING_NEW_RUNS = 20;
const RATIO_TARGET = 1.3;
const NOTHING_NEW_TARGET_MS = 50;
const NOTHING_NEW_MAX_COMMANDS = 2;

interface SizeResult {
  size: number;
  sync: number[];
  floor: number[];
  exactFloor: number[];
  syncPeakRss: number;
  /** The largest rise of RSS over its value when a sync started. */
  syncRssRise: number;
  floorPeakRss: number;
  floorRssRise: number;
}

function userFor(size: number): string {
  return `sent${size}`;
}

function settingsFor(server: Dovecot, size: number): ImapSettings {
  return {
    host: server.host,
    port: server.port,
    security: 'plaintext',
    user: userFor(size),
    password: PASSWORD,
  };
}

/** The sink the sync service uses: every batch and its folder state in one transaction. */
function storeSink(mailStore: MailStore): FolderSink {
  return {
    writeBatch: (messages, state) =>
      mailStore.writeBatch(ACCOUNT, FOLDER, 'sent', messages, state, Date.now()),
    reset: () => mailStore.resetFolder(ACCOUNT, FOLDER),
    removeUids: (uids) => mailStore.removeUids(ACCOUNT, FOLDER, uids),
    knownUids: () => mailStore.knownUids(ACCOUNT, FOLDER),
  };
}

/** IMAP commands the client sends while `fn` runs (continuations of literals not counted). */
async function countCommands<T>(
  client: ImapFlow,
  fn: () => Promise<T>,
): Promise<{ value: T; commands: string[] }> {
  const commands: string[] = [];
  const onLog = (entry: { src?: string; msg?: string }): void => {
    if (entry.src === 'c' && typeof entry.msg === 'string' && !entry.msg.startsWith('(*')) {
      commands.push(entry.msg.replace(/^\S+\s+/, '').slice(0, 60));
    }
  };
  client.emitLogs = true;
  client.on('log', onLog);
  try {
    return { value: await fn(), commands };
  } finally {
    client.off('log', onLog);
    client.emitLogs = false;
  }
}

async function withClient<T>(settings: ImapSettings, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = await connectImap(settings);
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

interface Scratch {
  file: string;
  dispose(): Promise<void>;
}

async function scratchDatabase(): Promise<Scratch> {
  const dir = await mkdtemp(join(tmpdir(), 'ft-bench-sync-'));
  return {
    file: join(dir, 'followthrough.sqlite'),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** One first sync into a new SQLite file; the connection is made before the clock starts. */
async function firstSync(
  settings: ImapSettings,
  since: Date | null,
  keep?: (file: string) => Promise<void>,
): Promise<{
  ms: number;
  result: FolderSyncResult;
  peakRss: number;
  startRss: number;
  commands: string[];
}> {
  const scratch = await scratchDatabase();
  try {
    const { store, mailStore } = await openDatabase(scratch.file);
    try {
      const outcome = await withClient(settings, async (client) =>
        countCommands(client, () =>
          withPeakRss(() =>
            timed(() =>
              syncFolder(
                client,
                {
                  accountId: ACCOUNT,
                  path: FOLDER,
                  role: 'sent',
                  since,
                  state: mailStore.getFolderState(ACCOUNT, FOLDER),
                },
                storeSink(mailStore),
              ),
            ),
          ),
        ),
      );
      const { value, peakRss, startRss } = outcome.value;
      return { ms: value.ms, result: value.value, peakRss, startRss, commands: outcome.commands };
    } finally {
      store.close();
      if (keep) await keep(scratch.file);
    }
  } finally {
    await scratch.dispose();
  }
}

/** The floor: one FETCH of the whole folder, headers collected and nothing else done. */
async function floorFetch(
  settings: ImapSettings,
  query: { envelope?: true; internalDate?: true },
): Promise<{ ms: number; count: number; peakRss: number; startRss: number }> {
  return withClient(settings, async (client) => {
    const { value, peakRss, startRss } = await withPeakRss(() =>
      timed(async () => {
        const lock = await client.getMailboxLock(FOLDER, { readOnly: true });
        const collected: FetchMessageObject[] = [];
        try {
          for await (const message of client.fetch(
            '1:*',
            { uid: true, ...query, headers: [...SYNC_HEADER_FIELDS] },
            { uid: true },
          )) {
            collected.push(message);
          }
        } finally {
          lock.release();
        }
        return collected.length;
      }),
    );
    return { ms: value.ms, count: value.value, peakRss, startRss };
  });
}

async function benchSize(server: Dovecot, size: number): Promise<SizeResult> {
  const settings = settingsFor(server, size);
  const result: SizeResult = {
    size,
    sync: [],
    floor: [],
    exactFloor: [],
    syncPeakRss: 0,
    syncRssRise: 0,
    floorPeakRss: 0,
    floorRssRise: 0,
  };
  // Warm-up: Dovecot builds its index and header cache on the first read of each field set.
  await floorFetch(settings, { envelope: true });
  await floorFetch(settings, { internalDate: true });
  const warm = await firstSync(settings, null);
  if (warm.result.added !== size) throw new Error(`synced ${warm.result.added} of ${size}`);
  collectGarbage();
  // Interleaved, so a slow patch of the machine hits all three alike.
  for (let run = 0; run < RUNS; run++) {
    const sync = await firstSync(settings, null);
    result.sync.push(sync.ms);
    result.syncPeakRss = Math.max(result.syncPeakRss, sync.peakRss);
    result.syncRssRise = Math.max(result.syncRssRise, sync.peakRss - sync.startRss);
    collectGarbage();
    const floor = await floorFetch(settings, { envelope: true });
    if (floor.count !== size) throw new Error(`fetched ${floor.count} of ${size}`);
    result.floor.push(floor.ms);
    result.floorPeakRss = Math.max(result.floorPeakRss, floor.peakRss);
    result.floorRssRise = Math.max(result.floorRssRise, floor.peakRss - floor.startRss);
    collectGarbage();
    result.exactFloor.push((await floorFetch(settings, { internalDate: true })).ms);
    collectGarbage();
  }
  console.log(
    `sync ${size}: sync ${ms(summarize(result.sync).median)}, floor ${ms(summarize(result.floor).median)}`,
  );
  return result;
}

function sizeRows(r: SizeResult): Row[] {
  const sync = summarize(r.sync);
  const floor = summarize(r.floor);
  const exact = summarize(r.exactFloor);
  const ratio = sync.median / floor.median;
  const n = r.size.toLocaleString('en-US');
  return [
    timingRow(`${n}: first sync (syncFolder → SQLite)`, sync),
    timingRow(`${n}: floor, UID FETCH 1:* envelope + headers`, floor),
    {
      figure: `${n}: sync / floor`,
      median: `${ratio.toFixed(2)}×`,
      spread: `${(sync.min / floor.max).toFixed(2)}×–${(sync.max / floor.min).toFixed(2)}× (worst pairings)`,
      target: `≤ ${RATIO_TARGET}×`,
      result: ratio <= RATIO_TARGET ? 'met' : 'missed',
    },
    infoRow(
      `${n}: messages/s, sync / floor`,
      `${Math.round(r.size / (sync.median / 1000))} / ${Math.round(r.size / (floor.median / 1000))}`,
    ),
    infoRow(
      `${n}: floor with the sync's own items (internalDate + headers), and sync / it`,
      `${ms(exact.median)}, ${(sync.median / exact.median).toFixed(2)}×`,
      spread(exact),
    ),
    infoRow(
      `${n}: peak RSS of the process during sync / floor`,
      `${mib(r.syncPeakRss)} / ${mib(r.floorPeakRss)}`,
      `rise over the start of the run: +${mib(r.syncRssRise)} / +${mib(r.floorRssRise)}`,
    ),
  ];
}

/** The periodic check when nothing arrived: the synced 10,000-message folder, one connection. */
async function benchNothingNew(server: Dovecot, size: number): Promise<Row[]> {
  const settings = settingsFor(server, size);
  let rows: Row[] = [];
  await firstSync(settings, null, async (file) => {
    const { store, mailStore } = await openDatabase(file);
    try {
      await withClient(settings, async (client) => {
        const once = (): Promise<FolderSyncResult> =>
          syncFolder(
            client,
            {
              accountId: ACCOUNT,
              path: FOLDER,
              role: 'sent',
              since: null,
              state: mailStore.getFolderState(ACCOUNT, FOLDER),
            },
            storeSink(mailStore),
          );
        for (let i = 0; i < 3; i++) await once();
        const times: number[] = [];
        for (let i = 0; i < NOTHING_NEW_RUNS; i++) {
          const { ms: took, value } = await timed(once);
          if (value.changed) throw new Error('a sync with nothing new changed something');
          times.push(took);
        }
        const counted = await countCommands(client, once);
        const time = summarize(times);
        const commands = counted.commands.length;
        rows = [
          timingRow(
            `nothing new: syncFolder on ${size.toLocaleString('en-US')} synced`,
            time,
            NOTHING_NEW_TARGET_MS,
          ),
          {
            figure: 'nothing new: IMAP commands sent (= round trips)',
            median: String(commands),
            spread: counted.commands.join('; '),
            target: `≤ ${NOTHING_NEW_MAX_COMMANDS}`,
            result: commands <= NOTHING_NEW_MAX_COMMANDS ? 'met' : 'missed',
          },
        ];
      });
    } finally {
      store.close();
    }
  });
  return rows;
}

/** Only the newest 500 of 10,000 arrived after `since`: what is read, and how long it takes. */
async function benchWindow(server: Dovecot, size: number, allMedian: number): Promise<Row[]> {
  const settings = settingsFor(server, size);
  await firstSync(settings, RECENT_FROM);
  const times: number[] = [];
  let read = 0;
  let commands: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const sync = await firstSync(settings, RECENT_FROM);
    times.push(sync.ms);
    read = sync.result.added;
    commands = sync.commands;
  }
  const time = summarize(times);
  const n = size.toLocaleString('en-US');
  return [
    {
      figure: `window: messages read (newest ${RECENT} of ${n} after since)`,
      median: String(read),
      spread: '—',
      target: `${RECENT}`,
      result: read === RECENT ? 'met' : 'missed',
    },
    timingRow(`window: first sync with since`, time),
    infoRow(`window: reading all ${n} (from the first-sync table)`, ms(allMedian)),
    infoRow(
      'window: IMAP commands in one windowed sync',
      String(commands.length),
      commands
        .map((c) =>
          c.split(' ')[0] === 'UID' ? c.split(' ').slice(0, 2).join(' ') : c.split(' ')[0],
        )
        .join(', '),
    ),
  ];
}

export async function benchSync(options: { full: boolean }): Promise<Table[]> {
  const sizes = options.full ? [1_000, 10_000, 50_000] : [1_000, 10_000];
  const server = await startDovecot({
    users: sizes.map((size) => ({ user: userFor(size), password: PASSWORD })),
    condstore: true,
  });
  try {
    for (const size of sizes) {
      const mail = generateSentMail({
        count: size,
        recent: RECENT,
        recentFrom: RECENT_FROM,
        seed: size,
      });
      await server.writeMaildirMessages(userFor(size), FOLDER, mail.raws, mail.dates);
    }
    const results: SizeResult[] = [];
    for (const size of sizes) results.push(await benchSize(server, size));
    const tenThousand = results.find((r) => r.size === 10_000);
    if (tenThousand === undefined) throw new Error('no 10,000 result');
    const nothingNew = await benchNothingNew(server, 10_000);
    const window = await benchWindow(server, 10_000, summarize(tenThousand.sync).median);
    return [
      {
        title: 'Sync: first sync of a Sent folder against the floor',
        rows: results.flatMap(sizeRows),
        note:
          'Dovecot 2.3 on 127.0.0.1 without TLS, Maildir on tmpfs; the SQLite file on ' +
          `${tmpdir()}. Connection and login happen before the clock starts. One warm-up of each ` +
          `first, then ${RUNS} runs of each, interleaved. RSS is the whole bench process.`,
      },
      {
        title: 'Sync: nothing new, and a date window',
        rows: [...nothingNew, ...window],
        note: 'Nothing new: syncFolder with the stored folder state on a logged-in connection.',
      },
    ];
  } finally {
    await server.stop();
  }
}
