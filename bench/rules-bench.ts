/**
 * The rules engine on a large workspace, and what the user waits for at start-up: opening the
 * database and the first status (every message row read and the obligations computed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeObligations, type RulesInput } from '../src/main/domain/obligations';
import { createServices } from '../src/main/services';
import { createMemoryVault } from '../src/main/services/secrets';
import { openDatabase } from '../src/main/store/database';
import type { FolderMessage } from '../src/main/store/mail-store';
import { infoRow, ms, timingRow, type Table } from './report';
import { collectGarbage, repeat, summarize, timed } from './stats';
import { generateWorkspace, NOW, USER_ADDRESS, USER_ZONE } from './workspace-generator';

const RULES_RUNS = 15;
const RULES_TARGET_MS = 50;
const OPEN_RUNS = 5;

export async function benchRules(): Promise<Table[]> {
  const generated = await timed(() => generateWorkspace());
  const { workspace, messages, links } = generated.value;
  const interviewers = workspace.participants.filter((p) => p.role === 'interviewer');
  const distinctInterviewers = new Set(interviewers.map((p) => p.personId)).size;
  const recipients = messages
    .filter((m) => m.folderRole === 'sent')
    .map((m) => m.to.length + m.cc.length);
  const shape =
    `${workspace.applications.length} applications, ${workspace.interviews.length} interviews, ` +
    `${workspace.people.length} people (${distinctInterviewers} interviewers), ` +
    `${workspace.participants.length} participants, ${messages.length} messages ` +
    `(${recipients.length} sent, ${(recipients.reduce((s, n) => s + n, 0) / recipients.length).toFixed(1)} recipients on average, ` +
    `${recipients.filter((n) => n >= 50).length} with 50 or more), ${links.length} links.`;
  console.log(`rules: ${shape}`);

  const input: RulesInput = {
    applications: workspace.applications,
    interviews: workspace.interviews,
    people: workspace.people,
    participants: workspace.participants,
    manualContacts: workspace.manualContacts,
    messages,
    links,
    userAddresses: [USER_ADDRESS],
    settings: workspace.settings,
    userTimeZone: USER_ZONE,
    now: NOW,
  };
  let obligations = 0;
  collectGarbage();
  const rules = summarize(
    await repeat(RULES_RUNS, 3, () => {
      obligations = computeObligations(input).length;
    }),
  );
  console.log(`rules: computeObligations median ${ms(rules.median)} (${obligations} obligations)`);

  const dir = await mkdtemp(join(tmpdir(), 'ft-bench-db-'));
  const file = join(dir, 'followthrough.sqlite');
  try {
    const created = await timed(async () => {
      const { store, mailStore } = await openDatabase(file);
      try {
        store.replaceWorkspace(workspace);
        mailStore.saveAccount({
          id: 'acct-1',
          label: 'Home',
          provider: 'other',
          email: USER_ADDRESS,
          username: USER_ADDRESS,
          imap: { host: '127.0.0.1', port: 1, security: 'plaintext' },
          smtp: { host: '127.0.0.1', port: 1, security: 'plaintext' },
          providerFilesSent: false,
          sentFolder: null,
          draftsFolder: null,
          createdAt: NOW,
        });
        for (const role of ['sent', 'inbox'] as const) {
          const path = role === 'sent' ? 'Sent' : 'INBOX';
          const own: FolderMessage[] = messages
            .filter((m) => m.folderRole === role)
            .map((m, i) => ({ ...m, uid: i + 1 }));
          for (let start = 0; start < own.length; start += 500) {
            const last = Math.min(start + 500, own.length);
            mailStore.writeBatch(
              'acct-1',
              path,
              role,
              own.slice(start, last),
              { uidValidity: '1', lastUid: last, highestModseq: null, uidNext: 0, messages: 0 },
              NOW,
            );
          }
        }
        for (const link of links) mailStore.saveLink(link);
      } finally {
        store.close();
      }
    });
    console.log(`rules: database with the workspace written in ${ms(created.ms)}`);

    const phases = {
      total: [] as number[],
      open: [] as number[],
      services: [] as number[],
      status: [] as number[],
    };
    const listTimes: number[] = [];
    collectGarbage();
    for (let run = 0; run <= OPEN_RUNS; run++) {
      const started = performance.now();
      const opened = await timed(() => openDatabase(file));
      const { store, mailStore } = opened.value;
      try {
        const created = await timed(() =>
          createServices({
            database: opened.value,
            vault: createMemoryVault(),
            now: () => NOW,
            systemTimeZone: () => USER_ZONE,
          }),
        );
        const status = await timed(() => created.value.workspace.status());
        // Run 0 is the warm-up.
        if (run > 0) {
          phases.total.push(performance.now() - started);
          phases.open.push(opened.ms);
          phases.services.push(created.ms);
          phases.status.push(status.ms);
        }
        listTimes.push((await timed(() => mailStore.listMessages())).ms);
      } finally {
        store.close();
      }
    }
    const openAndStatus = summarize(phases.total);

    return [
      {
        title: 'Rules engine',
        rows: [
          timingRow(`computeObligations, ${obligations} obligations`, rules, RULES_TARGET_MS),
          infoRow('generating the workspace (not timed as a benchmark)', ms(generated.ms)),
        ],
        note: `Workspace: ${shape} After 3 warm-up runs.`,
      },
      {
        title: 'Open the database and first status',
        rows: [
          timingRow('openDatabase + createServices + workspace.status()', openAndStatus),
          infoRow(
            'of which openDatabase (quick_check, migrations check)',
            ms(summarize(phases.open).median),
          ),
          infoRow(
            'of which createServices (it reconciles notes against every stored message)',
            ms(summarize(phases.services).median),
          ),
          infoRow('of which workspace.status()', ms(summarize(phases.status).median)),
          infoRow(
            'mailStore.listMessages() alone (100,000 rows, JSON columns parsed)',
            ms(summarize(listTimes.slice(1)).median),
          ),
        ],
        note:
          `SQLite file of the same workspace and its messages (written once, ${ms(created.ms)}), ` +
          `on ${tmpdir()}; the file is in the OS page cache (a warm start). No target was set.`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
