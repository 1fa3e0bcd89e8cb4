/**
 * A large, realistic workspace for the rules benchmark: 2,000 applications with 10,000 people
 * (8,000 of them interviewers), their interviews, and 100,000 message headers, of which most
 * are unrelated mail (to friends, lists, newsletters) as in a real mailbox.
 */
import type {
  Application,
  ApplicationStatus,
  Interview,
  KnownMessage,
  MailAddress,
  ManualContact,
  MessageLink,
  Participant,
  Person,
  Workspace,
} from '../src/shared/model';
import { DEFAULT_SETTINGS, MANUAL_CHANNELS } from '../src/shared/model';
import { createRandom, type Random } from './stats';

export const USER_ADDRESS = 'sam.carter@home.example';
export const USER_ZONE = 'Europe/Berlin';
/** The instant the obligations are computed for. */
export const NOW = Date.UTC(2026, 10, 20, 11, 0);

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloé',
  'Dmitri',
  'Elif',
  'Farah',
  'Gustav',
  'Hana',
  'Ilse',
  'Jonas',
  'Kwame',
  'Léa',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
  'Quentin',
  'Rosa',
  'Søren',
  'Tomás',
  'Uma',
  'Vera',
  'Wei',
  'Xavier',
  'Yusuf',
  'Zoë',
  'Anaïs',
  'Björn',
  'Carmen',
  'Dario',
  'Emma',
  'Felix',
  'Grace',
  'Hugo',
  'Ines',
  'Jack',
  'Kira',
  'Liam',
  'Mia',
  'Noah',
  'Olivia',
  'Pablo',
  'Rahul',
  'Sofia',
  'Theo',
  'Ursula',
  'Viktor',
  'Yara',
  'Zain',
  'Aiko',
  'Bruno',
  'Clara',
  'David',
  'Eva',
  'Femi',
  'Giulia',
  'Hiro',
  'Ivan',
  'Julia',
  'Karim',
  'Lena',
  'Marco',
  'Nina',
  'Omar',
  'Paula',
  'Ravi',
  'Sara',
  'Tariq',
  'Valentina',
  'Yuki',
  'Amara',
  'Chidi',
  'Dana',
  'Erik',
  'Fatima',
  'Georg',
  'Helga',
  'Ingrid',
  'José',
  'Kenji',
];
const SURNAME_STARTS = [
  'Ok',
  'Mül',
  'Gar',
  'Naka',
  'Kowal',
  'Johan',
  'Dub',
  'Ros',
  'Nov',
  'Papa',
  'Yıl',
  'Ivan',
  'Chen',
  'Smi',
  'Fern',
  'Jen',
  'Had',
  'Sin',
  'Kim',
  'Ngu',
  'Bri',
  'Dijk',
  'Łuk',
  'Brow',
  'Ber',
  'Hoff',
  'Lind',
  'Mor',
  'Sato',
  'Tan',
  'Wal',
  'Zim',
  'Ab',
  'Car',
  'Del',
  'Est',
];
const SURNAME_ENDS = [
  'afor',
  'ler',
  'cía',
  'mura',
  'ski',
  'sson',
  'ois',
  'si',
  'ák',
  'dopoulos',
  'maz',
  'ova',
  'g',
  'th',
  'ández',
  'sen',
  'dad',
  'gh',
  'ura',
  'yen',
  'an',
  'stra',
  'asiewicz',
  'n',
  'gmann',
  'man',
  'qvist',
  'eau',
  'ko',
  'aka',
  'ker',
  'mer',
  'bott',
  'ter',
  'gado',
  'rada',
];
/** About 80 × 1,300 full names: collisions between unrelated people are as rare as in life. */
export const LAST_NAMES = SURNAME_STARTS.flatMap((start) => SURNAME_ENDS.map((end) => start + end));

export interface GeneratedWorkspace {
  workspace: Workspace;
  messages: KnownMessage[];
  links: MessageLink[];
}

export interface WorkspaceSize {
  applications: number;
  /** People per application: one arranger, the rest interviewers. */
  peoplePerApplication: number;
  messages: number;
}

export const LARGE: WorkspaceSize = {
  applications: 2_000,
  peoplePerApplication: 5,
  messages: 100_000,
};

function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function weighted<T>(random: Random, options: readonly (readonly [T, number])[]): T {
  let roll = random.next() * options.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[options.length - 1]![0];
}

const STATUSES: readonly (readonly [ApplicationStatus, number])[] = [
  ['interviewing', 50],
  ['applied', 10],
  ['rejected', 20],
  ['offer', 5],
  ['accepted', 3],
  ['withdrawn', 12],
];

/** Builds the workspace and its mail; the same seed gives the same data. */
export function generateWorkspace(size: WorkspaceSize = LARGE, seed = 1): GeneratedWorkspace {
  const random = createRandom(seed);
  const applications: Application[] = [];
  const interviews: Interview[] = [];
  const people: Person[] = [];
  const participants: Participant[] = [];
  const manualContacts: ManualContact[] = [];
  const messages: KnownMessage[] = [];
  const me: MailAddress = { name: 'Sam Carter', address: USER_ADDRESS };
  let messageCounter = 0;

  const addMessage = (
    role: KnownMessage['folderRole'],
    fields: Partial<KnownMessage> & { date: number },
  ): KnownMessage => {
    const n = ++messageCounter;
    const messageId = `<${role}-${n}.${seed}@${role === 'sent' ? 'home.example' : 'mx.example'}>`;
    const message: KnownMessage = {
      id: `acct-1:${role}:${messageId}`,
      folderRole: role,
      messageId,
      inReplyTo: null,
      references: [],
      from: role === 'sent' ? [me] : [],
      to: role === 'sent' ? [] : [me],
      cc: [],
      bcc: [],
      subject: '',
      autoReply: false,
      bounce: false,
      ...fields,
    };
    messages.push(message);
    return message;
  };
  const nameOf = (): string => `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
  const contact = (name: string, address: string): MailAddress => ({ name, address });

  for (let a = 0; a < size.applications; a++) {
    const appId = `app-${a}`;
    const domain = `company${a}.example`;
    const status = weighted(random, STATUSES);
    const firstInterview = NOW - random.int(0, 330) * DAY - random.int(0, 8) * HOUR;
    applications.push({
      id: appId,
      company: `Company ${a}`,
      roleTitle: random.pick(['Engineer', 'Senior Engineer', 'Designer', 'Product Manager']),
      postingUrl: random.chance(0.6) ? `https://jobs.${domain}/${a}` : null,
      status,
      appliedOn: isoDay(firstInterview - random.int(7, 40) * DAY),
      decidedOn: ['rejected', 'accepted', 'withdrawn'].includes(status)
        ? isoDay(firstInterview + 30 * DAY)
        : null,
      companyDomains: [domain],
      notes: '',
      createdAt: firstInterview - 40 * DAY,
      updatedAt: firstInterview,
    });

    const staff: Person[] = [];
    for (let k = 0; k < size.peoplePerApplication; k++) {
      const name = nameOf();
      const [first, last] = name.split(' ') as [string, string];
      const local = `${asciiFold(first)}.${asciiFold(last)}${a}x${k}`;
      const emails = random.chance(0.05)
        ? []
        : random.chance(0.1)
          ? [`${local}@${domain}`, `${local}@mail.example`]
          : [`${local}@${domain}`];
      const person: Person = {
        id: `person-${a}-${k}`,
        name,
        title: k === 0 ? 'Recruiter' : 'Engineer',
        company: `Company ${a}`,
        emails,
        phone: '',
        firstNameOk: random.chance(0.5),
        doNotContact: random.chance(0.01),
        notApplicable: random.chance(0.02),
        notes: '',
      };
      people.push(person);
      staff.push(person);
    }
    const arranger = staff[0]!;
    const interviewers = staff.slice(1);

    const rounds = random.int(1, 5);
    let startsAt = firstInterview;
    let lastNote: KnownMessage | null = null;
    for (let r = 0; r < rounds; r++) {
      const interviewId = `iv-${a}-${r}`;
      const endsAt = startsAt + random.pick([30, 45, 60, 90]) * 60_000;
      interviews.push({
        id: interviewId,
        applicationId: appId,
        kind: random.pick(['phone', 'video', 'onsite', 'panel'] as const),
        startsAt,
        endsAt,
        timeZone: random.pick([USER_ZONE, 'America/New_York', 'Europe/London', 'Asia/Tokyo']),
        location: null,
        decisionBy: random.chance(0.4) ? isoDay(endsAt + random.int(3, 14) * DAY) : null,
        contactPlan: '',
        contactPersonId: null,
        outcome: 'unknown',
        notes: '',
        cancelled: random.chance(0.03),
      });
      participants.push({
        interviewId,
        personId: arranger.id,
        role: 'arranger',
        topics: '',
        notes: '',
      });
      const panel = [...interviewers].sort(() => random.next() - 0.5).slice(0, random.int(2, 4));
      for (const person of panel) {
        participants.push({
          interviewId,
          personId: person.id,
          role: 'interviewer',
          topics: '',
          notes: '',
        });
      }

      // Thank-you notes, most of them within a day; a few as one group note.
      const reachable = panel.filter((p) => p.emails.length > 0);
      const group = reachable.length > 1 && random.chance(0.05);
      const recipients = group ? [reachable] : reachable.map((p) => [p]);
      for (const to of recipients) {
        if (endsAt > NOW || !random.chance(0.85)) continue;
        const note = addMessage('sent', {
          date: endsAt + random.int(1, 30) * HOUR,
          to: to.map((p) => contact(p.name, p.emails[0]!)),
          cc:
            random.chance(0.2) && arranger.emails[0]
              ? [contact(arranger.name, arranger.emails[0])]
              : [],
          subject: `Thank you for today's conversation`,
        });
        lastNote = note;
        const first = to[0]!;
        if (random.chance(0.3) && note.date + DAY < NOW) {
          const reply = addMessage('inbox', {
            date: note.date + random.int(2, 48) * HOUR,
            from: [contact(first.name, first.emails[0]!)],
            inReplyTo: note.messageId,
            references: [note.messageId!],
            subject: `Re: ${note.subject}`,
          });
          if (random.chance(0.8) && reply.date + DAY < NOW) {
            addMessage('sent', {
              date: reply.date + random.int(1, 20) * HOUR,
              to: [contact(first.name, first.emails[0]!)],
              inReplyTo: reply.messageId,
              references: [note.messageId!, reply.messageId!],
              subject: `Re: ${reply.subject}`,
            });
          }
        }
      }
      if (arranger.emails[0] && endsAt < NOW && random.chance(0.5)) {
        addMessage('sent', {
          date: endsAt + random.int(2, 20) * HOUR,
          to: [contact(arranger.name, arranger.emails[0])],
          subject: 'Thanks for arranging the interview',
        });
      }
      if (random.chance(0.02)) {
        manualContacts.push({
          id: `manual-${a}-${r}`,
          applicationId: appId,
          interviewId,
          personId: panel[0]!.id,
          channel: random.pick(MANUAL_CHANNELS),
          at: endsAt + 5 * HOUR,
          note: '',
        });
      }
      startsAt = endsAt + random.int(3, 20) * DAY;
    }

    // A check-in after the last round, and now and then the company writing from a new address.
    if (lastNote !== null && random.chance(0.3)) {
      const checkInAt = lastNote.date + random.int(7, 14) * DAY;
      if (checkInAt < NOW) {
        addMessage('sent', {
          date: checkInAt,
          to: lastNote.to,
          inReplyTo: lastNote.messageId,
          references: [lastNote.messageId!],
          subject: `Re: ${lastNote.subject}`,
        });
      }
    }
    if (random.chance(0.2)) {
      addMessage('inbox', {
        date: firstInterview + random.int(1, 20) * DAY,
        from: [contact('Talent Team', `talent@${domain}`)],
        subject: 'Next steps',
      });
    }
    if (lastNote !== null && random.chance(0.01)) {
      addMessage('inbox', {
        date: lastNote.date + 60_000,
        from: [contact('Mail Delivery System', 'mailer-daemon@mx.example')],
        references: [lastNote.messageId!],
        subject: 'Undelivered Mail Returned to Sender',
        bounce: true,
      });
    }
  }

  // Everything else in the mailbox: mail to and from people the user does not track.
  const others = Array.from({ length: 20_000 }, (_, i) => {
    const name = nameOf();
    return contact(
      name,
      `${asciiFold(name)}${i}@${random.pick(['mail.example', 'web.example', 'uni.example'])}`,
    );
  });
  const start = NOW - 2 * 365 * DAY;
  while (messages.length < size.messages) {
    const date = start + Math.floor(random.next() * (NOW - start));
    if (random.chance(0.45)) {
      const big = random.chance(0.01);
      const to = Array.from({ length: big ? random.int(50, 80) : random.int(1, 5) }, () =>
        random.pick(others),
      );
      addMessage('sent', {
        date,
        to,
        cc: random.chance(0.25)
          ? Array.from({ length: random.int(1, 3) }, () => random.pick(others))
          : [],
        subject: big ? 'Invitation' : 'Catching up',
      });
    } else {
      const bulk = random.chance(0.3);
      addMessage('inbox', {
        date,
        from: [
          bulk
            ? contact('Newsletter', `news@list${random.int(1, 40)}.example`)
            : random.pick(others),
        ],
        to: [me],
        cc: random.chance(0.2) ? [random.pick(others)] : [],
        subject: bulk ? 'This week' : 'Hello',
        autoReply: bulk && random.chance(0.1),
      });
    }
  }

  // A few hundred of the user's corrections to matching.
  const sentMessages = messages.filter((m) => m.folderRole === 'sent');
  const links: MessageLink[] = [];
  for (let i = 0; i < 300; i++) {
    const message = random.pick(sentMessages);
    const a = random.int(0, size.applications - 1);
    links.push({
      messageId: message.id,
      personId: `person-${a}-${random.int(1, size.peoplePerApplication - 1)}`,
      applicationId: `app-${a}`,
      action: random.chance(0.7) ? 'link' : 'unlink',
      at: NOW - random.int(1, 100) * HOUR,
    });
  }

  messages.sort((x, y) => x.date - y.date);
  return {
    workspace: {
      applications,
      interviews,
      people,
      participants,
      manualContacts,
      profile: { fullName: 'Sam Carter', phone: '', email: USER_ADDRESS },
      settings: { ...DEFAULT_SETTINGS, timeZone: USER_ZONE },
    },
    messages,
    links,
  };
}
