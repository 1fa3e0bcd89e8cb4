/**
 * The draft checks as the note editor runs them on every keystroke: a 300-word thank-you with
 * five notes to the rest of the panel, against a small workspace and the large one (whose
 * 10,000 people and 2,000 other companies are all checked for names that do not belong).
 */
import { checkDraft, type DraftContext, type SiblingNote } from '../src/main/domain/draft-checks';
import type { Person } from '../src/shared/model';
import { timingRow, type Table } from './report';
import { collectGarbage, createRandom, repeat, summarize } from './stats';
import { generateWorkspace, USER_ADDRESS } from './workspace-generator';

const RUNS = 200;
const FRAME_MS = 16;

const SENTENCES = [
  'Thank you for taking the time to speak with me today about the {role} role.',
  'I especially enjoyed our conversation about {topic} and how the team approaches it.',
  'Your point about {topic} stayed with me on the way home, and I have been thinking about it since.',
  'It was great to hear how {company} ships small changes every day without breaking things.',
  'I came away even more excited about the chance to work with you and the rest of the team.',
  'The way you described the on-call rotation made it clear that people look out for each other.',
  'I have attached the short write-up on {topic} that I mentioned, in case it is useful.',
  'Please let me know if there is anything else I can send that would help with your decision.',
  'I look forward to hearing about the next steps.',
  'Thanks again for a thoughtful and friendly conversation.',
];

const TOPICS = [
  'observability',
  'incident reviews',
  'database migrations',
  'the mobile release train',
  'accessibility testing',
  'pairing across time zones',
];

/** A note of about `words` words: greeting, sentences about a topic, sign-off. */
function note(name: string, words: number, seed: number, company: string, role: string): string {
  const random = createRandom(seed);
  const topic = random.pick(TOPICS);
  const paragraphs: string[] = [];
  let count = 0;
  let paragraph: string[] = [];
  while (count < words) {
    const sentence = random
      .pick(SENTENCES)
      .replaceAll('{topic}', topic)
      .replaceAll('{company}', company)
      .replaceAll('{role}', role);
    paragraph.push(sentence);
    count += sentence.split(/\s+/).length;
    if (paragraph.length === 4) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  if (paragraph.length > 0) paragraphs.push(paragraph.join(' '));
  return `Dear ${name},\n\n${paragraphs.join('\n\n')}\n\nBest regards,\nSam Carter\n+49 30 1234567`;
}

function context(people: readonly Person[], otherCompanies: string[]): DraftContext {
  const recipient = people[1]!;
  const siblings: SiblingNote[] = people.slice(2, 7).map((p, i) => ({
    personName: p.name,
    body: note(p.name.split(' ')[0]!, 250, 100 + i, 'Company 0', 'Engineer'),
  }));
  return {
    kind: 'thank-you',
    profile: { fullName: 'Sam Carter', phone: '+49 30 1234567', email: USER_ADDRESS },
    application: { company: 'Company 0', roleTitle: 'Engineer' },
    person: recipient,
    participant: { topics: 'observability, incident reviews', notes: 'Ask about on-call' },
    siblings,
    people,
    otherCompanies,
    otherPeopleNames: people.slice(7).map((p) => p.name),
  };
}

export async function benchDrafts(): Promise<Table[]> {
  const { workspace } = generateWorkspace();
  // The first application's people, then everyone else.
  const people = workspace.people;
  const large = context(
    people,
    workspace.applications.slice(1).map((a) => a.company),
  );
  const small = context(
    people.slice(0, 40),
    workspace.applications.slice(1, 8).map((a) => a.company),
  );
  const recipient = people[1]!;
  const body = note(recipient.name.split(' ')[0]!, 300, 7, 'Company 0', 'Engineer');
  const words = body.split(/\s+/).filter((w) => w !== '').length;
  const draft = {
    subject: 'Thank you for today',
    body,
    to: recipient.emails.slice(0, 1),
  };
  const rows = [];
  for (const [label, ctx] of [
    ['a small workspace (40 people, 7 other companies)', small],
    [
      `the large workspace (${people.length.toLocaleString('en-US')} people, ${(workspace.applications.length - 1).toLocaleString('en-US')} other companies)`,
      large,
    ],
  ] as const) {
    collectGarbage();
    let findings = 0;
    let typed = draft.body;
    const times = await repeat(RUNS, 20, () => {
      // A keystroke at a time, as the editor sends them.
      typed += typed.length % 7 === 0 ? ' ' : 'e';
      findings = checkDraft({ ...draft, body: typed }, ctx).length;
    });
    const summary = summarize(times);
    console.log(`drafts: ${label}: ${summary.median.toFixed(2)} ms, ${findings} findings`);
    rows.push(
      timingRow(
        `checkDraft, ${words}-word thank-you, 5 sibling notes, ${label}`,
        summary,
        FRAME_MS,
        `< ${FRAME_MS} ms (one frame)`,
      ),
    );
  }
  return [
    {
      title: 'Draft checks',
      rows,
      note:
        `${RUNS} runs after 20 warm-up runs, the draft one character longer each time. The ` +
        'sibling notes have about 250 words each. The full keystroke through the services ' +
        '(save, checks, status, history) is in the rules engine table.',
    },
  ];
}
