/**
 * The reply classifier on the labelled corpus (test/fixtures/replies): precision and recall
 * per class on the replies it was tuned on and on the held-out ones, and the time to clean and
 * classify one reply.
 */
import { classifyReply } from '../src/main/domain/reply-classifier';
import { figuresPerClass, loadReplyCorpus } from '../test/support/reply-corpus';
import { infoRow, timingRow, type Row, type Table } from './report';
import { summarize } from './stats';

const PASSES = 20;

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

function accuracyTable(file: string, title: string): Table {
  const corpus = loadReplyCorpus(file);
  const pairs = corpus.map((r) => ({
    label: r.label,
    predicted: classifyReply(r.text).replyClass,
  }));
  const rows: Row[] = figuresPerClass(pairs).flatMap((f) => {
    const strict = f.replyClass === 'rejection' || f.replyClass === 'offer';
    return [
      {
        figure: `${f.replyClass}: precision (${f.correct} of ${f.predicted} said)`,
        median: percent(f.precision),
        spread: '—',
        target: strict ? '≥ 98 %' : '—',
        result: strict ? (f.precision >= 0.98 ? 'met' : 'missed') : '—',
      } satisfies Row,
      infoRow(
        `${f.replyClass}: recall (${f.correct} of ${f.labelled} labelled)`,
        percent(f.recall),
      ),
    ];
  });
  return {
    title,
    rows,
    note: `${corpus.length} replies. A rejection or offer the classifier is unsure of is read as "other" (to the review list), which costs recall, never precision.`,
  };
}

export function benchReplies(): Promise<Table[]> {
  const all = [...loadReplyCorpus('tuning.txt'), ...loadReplyCorpus('held-out.txt')];
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const start = performance.now();
    for (const reply of all) classifyReply(reply.text);
    times.push((performance.now() - start) / all.length);
  }
  const timing: Table = {
    title: 'Reply classifier: time per reply',
    rows: [timingRow('clean and classify one reply (mean over the corpus)', summarize(times), 1)],
    note: `${all.length} replies per pass, ${PASSES} passes; each run is one pass's mean.`,
  };
  return Promise.resolve([
    accuracyTable('tuning.txt', 'Reply classifier: tuning corpus'),
    accuracyTable('held-out.txt', 'Reply classifier: held-out corpus (written after tuning)'),
    timing,
  ]);
}
