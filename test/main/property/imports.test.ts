/**
 * Importing malformed files: a workspace JSON broken at random (cut short, fields removed,
 * wrong types, rows twice, rows pointing at nothing) and files that are not mailboxes. Each is
 * refused with one line that names the problem, and nothing of it is imported: what the
 * workspace held before, and what an earlier import of the same mailbox gave, stay as they were.
 * (.ics files are tested with the calendar code.)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliOn } from '../../support/cli';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase } from '../../../src/main/store/database';
import { workspaceSchema } from '../../../src/shared/schemas';

const NOW = Date.parse('2026-11-24T09:00:00Z');
let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-imports-'));
  db = join(dir, 'followthrough.sqlite');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliOn(db, args, { now: NOW });

/** True when the text is a workspace the import must accept (a change that kept it valid). */
function stillValid(text: string, what: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return workspaceSchema.safeParse(parsed).success && !/twice|dangling/.test(what);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document, e.g. ['people', 3, 'emails', 0]. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const children = Array.isArray(value)
    ? value.map((v, i) => paths(v, [...prefix, i]))
    : Object.entries(value).map(([k, v]) => paths(v, [...prefix, k]));
  return [prefix, ...children.flat()];
}

function setAt(
  root: Json,
  path: (string | number)[],
  change: (parent: Json[] | Record<string, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(root);
  let node = copy as Json[] | Record<string, Json>;
  for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key] as typeof node;
  change(node, path[path.length - 1]!);
  return copy;
}

/** One way to break an exported workspace, chosen at random. */
function breakage(workspace: Json): fc.Arbitrary<{ text: string; what: string }> {
  const all = paths(workspace).filter((p) => p.length > 0);
  const rows = (
    ['applications', 'interviews', 'people', 'participants', 'manualContacts'] as const
  ).filter((k) => ((workspace as Record<string, Json[]>)[k] ?? []).length > 0);
  const text = JSON.stringify(workspace, null, 2);
  return fc
    .oneof(
      fc.integer({ min: 0, max: text.length - 2 }).map((cut) => ({
        text: text.slice(0, cut),
        what: 'cut short',
      })),
      fc
        .tuple(
          fc.constantFrom(...all),
          fc.constantFrom<Json>(null, 42, -1, 'text', true, [], {}, 'x'.repeat(30_000)),
        )
        .map(([path, value]) => ({
          text: JSON.stringify(
            setAt(workspace, path, (parent, key) => {
              (parent as Record<string, Json>)[key] = value;
            }),
          ),
          what: `${path.join('.')} = ${JSON.stringify(value).slice(0, 20)}`,
        })),
      fc.constantFrom(...all.filter((p) => typeof p[p.length - 1] === 'string')).map((path) => ({
        text: JSON.stringify(
          setAt(workspace, path, (parent, key) => {
            delete (parent as Record<string, Json>)[key];
          }),
        ),
        what: `${path.join('.')} removed`,
      })),
      fc.constantFrom(...rows).map((kind) => {
        const copy = structuredClone(workspace) as Record<string, Json[]>;
        copy[kind] = [...copy[kind]!, copy[kind]![0]!];
        return { text: JSON.stringify(copy), what: `${kind}[0] twice` };
      }),
      fc
        .tuple(
          fc.constantFrom(
            ['interviews', 'applicationId'],
            ['participants', 'interviewId'],
            ['participants', 'personId'],
            ['manualContacts', 'personId'],
          ),
          fc.nat(),
        )
        .filter(([[kind]]) => ((workspace as Record<string, Json[]>)[kind] ?? []).length > 0)
        .map(([[kind, field], n]) => {
          const list = (workspace as Record<string, Json[]>)[kind]!;
          return {
            text: JSON.stringify(
              setAt(workspace, [kind, n % list.length, field], (parent, key) => {
                (parent as Record<string, Json>)[key] = 'nothing-by-this-id';
              }),
            ),
            what: `${kind}.${field} dangling`,
          };
        }),
      fc.constantFrom(
        '',
        '[]',
        'null',
        '42',
        '"workspace"',
        '{}',
        '\u0000\u0001binary',
        '{"applications": [}',
      ),
    )
    .map((b) => (typeof b === 'string' ? { text: b, what: JSON.stringify(b) } : b));
}

describe('a malformed workspace file', () => {
  it('is refused by the command line with one line naming the problem, and changes nothing', async () => {
    await cli('sample');
    const before = (await cli('export')).stdout;
    const workspace = JSON.parse(before) as Json;
    const file = join(dir, 'broken.json');
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(breakage(workspace), async ({ text, what }) => {
        fc.pre(!stillValid(text, what));
        writeFileSync(file, text);
        const { code, stderr } = await cli('import', file);
        expect(code, what).toBe(1);
        const lines = stderr.trim().split('\n');
        expect(lines, what).toHaveLength(1);
        // The line names the file and what is wrong in it: a field path, or that it is not JSON.
        expect(lines[0], what).toMatch(
          /is not valid JSON|(applications|interviews|people|participants|manualContacts|profile|settings)(\[\d+\])?(\.\w+)?|expected object/,
        );
        expect(lines[0]!.length, what).toBeLessThan(600);
        expect(lines[0], what).not.toMatch(/SQLITE|constraint|TypeError|\bat \w+ \(/i);
        refused++;
      }),
      { numRuns: 60 },
    );
    expect(refused).toBeGreaterThan(30);
    expect((await cli('export')).stdout).toBe(before);
  });

  it('is refused through the app’s import with the same words, and nothing of it is imported', async () => {
    const opened = await openDatabase(db);
    try {
      const services = createServices({
        database: opened,
        vault: createMemoryVault(),
        now: () => NOW,
        systemTimeZone: () => 'Europe/Berlin',
      });
      services.workspace.loadSample({});
      const handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(false) });
      const before = services.workspace.exportWorkspace();
      const unexpected: unknown[] = [];
      await fc.assert(
        fc.asyncProperty(breakage(before as unknown as Json), async ({ text, what }) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            return; // The app reads the file itself; text that is not JSON never reaches import.
          }
          fc.pre(!stillValid(text, what));
          const result = await dispatch(
            handlers,
            'workspace:import',
            { workspace: parsed, replace: true },
            (e) => unexpected.push(e),
          );
          expect(result, what).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
        }),
        { numRuns: 60 },
      );
      expect(unexpected).toEqual([]);
      expect(services.workspace.exportWorkspace()).toEqual(before);
    } finally {
      opened.store.close();
    }
  });

  it('with a participant listed twice names the row instead of a database error', async () => {
    await cli('sample');
    const before = (await cli('export')).stdout;
    const data = JSON.parse(before) as { participants: unknown[] };
    data.participants.push(data.participants[1]);
    const file = join(dir, 'twice.json');
    writeFileSync(file, JSON.stringify(data));
    const { code, stderr } = await cli('import', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/participants\[\d+\]: ".+" is listed twice as interviewer of interview/);
    expect((await cli('export')).stdout).toBe(before);
  });
});

const GOOD_MBOX = [
  'From sam.rivera@example.com Mon Nov 23 18:00:00 2026',
  'Message-ID: <mbox-1@example.com>',
  'Date: Mon, 23 Nov 2026 18:00:00 +0100',
  'From: Sam Rivera <sam.rivera@example.com>',
  'To: lars.eriksen@northwind.example',
  'Subject: Thank you, Lars',
  '',
  'Thanks!',
  '',
].join('\n');

function storedMessages(): number {
  const raw = new BetterSqlite3(db, { readonly: true });
  try {
    return (raw.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

describe('a file that is not a mailbox', () => {
  const NOT_MAILBOXES: [string, string | Buffer, RegExp][] = [
    ['an empty file', '', /holds no messages/],
    [
      'a workspace export',
      '{"applications": []}\n',
      /not an mbox file: .*line 1 reads "\{"applications"/,
    ],
    [
      'a text file',
      '\n\nDear Sam,\nthanks for the call.\n',
      /not an mbox file: .*line 3 reads "Dear Sam,"/,
    ],
    ['a PNG picture', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /not an mbox file/],
    [
      'a single .eml message',
      'Message-ID: <x@y>\nFrom: a@b.example\n\nHi\n',
      /not an mbox file: .*"Message-ID: <x@y>"/,
    ],
  ];

  it.each(NOT_MAILBOXES)(
    'is refused when it is %s, naming the problem, and the earlier import of that path is kept',
    async (_what, content, problem) => {
      await cli('sample');
      const mbox = join(dir, 'sent.mbox');
      writeFileSync(mbox, GOOD_MBOX);
      expect((await cli('import-mailbox', mbox)).code).toBe(0);
      const before = storedMessages();
      expect(before).toBe(1);

      writeFileSync(mbox, content);
      const { code, stderr } = await cli('import-mailbox', mbox);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(problem);
      expect(stderr).toContain(mbox);
      expect(stderr).toMatch(/Nothing was imported\.$/m);
      expect(storedMessages()).toBe(before);
    },
  );

  it('is refused when a Maildir or a folder holds no messages', async () => {
    await cli('sample');
    mkdirSync(join(dir, 'maildir', 'cur'), { recursive: true });
    mkdirSync(join(dir, 'maildir', 'new'), { recursive: true });
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'todo.txt'), 'not mail');
    const maildir = await cli('import-mailbox', join(dir, 'maildir'));
    expect(maildir.code).toBe(1);
    expect(maildir.stderr).toMatch(/the Maildir holds no messages/);
    const folder = await cli('import-mailbox', join(dir, 'notes'));
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/the folder holds no \.eml files/);
    expect(storedMessages()).toBe(0);
  });

  it('is read when it starts with blank lines or a byte order mark before the first "From " line', async () => {
    await cli('sample');
    const mbox = join(dir, 'bom.mbox');
    writeFileSync(
      mbox,
      Buffer.concat([Buffer.from('efbbbf', 'hex'), Buffer.from(`\n\n${GOOD_MBOX}`)]),
    );
    expect(await cli('import-mailbox', mbox)).toMatchObject({ code: 0 });
    expect(readFileSync(mbox).length).toBeGreaterThan(0);
    expect(storedMessages()).toBe(1);
  });
});
