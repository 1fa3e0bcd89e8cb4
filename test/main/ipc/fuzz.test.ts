/**
 * Every channel of the contract, fuzzed with random and hostile input through the same
 * dispatch the app uses, over the real services and a real SQLite file holding a workspace,
 * an account and mail: input the schema refuses always comes back as an 'invalid-input' value
 * with a short message, nothing throws, no prototype is polluted and no row of any table
 * changes. Channels are read from the contract, so new ones are fuzzed as they are added.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createHandlers, type Handlers } from '../../../src/main/ipc/handlers';
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { channels, type AccountView, type ConnectionReport } from '../../../src/shared/contract';
import { LATEST_INSTANT } from '../../../src/shared/schemas';
import { startCapturingImap, type CapturingImap } from '../../support/capturing-imap';

const NOW = Date.parse('2026-11-24T09:00:00Z');

let dir: string;
let opened: OpenedDatabase;
let handlers: Handlers;
let unexpected: unknown[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-fuzz-'));
  opened = await openDatabase(join(dir, 'fuzz.sqlite'));
  const services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => 'Europe/Berlin',
    connectionTimeout: 500,
  });
  // Something in every table the handlers touch: the sample workspace, an account, mail.
  services.workspace.loadSample({});
  const { account } = services.accounts.save({
    label: 'Mail',
    provider: 'other',
    email: 'sam@example.net',
    username: 'sam',
    imap: { host: '127.0.0.1', port: 1, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: 1, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password: 'fuzz-password',
  });
  opened.mailStore.writeBatch(
    account.id,
    'Sent',
    'sent',
    [
      {
        id: `${account.id}:sent:<a@example.net>`,
        uid: 1,
        folderRole: 'sent',
        messageId: '<a@example.net>',
        inReplyTo: null,
        references: [],
        date: NOW - 86_400_000,
        from: [{ name: 'Sam', address: 'sam@example.net' }],
        to: [{ name: 'Ada', address: 'ada@example.com' }],
        cc: [],
        bcc: [],
        subject: 'Thank you',
        autoReply: false,
        bounce: false,
      },
    ],
    { uidValidity: '1', lastUid: 1, highestModseq: null, uidNext: 2, messages: 1 },
    NOW,
  );
  unexpected = [];
  handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(true) });
});
afterAll(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table, so any change anywhere shows. */
function databaseSnapshot(): Record<string, string[]> {
  const tables = opened.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = opened.db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all();
    snapshot[name] = rows
      .map((row) =>
        JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)),
      )
      .sort();
  }
  return snapshot;
}

/** Field names of an object schema, looking through optional and union wrappers. */
function fieldNames(schema: unknown, depth = 0): string[] {
  if (depth > 5 || typeof schema !== 'object' || schema === null) return [];
  const s = schema as {
    shape?: Record<string, unknown>;
    unwrap?: () => unknown;
    options?: unknown[];
    def?: { in?: unknown; innerType?: unknown };
  };
  if (s.shape) return Object.keys(s.shape);
  const inner = [s.def?.innerType, s.def?.in, ...(s.options ?? [])];
  if (typeof s.unwrap === 'function') inner.push(s.unwrap());
  return [...new Set(inner.flatMap((i) => fieldNames(i, depth + 1)))];
}

/** Values that break careless code: odd numbers, huge and odd strings, deep nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    1e308,
    '',
    ' ',
    '\u0000',
    '\u202e\ufeff',
    '__proto__',
    'constructor',
    "'; DROP TABLE applications; --",
    '../../../../etc/passwd',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'x'.repeat(1_000_000),
    [],
    {},
    [[[[[[[[]]]]]]]],
    true,
    new Date(NaN),
  ),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.bigInt().map((b) => b),
);

/** Objects with the prototype-polluting keys as own properties (as JSON.parse makes them). */
const pollutingObject = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"prototype": {"polluted": "yes"}, "__proto__": null}') as unknown,
);

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { next: value } : [value];
  return value;
}

/** Random and hostile input for one channel: anything at all, or its own fields filled badly. */
function hostileInput(schema: unknown): fc.Arbitrary<unknown> {
  const fields = fieldNames(schema);
  const value = fc.oneof(hostileValue, fc.anything({ maxDepth: 3 }), pollutingObject);
  const shaped =
    fields.length === 0
      ? fc.constant({})
      : fc.dictionary(fc.constantFrom(...fields, '__proto__', 'constructor', 'extra'), value, {
          maxKeys: fields.length + 2,
        });
  const withPollution = fc
    .tuple(shaped, pollutingObject)
    .map(([a, b]) => Object.assign(JSON.parse('{}') as object, a, b) as unknown);
  return fc.oneof(
    {
      arbitrary: fc.anything({ maxDepth: 4, withNullPrototype: true, withSparseArray: true }),
      weight: 3,
    },
    { arbitrary: hostileValue, weight: 2 },
    { arbitrary: shaped, weight: 4 },
    { arbitrary: withPollution, weight: 1 },
    { arbitrary: fc.constant(deeplyNested(5000)), weight: 1 },
  );
}

const CHANNELS = Object.keys(channels) as (keyof typeof channels)[];

describe('every IPC channel fuzzed with random and hostile input', () => {
  it('covers every channel of the contract', () => {
    expect(CHANNELS.length).toBeGreaterThan(30);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it.each(CHANNELS)(
    '%s: refused with invalid-input, nothing thrown, nothing changed',
    async (channel) => {
      const schema = channels[channel].input as z.ZodType;
      const before = databaseSnapshot();
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(hostileInput(schema), async (input) => {
          // Input the schema accepts is not hostile to validation: that is the handler's business.
          fc.pre(!schema.safeParse(input).success);
          const result = await dispatch(handlers, channel, input, (e) => unexpected.push(e));
          expect(result).toEqual({
            ok: false,
            error: {
              code: 'invalid-input',
              message: expect.any(String) as string,
              issues: expect.any(Array) as unknown,
            },
          });
          // Field by field, a few at most, each a short plain message.
          const issues = !result.ok ? (result.error.issues ?? []) : [];
          expect(issues.length).toBeGreaterThan(0);
          expect(issues.length).toBeLessThanOrEqual(20);
          for (const issue of issues) expect(issue.message.length).toBeLessThan(1000);
          const message = !result.ok ? result.error.message : '';
          expect(message.length).toBeGreaterThan(0);
          expect(message.length).toBeLessThan(1000);
          refused++;
        }),
        { numRuns: 150, seed: Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31) },
      );
      expect(refused).toBeGreaterThan(50);
      expect(unexpected).toEqual([]);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(databaseSnapshot()).toEqual(before);
    },
  );

  it('answers hostile input the schemas accept on reading channels, without failing or writing', async () => {
    const before = databaseSnapshot();
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('%', '_', '\\', '.*', '(', "'", '"', '\u0000', 'ß', 'İ', '\ud800'),
    );
    const calls = fc.oneof(
      fc.record({
        channel: fc.constant('status:get'),
        input: fc.record({ at: fc.nat({ max: LATEST_INSTANT }) }),
      }),
      fc.record({
        channel: fc.constant('calendar:export'),
        input: fc.record({ at: fc.nat({ max: LATEST_INSTANT }) }),
      }),
      fc.record({
        channel: fc.constant('applications:get'),
        input: fc.record({ id: fc.string({ minLength: 1, maxLength: 100 }) }),
      }),
      fc.record({
        channel: fc.constant('messages:find'),
        input: fc.record({ query: text, limit: fc.integer({ min: 1, max: 200 }) }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(calls, async ({ channel, input }) => {
        fc.pre(channel in channels);
        fc.pre(channels[channel as keyof typeof channels].input.safeParse(input).success);
        const result = await dispatch(handlers, channel, input, (e) => unexpected.push(e));
        if (!result.ok) {
          const why = `${channel} ${result.error.code}: ${String(unexpected.at(-1))}`;
          expect(['not-found', 'invalid-input'], why).toContain(result.error.code);
        }
      }),
      { numRuns: 300 },
    );
    expect(unexpected).toEqual([]);
    expect(databaseSnapshot()).toEqual(before);
  });

  it('refuses unknown channel names, prototype names among them, without running anything', async () => {
    const before = databaseSnapshot();
    const names = fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'status:get ',
        'STATUS:GET',
        'status:get\u0000',
        '',
      ),
      fc.string(),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(names, fc.anything(), async (name, input) => {
        fc.pre(!(typeof name === 'string' && name in channels && Object.hasOwn(channels, name)));
        expect(await dispatch(handlers, name, input)).toEqual({
          ok: false,
          error: { code: 'invalid-input', message: 'Unknown request.' },
        });
      }),
      { numRuns: 300 },
    );
    expect(databaseSnapshot()).toEqual(before);
  });
});

describe('a saved password only goes to the server it was saved for', () => {
  const SECRET = 'saved-secret-Zq8v';
  let servers: CapturingImap[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('never reaches a changed host, port or user, and still reaches the unchanged server', async () => {
    const home = await startCapturingImap('127.0.0.1');
    // Same port on another loopback address: only the host differs.
    const otherHost = await startCapturingImap('127.0.0.2', home.port);
    const otherPort = await startCapturingImap('127.0.0.1');
    servers = [home, otherHost, otherPort];
    const server = (s: CapturingImap) => ({ host: s.host, port: s.port, security: 'plaintext' });
    const input = {
      label: 'Work',
      provider: 'other',
      email: 'sam@example.org',
      username: 'sam',
      imap: server(home),
      smtp: server(home),
      providerFilesSent: false,
      sentFolder: null,
      draftsFolder: null,
    };
    const saved = await dispatch(handlers, 'accounts:save', { ...input, password: SECRET });
    expect(saved.ok).toBe(true);
    const id = (saved as { ok: true; value: AccountView }).value.account.id;
    const before = databaseSnapshot();

    const changes = [
      { imap: server(otherHost) },
      { imap: server(otherPort) },
      { smtp: server(otherHost) },
      { smtp: { ...server(home), port: otherPort.port } },
      { username: 'someone-else' },
      { imap: { ...server(otherHost), host: '127.0.0.2' }, smtp: server(otherHost) },
    ];
    for (const change of changes) {
      for (const channel of ['accounts:test', 'accounts:save'] as const) {
        const result = await dispatch(
          handlers,
          channel,
          { ...input, ...change, id, password: '' },
          (e) => unexpected.push(e),
        );
        expect(result, `${channel} ${JSON.stringify(change)}`).toEqual({
          ok: false,
          error: {
            code: 'invalid-input',
            message: expect.stringMatching(
              /^The server or user name changed, so enter the password again/,
            ) as string,
            // Shown at the password field.
            issues: [{ path: 'password', message: expect.any(String) as string }],
          },
        });
      }
    }
    expect(otherHost.heard(SECRET)).toBe(false);
    expect(otherPort.heard(SECRET)).toBe(false);
    expect(home.heard(SECRET)).toBe(false);
    expect(databaseSnapshot()).toEqual(before);

    // The same servers (the host written differently in case only) still get it.
    const same = await dispatch(handlers, 'accounts:test', { ...input, id, password: '' }, (e) =>
      unexpected.push(e),
    );
    expect(same.ok).toBe(true);
    expect((same as { ok: true; value: ConnectionReport }).value).toMatchObject({
      ok: false,
      incoming: { ok: false, step: 'login' },
    });
    expect(home.heard(SECRET)).toBe(true);
    expect(otherHost.heard(SECRET)).toBe(false);
    expect(otherPort.heard(SECRET)).toBe(false);
    expect(unexpected).toEqual([]);
  });
});
