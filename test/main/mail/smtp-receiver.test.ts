import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtp-receiver';

describe('the loopback SMTP receiver used by mail tests', () => {
  let receiver: SmtpReceiver;
  beforeAll(async () => {
    receiver = await startSmtpReceiver();
  });
  afterAll(async () => {
    await receiver.stop();
  });

  it('keeps and parses what it receives, with the SMTP envelope (Bcc included)', async () => {
    const transport = nodemailer.createTransport({
      host: receiver.host,
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: receiver.user, pass: receiver.password },
    });
    const info = await transport.sendMail({
      from: 'Sam Carter <sam.carter@example.net>',
      to: 'Priya Raman <priya.raman@acme-robotics.com>',
      bcc: 'sam.carter+archive@example.net',
      subject: 'Danke schön',
      text: 'Thank you for your time.',
      messageId: '<smtp-test-1@example.net>',
    });
    transport.close();
    expect(info.accepted).toHaveLength(2);
    expect(receiver.messages).toHaveLength(1);
    const [mail] = receiver.messages;
    expect(mail?.envelopeTo.sort()).toEqual([
      'priya.raman@acme-robotics.com',
      'sam.carter+archive@example.net',
    ]);
    expect(mail?.parsed.subject).toBe('Danke schön');
    expect(mail?.parsed.messageId).toBe('<smtp-test-1@example.net>');
    expect(mail?.raw.toString()).not.toMatch(/^Bcc:/im);
  });

  it('rejects a wrong password', async () => {
    const transport = nodemailer.createTransport({
      host: receiver.host,
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: receiver.user, pass: 'nope' },
    });
    await expect(
      transport.sendMail({ from: 'a@example.net', to: 'b@example.net', text: 'x' }),
    ).rejects.toThrow();
    transport.close();
  });
});
