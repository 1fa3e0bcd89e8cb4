import { describe, expect, it } from 'vitest';
import type { InterviewKind, ObligationKind, Profile } from '../../../src/shared/model';
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
        'check-in-other-offer',
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
      unfilled: ['topics'],
    },
    {
      name: 'no interview on record',
      template: 'after-onsite',
      change: (c) => ({ ...c, interview: null }),
      unfilled: ['interviewKind', 'interviewDay'],
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
      unfilled: ['senderPhone', 'senderEmail'],
    },
    {
      name: 'profile without a name: subject and signature',
      template: 'after-rejection',
      change: (c) => ({ ...c, profile: { ...PROFILE, fullName: '' } }),
      unfilled: ['senderName'],
    },
    {
      name: 'no stated decision date',
      template: 'check-in-after-decision-date',
      change: (c) => ({ ...c, interview: c.interview && { ...c.interview, decisionBy: null } }),
      unfilled: ['decisionDate'],
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

  it('keeps a signature line for each missing part', () => {
    const filled = fillTemplate(
      { subject: '{{role}}', body: '{{signature}}' },
      { ...fullContext(), profile: { fullName: 'Sam Rivera', phone: '', email: 's@example.com' } },
    );
    expect(filled.body).toBe('Sam Rivera\n[[senderPhone]]\ns@example.com');
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
      null,
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
