import { describe, expect, it } from 'vitest';
import type { Person, Profile } from '../../../src/shared/model';
import type {
  CheckId,
  DraftContext,
  DraftText,
  Finding,
} from '../../../src/main/domain/draft-checks';
import {
  NEAR_DUPLICATE_THRESHOLD,
  checkDraft,
  noteSimilarity,
} from '../../../src/main/domain/draft-checks';
import type { BuiltInTemplateId, TemplateContext } from '../../../src/main/domain/templates';
import { builtInTemplate, fillTemplate } from '../../../src/main/domain/templates';
import { application, interview, participant, person } from './factory';

const PROFILE: Profile = {
  fullName: 'Sam Rivera',
  phone: '+1 555 010 2030',
  email: 'sam.rivera@example.com',
};
const SIGNATURE = 'Best regards,\nSam Rivera\n+1 555 010 2030\nsam.rivera@example.com';

const ADA = person('ada', { name: 'Ada Okafor', emails: ['ada.okafor@northwind.example'] });
const BEN = person('ben', {
  name: 'Ben Lee',
  firstNameOk: true,
  emails: ['ben.lee@northwind.example'],
});
const CHLOE = person('chloe', { name: 'Chloe Martin', emails: ['chloe@northwind.example'] });

const TOPICS = {
  ada: {
    topics: 'streaming ingestion, schema migrations',
    notes: 'Cares about data quality; asked how I test pipelines.',
  },
  ben: {
    topics: 'on-call rotation, incident reviews',
    notes: 'Runs the platform group; wants people who write postmortems.',
  },
  chloe: {
    topics: 'stakeholder dashboards, hiring plans',
    notes: 'Product side; asked about explaining metrics to non-engineers.',
  },
};

function context(overrides: Partial<DraftContext> = {}): DraftContext {
  return {
    kind: 'thank-you',
    profile: PROFILE,
    application: { company: 'Northwind Analytics', roleTitle: 'Data Engineer' },
    person: ADA,
    participant: TOPICS.ada,
    siblings: [],
    people: [ADA, BEN, CHLOE],
    otherCompanies: ['Globex', 'Northwind', 'Initech'],
    otherPeopleNames: ['Hank Scorpio', 'Ada Lovelace'],
    ...overrides,
  };
}

/** A note to Ada written by hand: every check should be silent on it. */
const GOOD_BODY = `Dear Ada Okafor,

Thank you for taking the time to talk with me on Tuesday about the Data Engineer role. I enjoyed our conversation about streaming ingestion, and your question on how I test pipelines reminded me of the contract tests we added last year; they caught schema drift before it ever reached a dashboard.

The care your team puts into data quality is a big part of why I want to join Northwind Analytics, and my experience with schema migrations would let me contribute from the first weeks.

What are the next steps from here? I am happy to send examples of my work.

${SIGNATURE}`;

const GOOD: DraftText = {
  subject: 'Thank you - Data Engineer interview - Sam Rivera',
  body: GOOD_BODY,
  to: ['Ada Okafor <Ada.Okafor@northwind.example>'],
};

function ids(findings: Finding[]): CheckId[] {
  return findings.map((f) => f.id);
}

function replace(from: string | RegExp, to: string): (d: DraftText) => DraftText {
  return (d) => {
    const body = d.body.replace(from, to);
    if (body === d.body) throw new Error(`test setup: ${String(from)} not found`);
    return { ...d, body };
  };
}

describe('a good note', () => {
  it('has no findings', () => {
    expect(checkDraft(GOOD, context())).toEqual([]);
  });

  it.each<[string, (d: DraftText) => DraftText, Partial<DraftContext>?]>([
    ['Windows line endings', (d) => ({ ...d, body: d.body.replace(/\n/g, '\r\n') })],
    [
      'first name when they said first names are fine',
      replace('Dear Ada Okafor,', 'Hi Ada,'),
      { person: { ...ADA, firstNameOk: true } },
    ],
    ['title and surname', replace('Dear Ada Okafor,', 'Dear Dr. Okafor,')],
    ['greeting on the same line as the text', replace('Dear Ada Okafor,\n\n', 'Dear Ada Okafor, ')],
    ['"just a quick note"', replace('Thank you for', 'Just a quick note to thank you for')],
    ['one exclamation mark', replace('from here?', 'from here! Or is there more?')],
    ['a time and an abbreviation', replace('on Tuesday', 'on Tuesday at 10:30 (U.S. Eastern)')],
    ['the role in other words order', (d) => ({ ...d, subject: 'Sam Rivera: data engineer' })],
    ['signature without a closing line', replace('Best regards,\n', '')],
    [
      'own company containing another company name (Northwind)',
      replace('join Northwind Analytics', 'join Northwind Analytics, Northwind Analytics'),
    ],
    ['a copyright sign is not an emoji', replace('examples of my work', 'examples of my work ©')],
    ['phone written another way', replace('+1 555 010 2030', '(555) 010-2030')],
  ])('stays clean: %s', (_name, change, extra = {}) => {
    expect(checkDraft(change(GOOD), context(extra))).toEqual([]);
  });

  it('accepts a note with an accented name spelled either way', () => {
    const jose = person('jose', { name: 'José Núñez', emails: ['jose@northwind.example'] });
    const draft = {
      ...replace('Dear Ada Okafor,', 'Dear Jose Nunez,')(GOOD),
      to: [jose.emails[0] ?? ''],
    };
    expect(ids(checkDraft(draft, context({ person: jose, participant: TOPICS.ada })))).toEqual([]);
  });
});

describe('each check fires on a bad note', () => {
  const LONG =
    ' I also want to add a few more thoughts about the architecture of the platform.'.repeat(8);

  it.each<{
    name: string;
    change?: (d: DraftText) => DraftText;
    ctx?: Partial<DraftContext>;
    id: CheckId;
    severity: Finding['severity'];
    /** The text the finding points at, when it points at some. */
    at?: string;
  }>([
    {
      name: 'empty subject',
      change: (d) => ({ ...d, subject: ' ' }),
      id: 'subject-missing',
      severity: 'error',
    },
    {
      name: 'empty note',
      change: (d) => ({ ...d, body: ' \n ' }),
      id: 'body-missing',
      severity: 'error',
    },
    {
      name: 'subject without the role',
      change: (d) => ({ ...d, subject: 'Thank you - Sam Rivera' }),
      id: 'subject-role',
      severity: 'warning',
    },
    {
      name: 'subject without the full name',
      change: (d) => ({ ...d, subject: 'Thank you - Data Engineer - Sam' }),
      id: 'subject-name',
      severity: 'warning',
    },
    {
      name: 'no greeting',
      change: replace('Dear Ada Okafor,\n\n', ''),
      id: 'greeting-missing',
      severity: 'warning',
    },
    {
      name: 'greeting without a name',
      change: replace('Dear Ada Okafor,', 'Dear Hiring Team,'),
      id: 'greeting-no-name',
      severity: 'warning',
      at: 'Hiring Team',
    },
    {
      name: 'greeting with only a salutation',
      change: replace('Dear Ada Okafor,', 'Hello,'),
      id: 'greeting-no-name',
      severity: 'warning',
    },
    {
      name: 'misspelt name',
      change: replace('Dear Ada Okafor,', 'Dear Ada Okafur,'),
      id: 'greeting-wrong-name',
      severity: 'error',
      at: 'Ada Okafur',
    },
    {
      name: 'another panel member’s name',
      change: replace('Dear Ada Okafor,', 'Dear Ben Lee,'),
      id: 'greeting-wrong-name',
      severity: 'error',
      at: 'Ben Lee',
    },
    {
      name: 'first name without permission',
      change: replace('Dear Ada Okafor,', 'Hi Ada,'),
      id: 'greeting-too-familiar',
      severity: 'warning',
      at: 'Ada',
    },
    {
      name: '"Hey"',
      change: replace('Dear Ada Okafor,', 'Hey Ada Okafor,'),
      id: 'greeting-casual',
      severity: 'warning',
      at: 'Hey',
    },
    {
      name: 'no thanks',
      change: replace('Thank you for taking the time to talk with me', 'I talked with you'),
      id: 'thanks-missing',
      severity: 'warning',
    },
    {
      name: 'nothing specific to this person',
      change: replace(
        /I enjoyed our conversation[^\n]*\n\nThe care your team puts into data quality is a big part of why I want to join Northwind Analytics, and my experience with schema migrations/,
        'I enjoyed our conversation.\n\nI want to join Northwind Analytics, and my experience',
      ),
      id: 'specific-missing',
      severity: 'warning',
    },
    {
      name: 'no topics kept',
      ctx: { participant: { topics: '', notes: '' } },
      id: 'no-notes',
      severity: 'info',
    },
    {
      name: 'no reason to want the role',
      change: replace(/The care your team[^\n]*\n\n/, ''),
      id: 'fit-missing',
      severity: 'info',
    },
    {
      name: '"overqualified"',
      change: replace('I am happy', 'I know I may seem overqualified, but I am happy'),
      id: 'downplaying',
      severity: 'warning',
      at: 'overqualified',
    },
    {
      name: '"just a stepping stone"',
      change: replace(
        'from the first weeks.',
        'from the first weeks, even if it is just a stepping stone.',
      ),
      id: 'downplaying',
      severity: 'warning',
    },
    {
      name: '"even though the role is junior"',
      change: replace(
        'The care',
        'Even though this role is more junior than my last one, the care',
      ),
      id: 'downplaying',
      severity: 'warning',
    },
    {
      name: 'no question or next step at the end',
      change: replace(
        'What are the next steps from here? I am happy to send examples of my work.',
        'Have a good week.',
      ),
      id: 'call-to-action-missing',
      severity: 'warning',
    },
    {
      name: 'over 200 words',
      change: replace('a dashboard.', `a dashboard.${LONG}`),
      id: 'too-long',
      severity: 'warning',
    },
    {
      name: 'four paragraphs',
      change: replace('The care', 'We also touched on team rituals.\n\nThe care'),
      id: 'too-many-paragraphs',
      severity: 'warning',
    },
    {
      name: 'four paragraphs with Windows line endings',
      change: (d) => ({
        ...d,
        body: replace(
          'The care',
          'We also touched on team rituals.\n\nThe care',
        )(d).body.replace(/\n/g, '\r\n'),
      }),
      id: 'too-many-paragraphs',
      severity: 'warning',
    },
    {
      name: 'an emoji',
      change: replace('last year;', 'last year 🙂;'),
      id: 'emoji',
      severity: 'warning',
      at: '🙂',
    },
    {
      name: 'a joined emoji',
      change: replace('last year;', 'last year 👩‍💻;'),
      id: 'emoji',
      severity: 'warning',
      at: '👩‍💻',
    },
    {
      name: 'an emoticon',
      change: replace('from here?', 'from here? :)'),
      id: 'emoji',
      severity: 'warning',
      at: ':)',
    },
    {
      name: '"thx"',
      change: replace('Thank you for', 'Thx for'),
      id: 'text-speak',
      severity: 'warning',
      at: 'Thx',
    },
    {
      name: '"u"',
      change: replace('with me on Tuesday', 'with me on Tuesday, u made it easy'),
      id: 'text-speak',
      severity: 'warning',
      at: 'u',
    },
    {
      name: '"gonna"',
      change: replace('I am happy to send', 'I am gonna send'),
      id: 'text-speak',
      severity: 'warning',
      at: 'gonna',
    },
    {
      name: 'stacked exclamation marks',
      change: replace('from here?', 'from here!!'),
      id: 'exclamation',
      severity: 'warning',
      at: '!!',
    },
    {
      name: 'two exclamation marks in the note',
      change: replace('from here?', 'from here! I am excited!'),
      id: 'exclamation',
      severity: 'warning',
      at: '!',
    },
    {
      name: 'signature without the name',
      change: replace('\nSam Rivera\n', '\nSam\n'),
      id: 'signature-name',
      severity: 'warning',
    },
    {
      name: 'signature without the phone',
      change: replace('+1 555 010 2030\n', ''),
      id: 'signature-phone',
      severity: 'warning',
    },
    {
      name: 'signature without the email',
      change: replace('\nsam.rivera@example.com', ''),
      id: 'signature-email',
      severity: 'warning',
    },
    {
      name: 'profile without a phone',
      ctx: { profile: { ...PROFILE, phone: '' } },
      id: 'signature-phone',
      severity: 'warning',
    },
    {
      name: 'an unfilled [[placeholder]]',
      change: replace('on Tuesday', 'on [[interviewDay]]'),
      id: 'placeholder',
      severity: 'error',
      at: '[[interviewDay]]',
    },
    {
      name: 'a raw {{placeholder}}',
      change: replace('on Tuesday', 'on {{ interviewDay }}'),
      id: 'placeholder',
      severity: 'error',
      at: '{{ interviewDay }}',
    },
    {
      name: 'a placeholder in the subject',
      change: (d) => ({ ...d, subject: `${d.subject} [[x]]` }),
      id: 'placeholder',
      severity: 'error',
      at: '[[x]]',
    },
    {
      name: 'another application’s company',
      change: replace('join Northwind Analytics', 'join Globex'),
      id: 'other-company',
      severity: 'error',
      at: 'Globex',
    },
    {
      name: 'another company in the subject',
      change: (d) => ({ ...d, subject: `${d.subject} - Initech` }),
      id: 'other-company',
      severity: 'error',
      at: 'Initech',
    },
    {
      name: 'another application’s person',
      change: replace('reminded me of', 'reminded me, as Hank  Scorpio said, of'),
      id: 'other-person',
      severity: 'error',
      at: 'Hank  Scorpio',
    },
    {
      name: 'a recipient who asked not to be contacted',
      ctx: { person: { ...ADA, doNotContact: true } },
      id: 'do-not-contact',
      severity: 'error',
    },
    {
      name: 'another addressee who asked not to be contacted',
      change: (d) => ({ ...d, to: [...d.to, 'chloe@northwind.example'] }),
      ctx: { people: [ADA, BEN, { ...CHLOE, doNotContact: true }] },
      id: 'do-not-contact',
      severity: 'error',
    },
    {
      name: 'no recipient',
      change: (d) => ({ ...d, to: [] }),
      id: 'recipient-missing',
      severity: 'error',
    },
    {
      name: 'addressed to someone else',
      change: (d) => ({ ...d, to: ['ben.lee@northwind.example'] }),
      id: 'recipient-mismatch',
      severity: 'warning',
    },
    {
      name: 'addressed to an unknown address',
      change: (d) => ({ ...d, to: ['someone@else.example'] }),
      id: 'recipient-mismatch',
      severity: 'warning',
    },
    {
      name: 'a group note',
      change: (d) => ({ ...d, to: [...d.to, 'ben.lee@northwind.example'] }),
      id: 'group-note',
      severity: 'warning',
    },
  ])('$name → $id', ({ change, ctx, id, severity, at }) => {
    const draft = change === undefined ? GOOD : change(GOOD);
    const findings = checkDraft(draft, context(ctx));
    const finding = findings.find((f) => f.id === id);
    expect(finding, JSON.stringify(findings, null, 1)).toBeDefined();
    if (finding === undefined) return;
    expect(finding.severity).toBe(severity);
    expect(finding.message.length).toBeGreaterThan(10);
    if (at !== undefined) {
      expect(finding.range).not.toBeNull();
      const text = finding.field === 'subject' ? draft.subject : draft.body;
      expect(text.slice(finding.range?.start, finding.range?.end)).toBe(at);
    }
    // Each bad note breaks one rule; the other checks stay quiet (a few come in pairs).
    const companions: Partial<Record<CheckId, CheckId[]>> = {
      'too-long': ['too-many-paragraphs'],
      'do-not-contact': ['group-note'],
      'text-speak': ['thanks-missing'],
    };
    expect(findings.filter((f) => f.id !== id && !(companions[id] ?? []).includes(f.id))).toEqual(
      [],
    );
  });

  it('flags the greeting even when the note has no recipient person', () => {
    const draft = replace('Dear Ada Okafor,\n\n', '')(GOOD);
    expect(ids(checkDraft(draft, context({ person: null, participant: null })))).toContain(
      'greeting-missing',
    );
  });

  it('sorts errors first, then by field and position', () => {
    const draft: DraftText = {
      subject: 'Thanks',
      body: GOOD.body
        .replace('Dear Ada Okafor,', 'Dear Ben Lee,')
        .replace('on Tuesday', 'on [[interviewDay]]'),
      to: [],
    };
    const found = checkDraft(draft, context());
    expect(found.map((f) => `${f.severity}:${f.field}:${f.id}`)).toEqual([
      'error:to:recipient-missing',
      'error:body:greeting-wrong-name',
      'error:body:placeholder',
      'warning:subject:subject-role',
      'warning:subject:subject-name',
    ]);
  });
});

describe('which checks apply to which note', () => {
  const filled = (template: BuiltInTemplateId, ctx: Partial<TemplateContext> = {}): DraftText => {
    const found = builtInTemplate(template);
    if (found === null) throw new Error(template);
    const note = fillTemplate(found, {
      application: application({ company: 'Northwind Analytics', roleTitle: 'Data Engineer' }),
      interview: interview({ kind: 'panel', decisionBy: '2025-03-14' }),
      person: ADA,
      participant: { ...participant('ada'), ...TOPICS.ada },
      profile: PROFILE,
      values: {
        specificPoint: 'Your question about testing pipelines stayed with me.',
        missedQuestion: 'late-arriving events',
        betterAnswer: 'I would buffer them by event time and reprocess the window.',
        offerDeadline: 'March 21',
        replyBy: 'March 19',
      },
      ...ctx,
    });
    return { subject: note.subject, body: note.body, to: ['ada.okafor@northwind.example'] };
  };

  it.each<[BuiltInTemplateId, DraftContext['kind']]>([
    ['after-phone-screen', 'thank-you'],
    ['after-video-call', 'thank-you'],
    ['after-onsite', 'thank-you'],
    ['after-assessment', 'thank-you'],
    ['after-bad-interview', 'thank-you'],
    ['after-interview', 'thank-you'],
    ['check-in-after-decision-date', 'check-in'],
    ['check-in-other-offer', 'check-in'],
    ['ask-for-time', 'reply'],
    ['accept-offer', 'reply'],
    ['decline-offer', 'reply'],
    ['after-rejection', 'reply'],
    ['after-rejection-feedback', 'reply'],
    ['thank-coordinator', 'arranger-thanks'],
    ['connection-request', 'connection'],
  ])('a note filled from %s passes the %s checks', (template, kind) => {
    expect(checkDraft(filled(template), context({ kind }))).toEqual([]);
  });

  it('keeps the unfilled gaps of a template as errors', () => {
    const draft = filled('after-onsite', { values: {} });
    expect(ids(checkDraft(draft, context()))).toEqual(['placeholder']);
  });

  it('limits a connection request to 300 characters', () => {
    const body = `Hi Ada, ${'we talked about streaming ingestion and I would like to connect. '.repeat(5)}`;
    const found = checkDraft(
      { subject: '', body, to: [] },
      context({ kind: 'connection', person: { ...ADA, firstNameOk: true } }),
    );
    expect(ids(found)).toEqual(['too-long']);
  });
});

describe('near-duplicate notes to one panel', () => {
  // Similarity is the Jaccard index of word 3-grams, greeting, signature and names removed.
  // Measured below, for notes filled from one template:
  //   a panel of three with a sentence of their own each (~25 words):   0.53 to 0.54
  //   a short sentence of their own each (~8 words), every template:    0.66 to 0.69
  //   topic words swapped but the specific sentence copied:             0.82 to 0.86
  //   the same note with only the name changed:                         1.00
  // NEAR_DUPLICATE_THRESHOLD = 0.75 lies between the personalised (at most 0.69) and the
  // copied (at least 0.82) notes, with about the same room on each side.
  const SPECIFIC = {
    ada: 'Your question about how I test pipelines made me think about the contract tests that caught schema drift in my last project.',
    ben: 'I liked hearing how your group turns incidents into written reviews; I have run blameless postmortems and found them the best teacher.',
    chloe:
      'Explaining metrics to people outside engineering is something I enjoy, and your plans for self-service dashboards sound like a good place to do it.',
  };
  const panel = { ada: ADA, ben: BEN, chloe: CHLOE };
  type Member = keyof typeof panel;

  function note(
    member: Member,
    specificFrom: Member = member,
    topicsFrom: Member = member,
  ): string {
    const found = builtInTemplate('after-onsite');
    if (found === null) throw new Error('after-onsite');
    return fillTemplate(found, {
      application: application({ company: 'Northwind Analytics', roleTitle: 'Data Engineer' }),
      interview: interview({ kind: 'panel' }),
      person: panel[member],
      participant: { ...participant(member), ...TOPICS[topicsFrom] },
      profile: PROFILE,
      values: { specificPoint: SPECIFIC[specificFrom] },
    }).body;
  }

  const names = [ADA.name, BEN.name, CHLOE.name];
  const similarity = (a: string, b: string): number =>
    Math.round(noteSimilarity(a, b, names, PROFILE) * 100) / 100;

  it.each<[string, string, string, number]>([
    ['Ada and Ben, personalised', note('ada'), note('ben'), 0.54],
    ['Ada and Chloe, personalised', note('ada'), note('chloe'), 0.53],
    ['Ben and Chloe, personalised', note('ben'), note('chloe'), 0.53],
    ['Ada’s note with Ben’s name', note('ada'), note('ben', 'ada', 'ada'), 1],
    ['Ada’s sentence, Ben’s topics', note('ada'), note('ben', 'ada', 'ben'), 0.86],
  ])('%s: similarity %d', (_name, a, b, expected) => {
    expect(similarity(a, b)).toBeCloseTo(expected, 2);
  });

  it('is 1 for the same text and 0 for unrelated text', () => {
    expect(noteSimilarity(GOOD_BODY, GOOD_BODY, names, PROFILE)).toBe(1);
    expect(noteSimilarity(GOOD_BODY, 'Dear Ada Okafor,\n\nSee you.', names, PROFILE)).toBe(0);
  });

  it('lets a personalised panel of three pass', () => {
    for (const member of ['ada', 'ben', 'chloe'] as const) {
      const others = (['ada', 'ben', 'chloe'] as const).filter((m) => m !== member);
      const draft = {
        subject: 'Thank you - Data Engineer interview - Sam Rivera',
        body: note(member),
        to: panel[member].emails,
      };
      const found = checkDraft(
        draft,
        context({
          person: panel[member],
          participant: TOPICS[member],
          siblings: others.map((m) => ({ personName: panel[m].name, body: note(m) })),
        }),
      );
      expect(found).toEqual([]);
    }
  });

  it.each<[string, Member, Member]>([
    ['name swapped', 'ada', 'ada'],
    ['topics swapped, sentence copied', 'ada', 'ben'],
  ])('flags a copy: %s', (_name, specificFrom, topicsFrom) => {
    const body = note('ben', specificFrom, topicsFrom);
    const found = checkDraft(
      { subject: 'Thank you - Data Engineer interview - Sam Rivera', body, to: BEN.emails },
      context({
        person: BEN,
        participant: { topics: '', notes: '' },
        siblings: [
          { personName: ADA.name, body: note('ada') },
          { personName: CHLOE.name, body: note('chloe') },
        ],
      }),
    );
    const duplicates = found.filter((f) => f.id === 'near-duplicate');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.message).toContain('Ada Okafor');
    expect(NEAR_DUPLICATE_THRESHOLD).toBe(0.75);
  });

  const shortNote = (
    template: BuiltInTemplateId,
    who: Person,
    topics: string,
    sentence: string,
  ) => {
    const found = builtInTemplate(template);
    if (found === null) throw new Error(template);
    return fillTemplate(found, {
      application: application({ company: 'Northwind Analytics', roleTitle: 'Data Engineer' }),
      interview: interview({ kind: 'panel' }),
      person: who,
      participant: { ...participant(who.id), topics, notes: '' },
      profile: PROFILE,
      values: { specificPoint: sentence },
    }).body;
  };
  const ADA_SENTENCE = 'Your question on testing pipelines stayed with me.';
  const BEN_SENTENCE = 'I liked how your group writes up incidents.';

  it.each<[BuiltInTemplateId, number, number]>([
    ['after-onsite', 0.69, 0.84],
    ['after-phone-screen', 0.69, 0.84],
    ['after-video-call', 0.66, 0.82],
    ['after-assessment', 0.66, 0.84],
    ['after-interview', 0.67, 0.83],
  ])(
    '%s: a short sentence of their own passes (%d), a copied sentence fails (%d)',
    (template, personal, copied) => {
      const ada = shortNote(template, ADA, TOPICS.ada.topics, ADA_SENTENCE);
      const ben = shortNote(template, BEN, TOPICS.ben.topics, BEN_SENTENCE);
      const benCopy = shortNote(template, BEN, TOPICS.ben.topics, ADA_SENTENCE);
      expect(similarity(ada, ben)).toBeCloseTo(personal, 2);
      expect(similarity(ada, benCopy)).toBeCloseTo(copied, 2);
      expect(personal).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
      expect(copied).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    },
  );

  it('stays fast enough on a 300-word draft with five siblings', () => {
    const long = `${GOOD_BODY.slice(0, GOOD_BODY.indexOf('Best'))}${'More words about pipelines and tests. '.repeat(40)}\n\n${SIGNATURE}`;
    const siblings = Array.from({ length: 5 }, (_, i) => ({
      personName: `Person ${i}`,
      body: long,
    }));
    const found = checkDraft({ ...GOOD, body: long }, context({ siblings }));
    expect(found.filter((f) => f.id === 'near-duplicate')).toHaveLength(5);
  });
});

describe('recipients', () => {
  it('matches addresses however they are written', () => {
    const found = checkDraft({ ...GOOD, to: ['  <ADA.OKAFOR@Northwind.Example> '] }, context());
    expect(found).toEqual([]);
  });

  it('flags a do-not-contact person once even when named twice', () => {
    const blocked: Person = { ...ADA, doNotContact: true };
    const found = checkDraft(GOOD, context({ person: blocked, people: [blocked] }));
    expect(ids(found)).toEqual(['do-not-contact']);
    expect(found[0]?.field).toBe('to');
  });
});

describe('an answer in their thread', () => {
  it('keeps their subject: no hint to name the role or the sender in a "Re:" subject of a reply', () => {
    const draft = { ...GOOD, subject: 'Re: Final round next week' };
    const reply = ids(checkDraft(draft, context({ kind: 'reply' })));
    expect(reply).not.toContain('subject-role');
    expect(reply).not.toContain('subject-name');
    // A new note still names both.
    expect(ids(checkDraft(draft, context({ kind: 'thank-you' })))).toEqual(
      expect.arrayContaining(['subject-role', 'subject-name']),
    );
  });
});
