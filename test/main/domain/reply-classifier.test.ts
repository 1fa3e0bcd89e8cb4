import { describe, expect, it } from 'vitest';
import {
  classifyReply,
  MAX_SENTENCE_CHARS,
  UNSURE_BELOW,
} from '../../../src/main/domain/reply-classifier';
import type { ReplyClass } from '../../../src/shared/model';
import { figuresPerClass, loadReplyCorpus } from '../../support/reply-corpus';

describe('classifyReply: the traps', () => {
  it.each<[string, string, ReplyClass, string]>([
    [
      'plain acknowledgement',
      "Thanks for your note, we'll be in touch.",
      'acknowledgement',
      "Thanks for your note, we'll be in touch.",
    ],
    [
      'negated forward is a rejection',
      'We will not be moving forward with your application.',
      'rejection',
      'We will not be moving forward with your application.',
    ],
    [
      'forward with your application is a next step',
      'We are moving forward with your application and would like to schedule a call.',
      'scheduling',
      'We are moving forward with your application and would like to schedule a call.',
    ],
    [
      'a rejection that thanks',
      'Thank you so much for your note. Unfortunately we have decided to move forward with other candidates.',
      'rejection',
      'Unfortunately we have decided to move forward with other candidates.',
    ],
    [
      'vague next steps stay an acknowledgement',
      "Thanks for the note! We'll be in touch about next steps.",
      'acknowledgement',
      'Thanks for the note!',
    ],
    [
      'an offer that schedules a call',
      "We'd like to offer you the role! Can we set up a call tomorrow to go over the details?",
      'offer',
      "We'd like to offer you the role!",
    ],
    [
      'unable to offer is a rejection',
      'Sadly we are unable to offer you the position.',
      'rejection',
      'Sadly we are unable to offer you the position.',
    ],
    [
      'availability',
      'Are you available on Thursday at 2pm for a call with the team?',
      'scheduling',
      'Are you available on Thursday at 2pm for a call with the team?',
    ],
    [
      'calendar link',
      'Please pick a time here: https://calendly.com/acme/30',
      'scheduling',
      'Please pick a time here: https://calendly.com/acme/30',
    ],
    [
      'rejection and another interview at once',
      'This role is no longer open, but we would like to invite you to interview for another team. Would Monday work?',
      'other',
      '',
    ],
    [
      'a closed role with an invitation to another, said in one sentence',
      'Unfortunately the Sales role has been closed, but the team would like to invite you to interview for our Customer Success role instead.',
      'other',
      '',
    ],
    [
      'a closed role with a different opening on the other side of "however"',
      "We've filled the Backend role; however, there is a mid-level opening on the same team we'd like to discuss.",
      'other',
      '',
    ],
    [
      'a negation in one clause does not reach the next',
      "Unfortunately Tuesday doesn't work for the panel, but could you do Thursday at 2pm?",
      'scheduling',
      '',
    ],
    [
      'a rejection after "although"',
      'Although we enjoyed meeting you, we have decided to go in a different direction.',
      'rejection',
      '',
    ],
    [
      'a rejection whose thanks follow a "but"',
      'The role has been filled, but thank you for your interest and good luck!',
      'rejection',
      '',
    ],
    [
      'a coordinator who will reach out to schedule',
      'Our coordinator will reach out to schedule your final interview.',
      'scheduling',
      '',
    ],
    [
      'an availability question without "available"',
      'What does your availability look like next week?',
      'scheduling',
      '',
    ],
    [
      'moving forward with the application, no call named',
      "We're moving forward with your application - the next round is with Priya.",
      'scheduling',
      '',
    ],
    ['invited to the next round', "You've been invited to the next round.", 'scheduling', ''],
    ['a position filled', 'We have now filled the position.', 'rejection', ''],
    ['not the right fit', 'We feel you are not the right fit at this time.', 'rejection', ''],
    [
      'a role on hold without an end',
      'The role is on hold indefinitely, so we are closing all applications for it.',
      'rejection',
      '',
    ],
    [
      'a role on hold for two weeks',
      'The role is on hold for two weeks while the new director settles in.',
      'other',
      '',
    ],
    [
      'a rejection that keeps the CV on file',
      'We have decided not to proceed with your application. We will keep your CV on file.',
      'rejection',
      '',
    ],
    [
      'an offer with a call to discuss it',
      'We would like to offer you the Product Designer role. Can we get on a call tomorrow to discuss the details?',
      'offer',
      '',
    ],
    [
      'a verbal offer confirmed',
      'This confirms our verbal offer for the Site Reliability Engineer position.',
      'offer',
      '',
    ],
    [
      'an interview "offered" is no job offer',
      "We'd like to offer you a second interview with the director.",
      'scheduling',
      '',
    ],
    ['an offer hoped for is no offer', 'We hope to make an offer by Friday.', 'other', ''],
    [
      'a rejection under a condition is no rejection',
      "We haven't decided yet whether to move forward with other candidates.",
      'other',
      '',
    ],
    [
      'a delay is no rejection',
      'We will not be able to proceed until the budget is approved.',
      'other',
      '',
    ],
    [
      'a refused date is no rejection',
      "We can't move the interview to Friday, sorry.",
      'other',
      '',
    ],
    [
      'the role given to another candidate',
      'We have decided to offer the role to another candidate.',
      'rejection',
      '',
    ],
    [
      'out of office',
      "I'm out of the office until 4 January. For urgent matters please call reception.",
      'other',
      '',
    ],
    [
      'a reference request in the final stage',
      "You're in the final stage. Could you send me the names of two references?",
      'other',
      '',
    ],
    [
      'a sender who cannot say what happens next',
      "Thanks for the note. I honestly can't say what happens next with this role.",
      'other',
      '',
    ],
    [
      'an offer to another finalist is a rejection',
      'We will be extending an offer to one of the other finalists.',
      'rejection',
      '',
    ],
    [
      'not moving forward "without" something is no rejection',
      "Don't worry, we're not moving forward without hearing from you first.",
      'other',
      '',
    ],
    [
      'a "haven\'t been successful" rejection',
      "I'm afraid you haven't been successful on this occasion.",
      'rejection',
      '',
    ],
    [
      'a rejection cue said as not yet decided',
      'We have not yet decided to move forward with other candidates.',
      'other',
      '',
    ],
    [
      'an offer whose words after it mention time',
      "We'd like to offer you the role on a full-time basis.",
      'offer',
      '',
    ],
    [
      'not moving forward with someone else is no rejection of the user',
      "We're not moving forward with the second candidate, so it's between you and one other person.",
      'other',
      '',
    ],
    ['a call about the offer', 'Is there a good time to call you about the offer?', 'offer', ''],
    [
      "questions about another company's offer",
      'Do you have questions about your offer from the other company?',
      'other',
      '',
    ],
    ['a question', 'What is your notice period?', 'other', ''],
    [
      'the quote under the reply is not read',
      'Thanks, got it.\n\nOn Mon, 2 Nov 2026, Sam <s@x.example> wrote:\n> we are pleased to offer you',
      'other',
      '',
    ],
  ])('%s', (_name, text, replyClass, sentence) => {
    const reading = classifyReply(text);
    expect(reading.replyClass).toBe(replyClass);
    if (sentence) expect(reading.sentence).toBe(sentence);
    expect(reading.confidence).toBeGreaterThanOrEqual(0);
    expect(reading.confidence).toBeLessThanOrEqual(1);
  });

  it('is unsure about a soft hint of rejection', () => {
    const reading = classifyReply('We will keep your details on file.');
    expect(reading.replyClass).toBe('other');
    expect(reading.confidence).toBeLessThan(UNSURE_BELOW);
    expect(reading.sentence).toBe('We will keep your details on file.');
  });

  it('is unsure when the rival decisive class also has a sign', () => {
    for (const text of [
      "We'd love to offer you the role. Unfortunately the start date can't move, though.",
      'We have decided to go with another candidate. Congratulations on the new baby, by the way!',
    ]) {
      const reading = classifyReply(text);
      expect(reading.replyClass).toBe('other');
      expect(reading.confidence).toBeLessThan(UNSURE_BELOW);
    }
  });

  it('is sure about a clear rejection', () => {
    expect(
      classifyReply('We regret to inform you that the position has been filled.').confidence,
    ).toBeGreaterThanOrEqual(UNSURE_BELOW);
  });

  it('keeps at most 200 characters of the deciding sentence', () => {
    const reading = classifyReply(
      `We have decided to move forward with other candidates ${'and '.repeat(100)}so on.`,
    );
    expect(reading.replyClass).toBe('rejection');
    expect(reading.sentence.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
  });

  it('reads a subject of its own, not a "Re:" of the user\'s note', () => {
    expect(classifyReply('See attached.', { subject: 'Your offer of employment' }).replyClass).toBe(
      'offer',
    );
    expect(
      classifyReply('See attached.', { subject: 'Re: Your offer of employment' }).replyClass,
    ).toBe('other');
  });
});

const HELD_OUT = 'held-out-2.txt';

function figures(file: string) {
  const corpus = loadReplyCorpus(file);
  const pairs = corpus.map((reply) => ({
    label: reply.label,
    predicted: classifyReply(reply.text).replyClass,
  }));
  return {
    size: corpus.length,
    byClass: new Map(figuresPerClass(pairs).map((f) => [f.replyClass, f])),
  };
}

describe('classifyReply on the labelled corpus', () => {
  it('is precise about rejections and offers on the replies it was tuned on', () => {
    const { size, byClass } = figures('tuning.txt');
    expect(size).toBeGreaterThanOrEqual(300);
    for (const cls of ['rejection', 'offer'] as const) {
      expect(byClass.get(cls)!.precision).toBeGreaterThanOrEqual(0.98);
      expect(byClass.get(cls)!.recall).toBeGreaterThanOrEqual(0.9);
    }
    for (const cls of ['acknowledgement', 'scheduling', 'other'] as const) {
      expect(byClass.get(cls)!.recall).toBeGreaterThanOrEqual(0.85);
    }
  });

  // Written by someone else and never tuned on: the honest figures (BENCHMARKS.md prints
  // them). The first held-out set was looked at and now sits in tuning.txt (see the README).
  // Precision is the promise (a wrong "rejection" would end the user's check-ins); a missed
  // one only goes to the review list, so recall has a floor, not a target. Measured when
  // held-out-2 was first run: rejection 15 of 15 said (68 % found), offer 7 of 7 (50 % found).
  it('is precise about rejections and offers on held-out replies it never saw', () => {
    const { size, byClass } = figures(HELD_OUT);
    expect(size).toBeGreaterThanOrEqual(100);
    for (const cls of ['rejection', 'offer'] as const) {
      expect(byClass.get(cls)!.precision).toBeGreaterThanOrEqual(0.98);
      expect(byClass.get(cls)!.recall).toBeGreaterThanOrEqual(0.45);
    }
  });
});
