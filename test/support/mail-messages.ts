/** Small raw RFC 5322 messages for IMAP tests. */

export interface TestMessageOptions {
  from?: string;
  to?: string;
  date?: Date;
  subject?: string;
  withMessageId?: boolean;
}

export function testMessageId(tag: string, n: number): string {
  return `<${tag}-${n}@test.followthrough.example>`;
}

export function rawMessage(tag: string, n: number, options: TestMessageOptions = {}): string {
  const date = options.date ?? new Date(Date.UTC(2026, 10, 3, 9, 0, n % 60));
  const lines = [
    ...(options.withMessageId === false ? [] : [`Message-ID: ${testMessageId(tag, n)}`]),
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `From: ${options.from ?? 'Sam Carter <sam.carter@example.net>'}`,
    `To: ${options.to ?? `Interviewer ${n} <interviewer${n}@acme.example>`}`,
    `Subject: ${options.subject ?? `Thank you (${tag} ${n})`}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body of message ${n}. Not to be fetched.`,
    '',
  ];
  return lines.join('\r\n');
}

export function rawMessages(
  tag: string,
  from: number,
  count: number,
  options: TestMessageOptions = {},
): string[] {
  return Array.from({ length: count }, (_, i) => rawMessage(tag, from + i, options));
}
