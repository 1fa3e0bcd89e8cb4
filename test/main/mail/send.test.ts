import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeNote, noteEnvelope, type NoteToCompose } from '../../../src/main/mail/compose';
import { connectImap } from '../../../src/main/mail/imap-account';
import { appendMessage, findByMessageId, replaceDraft } from '../../../src/main/mail/imap-append';
import { sendNote, SmtpSendError, type SmtpSettings } from '../../../src/main/mail/smtp';
import { freePort, startDovecot, type Dovecot } from '../../support/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtp-receiver';

const note: NoteToCompose = {
  from: { name: 'Zoë Müller', address: 'zoe.mueller@example.net' },
  to: [{ name: 'Priya Raman', address: 'priya.raman@acme-robotics.com' }],
  cc: [{ name: 'José Núñez', address: 'jose.nunez@acme-robotics.com' }],
  bcc: [{ name: null, address: 'zoe.mueller+archive@example.net' }],
  subject: 'Thank you — gripper calibration',
  text: 'Hi Priya,\n\nThank you for your time on Tuesday. Größe matters.\n\nZoë\n',
};

async function composed(overrides: Partial<NoteToCompose> = {}): Promise<{
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}> {
  const full = { ...note, ...overrides };
  const { raw, messageId } = await composeNote(full);
  return { raw, messageId, envelope: noteEnvelope(full) };
}

function settingsFor(receiver: SmtpReceiver, overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return {
    host: receiver.host,
    port: receiver.port,
    security: 'plaintext',
    user: receiver.user,
    password: receiver.password,
    ...overrides,
  };
}

/** Runs `send`, expects an SmtpSendError, and checks the password is nowhere in it. */
async function sendError(send: Promise<unknown>, password: string): Promise<SmtpSendError> {
  const error: unknown = await send.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmtpSendError);
  const failure = error as SmtpSendError;
  for (const text of [
    failure.message,
    failure.detail ?? '',
    failure.stack ?? '',
    String(failure),
    JSON.stringify(failure),
  ]) {
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password).toString('base64'));
  }
  return failure;
}

describe('sendNote over plaintext to a loopback receiver', () => {
  let receiver: SmtpReceiver;
  beforeAll(async () => {
    receiver = await startSmtpReceiver({
      rejectRecipient: (address) =>
        address.startsWith('nobody@')
          ? { code: 550, message: '5.1.1 No such user' }
          : address.startsWith('busy@')
            ? { code: 450, message: '4.2.1 Mailbox busy, try later' }
            : null,
    });
  });
  afterAll(async () => {
    await receiver.stop();
  });
  afterEach(() => {
    receiver.messages.length = 0;
  });

  it('delivers the note to every recipient, Bcc only in the envelope', async () => {
    const message = await composed();
    const result = await sendNote(settingsFor(receiver), message);

    expect(result.accepted.sort()).toEqual([
      'jose.nunez@acme-robotics.com',
      'priya.raman@acme-robotics.com',
      'zoe.mueller+archive@example.net',
    ]);
    expect(result.rejected).toEqual([]);
    expect(result.response).toMatch(/^250 /);
    expect(result.messageId).toBe(message.messageId);

    expect(receiver.messages).toHaveLength(1);
    const [mail] = receiver.messages;
    expect(mail?.envelopeFrom).toBe('zoe.mueller@example.net');
    expect(mail?.envelopeTo.sort()).toEqual(result.accepted);
    expect(mail?.raw.toString('latin1')).not.toMatch(/^Bcc:/im);
    expect(mail?.parsed.messageId).toBe(message.messageId);
    expect(mail?.parsed.subject).toBe(note.subject);
    expect(mail?.parsed.text?.replace(/\r\n/g, '\n')).toBe(note.text);
    expect(mail?.parsed.from?.value[0]?.name).toBe('Zoë Müller');
  });

  it('reports recipients the server refused while delivering to the others', async () => {
    const message = await composed({
      cc: [{ name: null, address: 'nobody@acme-robotics.com' }],
      bcc: [],
    });
    const result = await sendNote(settingsFor(receiver), message);
    expect(result.accepted).toEqual(['priya.raman@acme-robotics.com']);
    expect(result.rejected).toEqual(['nobody@acme-robotics.com']);
    expect(receiver.messages[0]?.envelopeTo).toEqual(['priya.raman@acme-robotics.com']);
  });

  it('classifies refusal of every recipient as rejected, temporary for a 4xx reply', async () => {
    const permanent = await sendError(
      sendNote(settingsFor(receiver), {
        raw: (await composed()).raw,
        envelope: { from: 'zoe.mueller@example.net', to: ['nobody@acme-robotics.com'] },
      }),
      receiver.password,
    );
    expect(permanent).toMatchObject({ step: 'rejected', temporary: false, responseCode: 550 });
    expect(permanent.message).toMatch(/did not accept the recipients/);
    expect(permanent.message).toContain('No such user');

    const later = await sendError(
      sendNote(settingsFor(receiver), {
        raw: (await composed()).raw,
        envelope: { from: 'zoe.mueller@example.net', to: ['busy@acme-robotics.com'] },
      }),
      receiver.password,
    );
    expect(later).toMatchObject({ step: 'rejected', temporary: true, responseCode: 450 });
    expect(receiver.messages).toHaveLength(0);
  });

  it('reports a wrong password as a login failure without repeating it', async () => {
    const wrong = 'Tr0ub4dor&3-not-it';
    const failure = await sendError(
      sendNote(settingsFor(receiver, { password: wrong }), await composed()),
      wrong,
    );
    expect(failure.step).toBe('login');
    expect(failure.temporary).toBe(false);
    expect(failure.message).toMatch(/app password/);
    expect(receiver.messages).toHaveLength(0);
  });

  it('reports a closed port as refused', async () => {
    const failure = await sendError(
      sendNote(settingsFor(receiver, { port: await freePort() }), await composed()),
      receiver.password,
    );
    expect(failure.step).toBe('refused');
    expect(failure.message).toMatch(/refused the connection/);
  });

  it('reports an unknown host as a name lookup failure', async () => {
    const failure = await sendError(
      sendNote(
        settingsFor(receiver, { host: 'no-such-host.invalid', security: 'tls', port: 465 }),
        await composed(),
      ),
      receiver.password,
    );
    expect(failure.step).toBe('dns');
    expect(failure.message).toContain('no-such-host.invalid');
  });

  it('refuses an empty envelope before connecting', async () => {
    const failure = await sendError(
      sendNote(settingsFor(receiver), {
        raw: (await composed()).raw,
        envelope: { from: 'a@b.c', to: [] },
      }),
      receiver.password,
    );
    expect(failure.step).toBe('settings');
  });
});

describe('sendNote safety and timeouts', () => {
  let listener: Server;
  let port: number;
  const sockets = new Set<Socket>();
  let connections = 0;
  beforeAll(async () => {
    // Accepts connections and never says a word: a server that hangs, or one that was
    // reached on 0.0.0.0 when nothing should have connected at all.
    listener = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    listener.listen(0, '0.0.0.0');
    await once(listener, 'listening');
    const address = listener.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    port = address.port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    listener.close();
    await once(listener, 'close');
  });

  it('refuses plaintext to a host that is not this computer, without connecting', async () => {
    const lanAddress = Object.values(networkInterfaces())
      .flat()
      .find((i) => i?.family === 'IPv4' && !i.internal)?.address;
    const before = connections;
    const failure = await sendError(
      sendNote(
        {
          host: lanAddress ?? 'smtp.example.com',
          port,
          security: 'plaintext',
          user: 'zoe',
          password: 'plain-secret-1',
        },
        await composed(),
      ),
      'plain-secret-1',
    );
    expect(failure.step).toBe('settings');
    expect(failure.temporary).toBe(false);
    expect(failure.message).toMatch(/Unencrypted connections are only allowed to this computer/);
    expect(connections).toBe(before);
  });

  it('reports a server that never greets as a timeout worth retrying', async () => {
    const failure = await sendError(
      sendNote(
        { host: '127.0.0.1', port, security: 'starttls', user: 'zoe', password: 'hang-secret-2' },
        await composed(),
        { greetingTimeout: 300, connectionTimeout: 2_000 },
      ),
      'hang-secret-2',
    );
    expect(failure.step).toBe('timeout');
    expect(failure.temporary).toBe(true);
  });
});

describe('sendNote with implicit TLS', () => {
  let receiver: SmtpReceiver;
  beforeAll(async () => {
    receiver = await startSmtpReceiver({ tls: 'implicit' });
  });
  afterAll(async () => {
    await receiver.stop();
  });

  it('sends when the certificate is trusted through the ca setting', async () => {
    const message = await composed();
    const result = await sendNote(
      settingsFor(receiver, { security: 'tls', ca: receiver.certificatePem ?? '' }),
      message,
    );
    expect(result.accepted).toHaveLength(3);
    expect(receiver.messages.at(-1)?.parsed.messageId).toBe(message.messageId);
  });

  it('refuses a certificate it cannot verify', async () => {
    const failure = await sendError(
      sendNote(settingsFor(receiver, { security: 'tls' }), await composed()),
      receiver.password,
    );
    expect(failure.step).toBe('tls');
    expect(failure.message).toMatch(/secure connection/);
  });
});

describe('sendNote with STARTTLS', () => {
  let receiver: SmtpReceiver;
  let plainOnly: SmtpReceiver;
  beforeAll(async () => {
    receiver = await startSmtpReceiver({ tls: 'starttls' });
    plainOnly = await startSmtpReceiver();
  });
  afterAll(async () => {
    await receiver.stop();
    await plainOnly.stop();
  });

  it('upgrades the connection and sends', async () => {
    const message = await composed();
    const result = await sendNote(
      settingsFor(receiver, { security: 'starttls', ca: receiver.certificatePem ?? '' }),
      message,
    );
    expect(result.accepted).toHaveLength(3);
    const [mail] = receiver.messages;
    expect(mail?.parsed.messageId).toBe(message.messageId);
    expect(mail?.envelopeTo).toContain('zoe.mueller+archive@example.net');
  });

  it('will not send the password to a server that does not offer STARTTLS', async () => {
    const failure = await sendError(
      sendNote(settingsFor(plainOnly, { security: 'starttls' }), await composed()),
      plainOnly.password,
    );
    expect(failure.step).toBe('tls');
    expect(failure.message).toMatch(/does not offer STARTTLS/);
    expect(plainOnly.messages).toHaveLength(0);
  });
});

describe('copies on the IMAP server', () => {
  let server: Dovecot;
  let client: ImapFlow;
  beforeAll(async () => {
    server = await startDovecot();
    const [user] = server.users;
    if (!user) throw new Error('no user');
    client = await connectImap({
      host: server.host,
      port: server.port,
      security: 'plaintext',
      user: user.user,
      password: user.password,
    });
  });
  afterAll(async () => {
    await client.logout();
    await server.stop();
  });

  async function draftsContent(): Promise<{ uid: number; flags: string[]; text: string }[]> {
    const lock = await client.getMailboxLock('Drafts', { readOnly: true });
    try {
      const found: { uid: number; flags: string[]; source: Buffer }[] = [];
      for await (const m of client.fetch('1:*', { uid: true, flags: true, source: true })) {
        if (m.source) found.push({ uid: m.uid, flags: [...(m.flags ?? [])], source: m.source });
      }
      const result: { uid: number; flags: string[]; text: string }[] = [];
      for (const m of found) {
        const parsed = await simpleParser(m.source);
        result.push({
          uid: m.uid,
          flags: m.flags.sort(),
          text: (parsed.text ?? '').replace(/\r\n/g, '\n'),
        });
      }
      return result;
    } finally {
      lock.release();
    }
  }

  it('appends a Sent copy with its UID and finds it by Message-ID', async () => {
    const { raw, messageId } = await composeNote(note, { keepBcc: true });
    const stored = await appendMessage(client, 'Sent', raw, ['\\Seen']);
    expect(stored.uid).toEqual(expect.any(Number));
    expect(stored.uidValidity).toMatch(/^\d+$/);

    expect(await findByMessageId(client, 'Sent', messageId)).toBe(stored.uid);
    expect(await findByMessageId(client, 'Sent', '<never-sent@example.net>')).toBeNull();

    // The user's own copy keeps the Bcc recipients.
    const lock = await client.getMailboxLock('Sent', { readOnly: true });
    try {
      const message = await client.fetchOne(String(stored.uid), { source: true }, { uid: true });
      expect(message && message.source?.toString('latin1')).toMatch(
        /^Bcc: zoe\.mueller\+archive@example\.net$/m,
      );
    } finally {
      lock.release();
    }
  });

  it('replaceDraft leaves exactly one draft, with the new content', async () => {
    const first = await composeNote({ ...note, text: 'First version.\n' }, { keepBcc: true });
    const saved = await replaceDraft(client, 'Drafts', first.raw, null);
    expect(saved.previousRemoved).toBe(false);
    expect(saved.uid).toEqual(expect.any(Number));
    expect(saved.uidValidity).toMatch(/^\d+$/);

    const second = await composeNote(
      { ...note, messageId: first.messageId, text: 'Second version, with more thanks.\n' },
      { keepBcc: true },
    );
    const replaced = await replaceDraft(client, 'Drafts', second.raw, {
      uid: saved.uid ?? 0,
      uidValidity: saved.uidValidity ?? '',
    });
    expect(replaced.previousRemoved).toBe(true);
    expect(replaced.uid).not.toBe(saved.uid);

    const drafts = await draftsContent();
    expect(drafts).toEqual([
      {
        uid: replaced.uid,
        flags: ['\\Draft', '\\Seen'],
        text: 'Second version, with more thanks.\n',
      },
    ]);
    expect(await findByMessageId(client, 'Drafts', first.messageId)).toBe(replaced.uid);
  });

  it('keeps the previous draft when the folder was recreated (UIDVALIDITY changed)', async () => {
    const before = await draftsContent();
    const [current] = before;
    if (!current) throw new Error('no draft from the previous test');
    const next = await composeNote({ ...note, text: 'Third version.\n' }, { keepBcc: true });
    const result = await replaceDraft(client, 'Drafts', next.raw, {
      uid: current.uid,
      uidValidity: '1',
    });
    expect(result.previousRemoved).toBe(false);
    expect((await draftsContent()).map((d) => d.uid)).toEqual([current.uid, result.uid]);
  });
});
