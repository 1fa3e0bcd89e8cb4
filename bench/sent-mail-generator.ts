/**
 * Raw RFC 5322 messages as a Sent folder holds them: 1–5 To recipients, some Cc, now and then
 * a mailing to 50 or more, display names with encoded words, subjects in other scripts,
 * replies with References chains. Dates rise with the index, so "the last n" are the newest.
 */
import { createRandom, type Random } from './stats';
import { FIRST_NAMES, LAST_NAMES } from './workspace-generator';

const DAY = 86_400_000;

export interface SentMailOptions {
  count: number;
  /** The newest `recent` messages arrive on or after `recentFrom`; the rest well before it. */
  recent: number;
  /** UTC midnight; the older messages end two days before it. */
  recentFrom: Date;
  seed?: number;
}

export interface SentMail {
  raws: string[];
  /** Arrival (internal) dates, also used for the Date header. */
  dates: Date[];
}

function encodedWord(text: string, random: Random): string {
  if (/^[\x20-\x7e]*$/.test(text)) return /[",.]/.test(text) ? `"${text}"` : text;
  if (random.chance(0.5)) return `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
  const q = [...Buffer.from(text)]
    .map((b) =>
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
        ? String.fromCharCode(b)
        : b === 0x20
          ? '_'
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
  return `=?UTF-8?Q?${q}?=`;
}

function fold(name: string, values: string[]): string {
  // Header lines stay under 78 characters: one address per continuation line.
  return `${name}: ${values.join(',\r\n ')}`;
}

function asciiLocal(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}

const SUBJECTS = [
  'Thank you for today',
  'Following up on our conversation',
  'Danke für das Gespräch',
  'Merci pour l’entretien',
  'Re: Next steps',
  'Quick question about the role',
  'Invitation: dinner on Friday',
  '面接のお礼',
  'Спасибо за встречу',
];

export function generateSentMail(options: SentMailOptions): SentMail {
  const random = createRandom(options.seed ?? 7);
  const raws: string[] = [];
  const dates: Date[] = [];
  const older = options.count - options.recent;
  const recentStart = options.recentFrom.getTime();
  const olderEnd = recentStart - 2 * DAY;
  const olderStart = olderEnd - 2 * 365 * DAY;
  const recentSpan = 10 * DAY;
  const sentIds: string[] = [];

  const contact = (): string => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const address = `${asciiLocal(first)}.${asciiLocal(last)}@${random.pick([
      'acme.example',
      'globex.example',
      'initech.example',
      'mail.example',
    ])}`;
    return random.chance(0.1) ? address : `${encodedWord(`${first} ${last}`, random)} <${address}>`;
  };

  for (let i = 0; i < options.count; i++) {
    const at =
      i < older
        ? olderStart + Math.floor(((olderEnd - olderStart) * i) / Math.max(1, older))
        : recentStart + Math.floor((recentSpan * (i - older)) / Math.max(1, options.recent));
    const date = new Date(at);
    const messageId = `<${i}.${at.toString(36)}@home.example>`;
    const big = random.chance(0.01);
    const to = Array.from({ length: big ? random.int(50, 80) : random.int(1, 5) }, contact);
    const cc = random.chance(0.25) ? Array.from({ length: random.int(1, 3) }, contact) : [];
    const reply = sentIds.length > 0 && random.chance(0.3);
    const chain = reply
      ? Array.from({ length: random.int(1, 10) }, () => random.pick(sentIds).replace('@', '.x@'))
      : [];
    const subjectText = random.pick(SUBJECTS);
    const subject = reply ? `Re: ${subjectText}` : subjectText;
    const lines = [
      `Message-ID: ${messageId}`,
      `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
      `From: Sam Carter <sam.carter@home.example>`,
      fold('To', to),
      ...(cc.length > 0 ? [fold('Cc', cc)] : []),
      `Subject: ${encodedWord(subject, random).replace(/^"|"$/g, '')}`,
      ...(reply ? [`In-Reply-To: ${chain[chain.length - 1]}`, fold('References', chain)] : []),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8; format=flowed',
      'Content-Transfer-Encoding: 8bit',
      'User-Agent: Followthrough-Bench/1.0',
      '',
      `Hello,\r\n\r\nthank you for your time. ${'This line stands for the body. '.repeat(random.int(3, 30))}\r\n\r\nSam`,
      '',
    ];
    raws.push(lines.join('\r\n'));
    dates.push(date);
    sentIds.push(messageId);
  }
  return { raws, dates };
}
