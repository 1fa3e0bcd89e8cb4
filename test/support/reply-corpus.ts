/** The labelled replies under test/fixtures/replies: see the README there. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToPlainText } from '../../src/main/mail/mime-text';
import { REPLY_CLASSES, type ReplyClass } from '../../src/shared/model';

export interface LabelledReply {
  /** `file:line` of the entry, for messages. */
  where: string;
  label: ReplyClass;
  html: boolean;
  /** The reply as plain text (HTML already converted). */
  text: string;
}

export const REPLY_CORPUS_DIR = join(__dirname, '..', 'fixtures', 'replies');

/** Reads one corpus file (`tuning.txt` or `held-out.txt`). */
export function loadReplyCorpus(file: string): LabelledReply[] {
  const lines = readFileSync(join(REPLY_CORPUS_DIR, file), 'utf8').split('\n');
  const replies: LabelledReply[] = [];
  let current: { line: number; label: ReplyClass; html: boolean; body: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const body = current.body.join('\n').trim();
    replies.push({
      where: `${file}:${current.line}`,
      label: current.label,
      html: current.html,
      text: current.html ? htmlToPlainText(body) : body,
    });
  };
  lines.forEach((line, index) => {
    const header = /^=== (\S+)( html)?\s*$/.exec(line);
    if (!header) {
      current?.body.push(line);
      return;
    }
    flush();
    const label = header[1] as ReplyClass;
    if (!REPLY_CLASSES.includes(label)) throw new Error(`${file}:${index + 1}: unknown class`);
    current = { line: index + 1, label, html: Boolean(header[2]), body: [] };
  });
  flush();
  return replies;
}

export interface ClassFigures {
  replyClass: ReplyClass;
  /** Replies labelled with the class. */
  labelled: number;
  /** Replies the classifier put in the class. */
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
}

/** Precision and recall per class for predictions beside labels. */
export function figuresPerClass(
  pairs: { label: ReplyClass; predicted: ReplyClass }[],
): ClassFigures[] {
  return REPLY_CLASSES.map((replyClass) => {
    const labelled = pairs.filter((p) => p.label === replyClass).length;
    const predicted = pairs.filter((p) => p.predicted === replyClass).length;
    const correct = pairs.filter(
      (p) => p.label === replyClass && p.predicted === replyClass,
    ).length;
    return {
      replyClass,
      labelled,
      predicted,
      correct,
      precision: predicted === 0 ? 1 : correct / predicted,
      recall: labelled === 0 ? 1 : correct / labelled,
    };
  });
}
