import { describe, expect, it } from 'vitest';
import type {
  ApplicationStatus,
  InterviewKind,
  ObligationKind,
  Profile,
  ReplyClass,
} from '../../../src/shared/model';
import type {
  BuiltInTemplateId,
  SuggestContext,
  TemplateContext,
} from '../../../src/main/domain/templates';
import {
  BUILT_IN_TEMPLATES,
  PLACEHOLDERS,
  builtInTemplate,
  fillTemplate,
  greetingFor,
  replySubject,
  suggestTemplate,
  topicsAsText,
} from '../../../src/main/domain/templates';
import { application, interview, participant, person } from './factory';

const PROFILE: Profile = {
  fullName: 'Sam Rivera',
  phone: '+1 555 010 2030',
  email: 'sam.rivera@example.com',
};

/** Everything every template can use, including the sentences only the user can write. */
function fullContext(): TemplateContext {
  return {
    application: application({ company: 'Northwind Analytics', roleTitle: 'Data Engineer' }),
    interview: interview({
      kind: 'panel',
      start: '2025-03-04T10:00',
      end: '2025-03-04T12:00',
      decisionBy: '2025-03-14',
    }),
    person: person('ada', { name: 'Ada Okafor' }),
    participant: {
      ...participant('ada'),
      topics: 'streaming ingestion, schema migrations',
      notes: 'Cares about data quality.',
    },
    profile: PROFILE,
    values: {
      specificPoint: 'Your question about testing pipelines stayed with me.',
      missedQuestion: 'handling late-arriving events',
      betterAnswer: 'I would buffer them by event time and reprocess the affected window.',
      offerDeadline: 'Friday, March 21',
      replyBy: 'Wednesday, March 19',
      forwardTo: 'Ben Lee',
      forwardedNote: 'Dear Ben Lee, thank you for the conversation about on-call.',
    },
  };
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

describe('built-in templates', () => {
  it('cover every situation in the rules, each once', () => {
    const ids = BUILT_IN_TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'after-phone-screen',
        'after-video-call',
        'after-onsite',
        'after-assessment',
        'after-bad-interview',
        'check-in-after-decision-date',
        'check-in-no-date',
        'check-in-other-offer',
        'confirm-time',
        'ask-for-time',
        'accept-offer',
        'decline-offer',
        'after-rejection',
        'after-rejection-feedback',
        'thank-coordinator',
        'thank-coordinator-forward',
        'connection-request',
      ]),
    );
  });

  it.each(BUILT_IN_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s is plain data, short, and names role and sender in the subject',
    (_id, template) => {
      expect(template.builtIn).toBe(true);
      expect(template.name).not.toBe('');
      expect(template.situation).not.toBe('');
      expect(template.subject).toContain('{{role}}');
      expect(template.subject).toContain('{{senderName}}');
      expect(template.body.startsWith('{{greeting}},')).toBe(true);
      expect(words(template.body)).toBeLessThan(150);
      expect(JSON.parse(JSON.stringify(template))).toEqual(template);
      for (const [, name] of template.body.matchAll(/\{\{(\w+)\}\}/g)) {
        expect(PLACEHOLDERS).toContain(name);
      }
    },
  );

  it.each(BUILT_IN_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s fills completely with full data',
    (_id, template) => {
      const filled = fillTemplate(template, fullContext());
      expect(filled.unfilled).toEqual([]);
      expect(filled.subject + filled.body).not.toMatch(/\[\[|\]\]|\{\{|\}\}/);
      expect(filled.subject).toContain('Data Engineer');
      expect(filled.subject).toContain('Sam Rivera');
      expect(filled.body.startsWith('Dear Ada Okafor,\n\n')).toBe(true);
    },
  );

  it('fills the on-site template as a reader would expect', () => {
    const filled = fillTemplate(
      builtInTemplate('after-onsite') ?? BUILT_IN_TEMPLATES[0],
      fullContext(),
    );
    expect(filled.subject).toBe('Thank you - Data Engineer interview - Sam Rivera');
    expect(filled.body).toContain(
      'during my panel interview at Northwind Analytics on Tuesday, March 4.',
    );
    expect(filled.body).toContain('our discussion of streaming ingestion and schema migrations.');
    expect(
      filled.body.endsWith('Best regards,\nSam Rivera\n+1 555 010 2030\nsam.rivera@example.com'),
    ).toBe(true);
  });
});

describe('fillTemplate with partial data', () => {
  it.each<{
    name: string;
    template: BuiltInTemplateId;
    change: (c: TemplateContext) => TemplateContext;
    unfilled: string[];
  }>([
    {
      name: 'no specific point written yet',
      template: 'after-phone-screen',
      change: (c) => ({ ...c, values: {} }),
      unfilled: ['specificPoint'],
    },
    {
      name: 'no topics kept for the person',
      template: 'after-video-call',
      change: (c) => ({ ...c, participant: c.participant && { ...c.participant, topics: ' ' } }),
      unfilled: [],
    },
    {
      name: 'no interview on record',
      template: 'after-onsite',
      change: (c) => ({ ...c, interview: null }),
      unfilled: [],
    },
    {
      name: 'no recipient',
      template: 'accept-offer',
      change: (c) => ({ ...c, person: null }),
      unfilled: ['greeting'],
    },
    {
      name: 'profile without phone and email',
      template: 'decline-offer',
      change: (c) => ({ ...c, profile: { ...PROFILE, phone: '', email: ' ' } }),
      unfilled: [],
    },
    {
      name: 'profile without a name: subject and signature',
      template: 'after-rejection',
      change: (c) => ({ ...c, profile: { ...PROFILE, fullName: '' } }),
      unfilled: [],
    },
    {
      name: 'no stated decision date',
      template: 'check-in-after-decision-date',
      change: (c) => ({ ...c, interview: c.interview && { ...c.interview, decisionBy: null } }),
      unfilled: [],
    },
    {
      name: 'went badly, nothing written yet',
      template: 'after-bad-interview',
      change: (c) => ({ ...c, values: {} }),
      unfilled: ['missedQuestion', 'betterAnswer'],
    },
    {
      name: 'coordinator, forwarding details missing',
      template: 'thank-coordinator-forward',
      change: (c) => ({ ...c, values: { forwardTo: 'Ben Lee' } }),
      unfilled: ['forwardedNote'],
    },
    {
      name: 'other offer without its deadline',
      template: 'check-in-other-offer',
      change: (c) => ({ ...c, values: { offerDeadline: '' } }),
      unfilled: ['offerDeadline'],
    },
    {
      name: 'asking for time without a date',
      template: 'ask-for-time',
      change: (c) => ({ ...c, values: undefined }),
      unfilled: ['replyBy'],
    },
    {
      name: 'empty role and company',
      template: 'after-rejection-feedback',
      change: (c) => ({
        ...c,
        application: { ...c.application, roleTitle: '', company: '' },
      }),
      unfilled: ['role', 'company'],
    },
  ])('$name → $unfilled', ({ template, change, unfilled }) => {
    const found = builtInTemplate(template);
    if (found === null) throw new Error(`no template ${template}`);
    const filled = fillTemplate(found, change(fullContext()));
    expect(filled.unfilled).toEqual(unfilled);
    for (const name of unfilled) expect(filled.subject + filled.body).toContain(`[[${name}]]`);
    const markers = [...(filled.subject + filled.body).matchAll(/\[\[(\w+)\]\]/g)].map((m) => m[1]);
    expect(new Set(markers)).toEqual(new Set(unfilled));
  });

  it('signs with the parts of the profile there are, and marks the name when there is none', () => {
    const filled = fillTemplate(
      { subject: '{{role}}', body: '{{signature}}' },
      { ...fullContext(), profile: { fullName: 'Sam Rivera', phone: '', email: 's@example.com' } },
    );
    expect(filled.body).toBe('Sam Rivera\ns@example.com');
    const empty = fillTemplate(
      { subject: '', body: '{{signature}}' },
      { ...fullContext(), profile: { fullName: '', phone: '', email: '' } },
    );
    expect(empty).toEqual({ subject: '', body: '[[senderName]]', unfilled: ['senderName'] });
  });

  it('keeps a section only when its fact is known, and its opposite only when it is not', () => {
    const template = {
      subject: '',
      body: 'Hello{{#decisionDate}}, decided by {{decisionDate}}{{/decisionDate}}{{^decisionDate}}, no date{{/decisionDate}}.',
    };
    expect(fillTemplate(template, fullContext()).body).toBe('Hello, decided by Friday, March 14.');
    const noDate = fullContext();
    noDate.interview = noDate.interview && { ...noDate.interview, decisionBy: null };
    expect(fillTemplate(template, noDate)).toEqual({
      subject: '',
      body: 'Hello, no date.',
      unfilled: [],
    });
  });

  it('marks placeholders it does not know, as in a user template with a typo', () => {
    const filled = fillTemplate(
      { subject: 'Thanks - {{ rol }} - {{senderName}}', body: '{{greeting}}, about {{topic}}.' },
      fullContext(),
    );
    expect(filled.subject).toBe('Thanks - [[rol]] - Sam Rivera');
    expect(filled.body).toBe('Dear Ada Okafor, about [[topic]].');
    expect(filled.unfilled).toEqual(['rol', 'topic']);
  });

  it('lets values override the records, but not with blanks', () => {
    const context = { ...fullContext(), values: { role: 'Senior Data Engineer', company: '  ' } };
    const filled = fillTemplate({ subject: '{{role}}', body: '{{company}}' }, context);
    expect(filled).toEqual({
      subject: 'Senior Data Engineer',
      body: 'Northwind Analytics',
      unfilled: [],
    });
  });

  it('does not expand placeholders inside values', () => {
    const context = { ...fullContext(), values: { specificPoint: 'I liked {{company}}.' } };
    expect(fillTemplate({ subject: '', body: '{{specificPoint}}' }, context).body).toBe(
      'I liked {{company}}.',
    );
  });

  it('names the interview day in the zone the interview was held in', () => {
    const late = interview({
      start: '2025-03-04T23:30',
      end: '2025-03-05T00:30',
      timeZone: 'America/Los_Angeles',
    });
    const filled = fillTemplate(
      { subject: '', body: '{{interviewDay}} / {{decisionDate}}' },
      { ...fullContext(), interview: { ...late, decisionBy: '2025-03-14' } },
    );
    expect(filled.body).toBe('Tuesday, March 4 / Friday, March 14');
  });
});

describe('greetings', () => {
  it.each([
    { name: 'Ada Okafor', firstNameOk: false, greeting: 'Dear Ada Okafor' },
    { name: 'Ada Okafor', firstNameOk: true, greeting: 'Hi Ada' },
    { name: '  Ada   Okafor ', firstNameOk: false, greeting: 'Dear Ada Okafor' },
    { name: 'Dr. Ada Okafor', firstNameOk: false, greeting: 'Dear Dr. Ada Okafor' },
    { name: 'Dr. Ada Okafor', firstNameOk: true, greeting: 'Hi Ada' },
    { name: 'Mary-Jane de la Cruz', firstNameOk: true, greeting: 'Hi Mary-Jane' },
    { name: 'Prince', firstNameOk: false, greeting: 'Dear Prince' },
    { name: '   ', firstNameOk: true, greeting: null },
  ])('$name, first names fine: $firstNameOk → $greeting', ({ name, firstNameOk, greeting }) => {
    expect(greetingFor({ name, firstNameOk })).toBe(greeting);
  });

  it('uses the greeting of the person in filled notes', () => {
    const context = fullContext();
    const informal = { ...context, person: person('ben', { name: 'Ben Lee', firstNameOk: true }) };
    expect(fillTemplate({ subject: '', body: '{{greeting}},' }, informal).body).toBe('Hi Ben,');
  });
});

describe('topics as text', () => {
  it.each([
    ['', null],
    ['schema migrations', 'schema migrations'],
    ['streaming, schema migrations', 'streaming and schema migrations'],
    ['a; b\nc,', 'a, b and c'],
  ])('%j → %j', (topics, text) => {
    expect(topicsAsText(topics)).toBe(text);
  });
});

describe('suggestTemplate', () => {
  const context = (
    kind: InterviewKind | null,
    extra: Partial<SuggestContext> & {
      outcome?: 'bad' | 'good';
      status?: 'rejected' | 'offer';
    } = {},
  ): SuggestContext => ({
    application: { status: extra.status ?? 'interviewing' },
    interview: kind === null ? null : { kind, outcome: extra.outcome ?? 'good' },
    holdingOtherOffer: extra.holdingOtherOffer,
    needsForwarding: extra.needsForwarding,
  });

  it.each<[string, ObligationKind, SuggestContext, BuiltInTemplateId | null]>([
    ['thank-you after a phone screen', 'thank-you', context('phone'), 'after-phone-screen'],
    ['thank-you after a video call', 'thank-you', context('video'), 'after-video-call'],
    ['thank-you after on-site', 'thank-you', context('onsite'), 'after-onsite'],
    ['thank-you after a panel', 'thank-you', context('panel'), 'after-onsite'],
    ['thank-you after an assessment', 'thank-you', context('assessment'), 'after-assessment'],
    ['thank-you after another kind', 'thank-you', context('other'), 'after-interview'],
    ['thank-you without an interview', 'thank-you', context(null), 'after-interview'],
    [
      'thank-you when it went badly',
      'thank-you',
      context('phone', { outcome: 'bad' }),
      'after-bad-interview',
    ],
    ['arranger', 'arranger-thanks', context('onsite'), 'thank-coordinator'],
    [
      'arranger, with a note to forward',
      'arranger-thanks',
      context('onsite', { needsForwarding: true }),
      'thank-coordinator-forward',
    ],
    ['get the address', 'get-address', context('panel'), 'thank-coordinator-forward'],
    ['check-in', 'check-in', context('video'), 'check-in-after-decision-date'],
    [
      'check-in with another offer',
      'check-in',
      context('video', { holdingOtherOffer: true }),
      'check-in-other-offer',
    ],
    ['respond promptly', 'respond-promptly', context('video'), null],
    [
      'respond promptly to an offer',
      'respond-promptly',
      context('video', { status: 'offer' }),
      'ask-for-time',
    ],
    [
      'check-in without a stated decision date',
      'check-in',
      { ...context('video'), interview: { kind: 'video', outcome: 'good', decisionBy: null } },
      'check-in-no-date',
    ],
    [
      'check-in with a stated decision date',
      'check-in',
      {
        ...context('video'),
        interview: { kind: 'video', outcome: 'good', decisionBy: '2025-03-14' },
      },
      'check-in-after-decision-date',
    ],
    [
      'check-in for an application without an interview',
      'check-in',
      context(null),
      'check-in-no-date',
    ],
    [
      'respond promptly to a rejection',
      'respond-promptly',
      context('video', { status: 'rejected' }),
      'after-rejection',
    ],
    [
      'thank-you after a rejection',
      'thank-you',
      context('onsite', { status: 'rejected' }),
      'after-rejection',
    ],
    ['the note offered after a rejection', 'after-rejection', context('video'), 'after-rejection'],
    [
      'get the address after a rejection',
      'get-address',
      context('onsite', { status: 'rejected' }),
      null,
    ],
  ])('%s', (_name, kind, ctx, expected) => {
    const id = suggestTemplate({ kind }, ctx);
    expect(id).toBe(expected);
    if (id !== null) expect(builtInTemplate(id)).not.toBeNull();
  });
});

describe('suggestTemplate for an answer to a reply', () => {
  const base: SuggestContext = {
    application: { status: 'interviewing' },
    interview: { kind: 'video', outcome: 'good' },
  };
  it.each<[ReplyClass | null, ApplicationStatus, BuiltInTemplateId | null]>([
    ['scheduling', 'interviewing', 'confirm-time'],
    ['rejection', 'interviewing', 'after-rejection'],
    ['rejection', 'rejected', 'after-rejection'],
    ['offer', 'interviewing', 'ask-for-time'],
    ['offer', 'offer', 'ask-for-time'],
    ['acknowledgement', 'interviewing', null],
    ['other', 'interviewing', null],
    // Read as scheduling even though the application was marked rejected before: the reply wins.
    ['scheduling', 'rejected', 'confirm-time'],
    [null, 'interviewing', null],
    [null, 'rejected', 'after-rejection'],
  ])('a reply read as %s (application %s) → %s', (replyClass, status, expected) => {
    const id = suggestTemplate(
      { kind: 'respond-promptly', reply: { replyClass } },
      { ...base, application: { status } },
    );
    expect(id).toBe(expected);
  });
});

describe('replySubject', () => {
  it.each([
    ['Next steps', 'Re: Next steps'],
    ['Re: Next steps', 'Re: Next steps'],
    ['RE: re:Next steps', 'Re: Next steps'],
    ['AW: Ihr Termin', 'Re: Ihr Termin'],
    ['Fwd: Offer letter', 'Re: Fwd: Offer letter'],
  ])('%j → %j', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });

  it.each(
    BUILT_IN_TEMPLATES.filter((t) => t.subject.includes('replySubject')).map(
      (t) => [t.id, t] as const,
    ),
  )('%s answers in the thread when there is a message to answer', (_id, template) => {
    const context = {
      ...fullContext(),
      values: { ...fullContext().values, replySubject: 'Re: Your interview' },
    };
    expect(fillTemplate(template, context).subject).toBe('Re: Your interview');
    expect(fillTemplate(template, fullContext()).subject).toContain('Data Engineer');
  });
});

/**
 * The facts the records can lack in ordinary use, one at a time and all together. A template
 * may leave for the user only what the user alone can write; never a fact the app knows it
 * does not have.
 */
const USER_WRITTEN = new Set([
  'specificPoint',
  'missedQuestion',
  'betterAnswer',
  'offerDeadline',
  'replyBy',
  'forwardTo',
  'forwardedNote',
]);
const MISSING_FACTS: [string, (c: TemplateContext) => TemplateContext][] = [
  ['no interview on record', (c) => ({ ...c, interview: null, participant: null })],
  [
    'no decision date stated',
    (c) => ({ ...c, interview: c.interview && { ...c.interview, decisionBy: null } }),
  ],
  [
    'no topics kept',
    (c) => ({ ...c, participant: c.participant && { ...c.participant, topics: '' } }),
  ],
  ['no participant row', (c) => ({ ...c, participant: null })],
  ['no phone in the profile', (c) => ({ ...c, profile: { ...c.profile, phone: '' } })],
  ['no email in the profile', (c) => ({ ...c, profile: { ...c.profile, email: '' } })],
  ['no name in the profile', (c) => ({ ...c, profile: { ...c.profile, fullName: '' } })],
  ['no message being answered', (c) => ({ ...c, values: { ...c.values, replySubject: '' } })],
  [
    'everything missing at once',
    (c) => ({
      ...c,
      interview: null,
      participant: null,
      profile: { fullName: '', phone: '', email: '' },
      values: {},
    }),
  ],
];

describe('no template asks for a fact the app knows is missing', () => {
  const cases = BUILT_IN_TEMPLATES.flatMap((template) =>
    MISSING_FACTS.map(([name, change]) => [template.id, name, template, change] as const),
  );
  it.each(cases)('%s, %s', (_id, _name, template, change) => {
    const filled = fillTemplate(template, change(fullContext()));
    const asked = filled.unfilled.filter((name) => !USER_WRITTEN.has(name));
    // With nothing at all in the profile the signature says so; that is the one fact the
    // user must add before any note can be signed.
    expect(
      asked.filter((name) => name !== 'senderName' || _name !== 'everything missing at once'),
    ).toEqual([]);
    expect(filled.subject + filled.body).not.toMatch(/\{\{|\}\}|\[\[(?!\w+\]\])/);
    expect(filled.body).not.toMatch(/ {2}|\( *\)| [,.]/);
  });

  it('the check-in without a stated date does not mention a decision date', () => {
    const context = fullContext();
    context.interview = context.interview && { ...context.interview, decisionBy: null };
    for (const id of ['check-in-after-decision-date', 'check-in-no-date']) {
      const filled = fillTemplate(builtInTemplate(id) ?? BUILT_IN_TEMPLATES[0], context);
      expect(filled.body).not.toMatch(/decision .*expected by|\[\[decisionDate\]\]/);
      expect(filled.unfilled).toEqual([]);
    }
    const dated = fillTemplate(
      builtInTemplate('check-in-after-decision-date') ?? BUILT_IN_TEMPLATES[0],
      fullContext(),
    );
    expect(dated.body).toContain('expected by Friday, March 14');
  });
});
