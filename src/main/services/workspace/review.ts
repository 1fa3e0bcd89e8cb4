/**
 * What the user confirms or corrects about mail: the review list of unsure matches, links and
 * unlinks, what a reply says, suggestions said no to, and what already went to someone.
 */
import type { ReplyReviewItem } from '../../../shared/contract';
import type {
  KnownMessage,
  MessageLink,
  MessageSummary,
  ReplyClass,
  ReplyReading,
  ReviewItem,
  SentHistoryItem,
  StatusSuggestion,
} from '../../../shared/model';
import { ServiceError } from '../errors';
import type { WorkspaceServiceDeps } from './deps';
import type { KeptRows } from './rows';
import type { StatusModel } from './status-model';

export function createReviewAndLinks(
  deps: WorkspaceServiceDeps,
  kept: KeptRows,
  model: StatusModel,
) {
  const { store } = deps;
  const { edit, byId } = kept;
  const { prepared, messagesById, replyEntries, requireApplication } = model;
  const changed = () => deps.onChange?.();

  return {
    /** The user said no to a suggestion made from a reply: it is not made again for that reply. */
    dismissSuggestion(input: Pick<StatusSuggestion, 'applicationId' | 'messageId'>): {
      dismissed: boolean;
    } {
      requireApplication(input.applicationId);
      store.dismissSuggestion({ ...input, at: deps.now() });
      changed();
      return { dismissed: true };
    },

    /**
     * The user says what a reply says. It wins over the app's reading, now and after every
     * later sync; the sentence the app found, if any, is kept beside it.
     */
    setReplyClass(input: { messageId: string; replyClass: ReplyClass }): ReplyReading {
      const p = prepared();
      if (!messagesById(p.messages).has(input.messageId)) {
        throw new ServiceError('not-found', 'That message is no longer in the synced mail.');
      }
      const before = p.rows.readings.find((r) => r.messageId === input.messageId);
      const reading: ReplyReading = {
        messageId: input.messageId,
        replyClass: input.replyClass,
        sentence: before?.sentence ?? '',
        confidence: 1,
        source: 'user',
        at: deps.now(),
      };
      if (!deps.mail.saveReading)
        throw new ServiceError('unavailable', 'Replies cannot be kept here.');
      deps.mail.saveReading(reading);
      changed();
      return reading;
    },

    /** Replies of applications that the app read but is not sure about, newest first. */
    repliesToReview(): ReplyReviewItem[] {
      const applications = byId(prepared().rows.applications);
      const out: ReplyReviewItem[] = [];
      for (const { applicationId, entry, reading } of replyEntries()) {
        const application = applications.get(applicationId);
        if (reading === undefined || entry.reading.sure || application === undefined) continue;
        out.push({
          messageId: entry.messageId,
          applicationId,
          company: application.company,
          roleTitle: application.roleTitle,
          from: entry.from,
          at: entry.at,
          subject: entry.subject,
          reading,
        });
      }
      return out.sort((a, b) => b.at - a.at);
    },

    /**
     * Replies worth reading: received messages surely from someone of an application (a
     * tracked person, or the company's domain), by message id, each once.
     */
    repliesToRead(): string[] {
      return model.sureReplies();
    },

    /** Unsure matches from sync for the user to confirm or reject, newest message first. */
    review(): ReviewItem[] {
      const p = prepared();
      const messages = messagesById(p.messages);
      const applications = byId(p.rows.applications);
      const people = byId(p.rows.people);
      return p.status.review
        .flatMap((match) => {
          const message = messages.get(match.messageId);
          const application = applications.get(match.applicationId);
          if (!message || !application) return [];
          return [
            {
              match,
              message: summarize(message),
              personName: match.personId ? (people.get(match.personId)?.name ?? null) : null,
              company: application.company,
              roleTitle: application.roleTitle,
            },
          ];
        })
        .sort((a, b) => b.message.date - a.message.date);
    },

    /**
     * The user's word on a message: it is (link) or is not (unlink) about this person in
     * this application. It wins over matching and survives every later sync.
     */
    saveLink(input: Omit<MessageLink, 'at'>): MessageLink {
      requireApplication(input.applicationId);
      if (!store.getPerson(input.personId))
        throw new ServiceError('not-found', 'That person no longer exists.');
      if (!deps.mail.messages().some((m) => m.id === input.messageId))
        throw new ServiceError(
          'not-found',
          'That message is no longer in the synced mail. Sync again, then try once more.',
        );
      const link: MessageLink = { ...input, at: deps.now() };
      edit(
        () => deps.mail.saveLink(link),
        (current) => ({ ...current, links: deps.mail.links() }),
      );
      changed();
      return link;
    },

    /** Synced messages whose subject or addresses contain `query`, newest first, for linking by hand. */
    findMessages(query: string, limit: number): MessageSummary[] {
      const needle = query.trim().toLowerCase();
      const hits: KnownMessage[] = [];
      const all = deps.mail.messages();
      for (let i = all.length - 1; i >= 0 && hits.length < limit; i -= 1) {
        const m = all[i]!;
        if (needle === '' || searchText(m).includes(needle)) hits.push(m);
      }
      return hits.sort((a, b) => b.date - a.date).map(summarize);
    },

    /** Everything that already went to this person in this application: from Sent, by the app, by hand. */
    history(applicationId: string, personId: string | null): SentHistoryItem[] {
      const p = prepared();
      const messages = messagesById(p.messages);
      const notes = new Map(
        deps.followUps.sentNotes(applicationId, personId).map((n) => [n.messageId, n]),
      );
      const items = new Map<string, SentHistoryItem>();
      for (const match of p.status.matches) {
        if (
          match.direction !== 'sent' ||
          match.confidence !== 'sure' ||
          match.applicationId !== applicationId ||
          match.personId !== personId
        )
          continue;
        const message = messages.get(match.messageId);
        if (!message) continue;
        const key = message.messageId ?? message.id;
        const note = message.messageId ? notes.get(message.messageId) : undefined;
        items.set(key, {
          id: key,
          at: message.date,
          subject: message.subject,
          to: [...message.to, ...message.cc, ...message.bcc].map((a) => a.address),
          body: note?.body ?? null,
          source: note ? 'app' : 'mailbox',
        });
      }
      for (const note of notes.values()) {
        if (items.has(note.messageId)) continue;
        items.set(note.messageId, {
          id: note.messageId,
          at: note.sentAt,
          subject: note.subject,
          to: note.to,
          body: note.body,
          source: 'app',
        });
      }
      if (personId !== null) {
        for (const c of store.listManualContacts(applicationId)) {
          if (c.personId !== personId) continue;
          items.set(c.id, {
            id: c.id,
            at: c.at,
            subject: c.note,
            to: [],
            body: null,
            source: 'manual',
          });
        }
      }
      return [...items.values()].sort((a, b) => a.at - b.at);
    },
  };
}

function summarize(m: KnownMessage): MessageSummary {
  return {
    id: m.id,
    folderRole: m.folderRole,
    date: m.date,
    subject: m.subject,
    from: m.from,
    to: m.to,
    cc: m.cc,
  };
}

function searchText(m: KnownMessage): string {
  const addresses = [...m.from, ...m.to, ...m.cc, ...m.bcc]
    .map((a) => `${a.name ?? ''} ${a.address}`)
    .join(' ');
  return `${m.subject} ${addresses}`.toLowerCase();
}
