/**
 * The workspace service over one opened database, wired the same way for the whole app
 * (`createServices`) and for the command line's quick commands (status, export, import,
 * sample, review), which build only this and so never load the mail, calendar or sending code.
 */
import { receivedForReplies, replyContext, replyDomains } from '../domain/reply-context';
import { watchChanges } from '../store/change-counter';
import type { OpenedDatabase } from '../store/database';
import { createWorkspaceService } from './workspace-service';

export interface WorkspaceOptions {
  /** With `db`, the status is kept between calls while the data stays the same. */
  database: Pick<OpenedDatabase, 'store' | 'mailStore' | 'draftStore'> &
    Partial<Pick<OpenedDatabase, 'db'>>;
  now: () => number;
  systemTimeZone: () => string;
  onChange?: () => void;
}

export function createWorkspace(options: WorkspaceOptions) {
  const { store, mailStore, draftStore } = options.database;
  return createWorkspaceService({
    store,
    mail: {
      messages: () => mailStore.knownMessages(),
      replyContext: () => {
        const read = (ids: string[]) => mailStore.messagesWithIds(ids);
        const linkedIds = new Set(mailStore.listLinks().map((l) => l.messageId));
        const received = receivedForReplies(
          mailStore.receivedMessages(),
          replyDomains(store.listPeople(), store.listApplications()),
          linkedIds,
          read,
        );
        return replyContext(received, read([...linkedIds]), mailStore.sentHeaders(), read);
      },
      links: () => mailStore.listLinks(),
      accountAddresses: () => mailStore.listAccounts().map((a) => a.email),
      saveLink: (link) => mailStore.saveLink(link),
      readings: () => mailStore.listReplyReadings(),
      saveReading: (reading) => mailStore.saveReplyReading(reading),
    },
    followUps: {
      snoozes: () => draftStore.listSnoozes(),
      setSnooze: (id, until) => draftStore.setSnooze(id, until),
      skips: () => draftStore.listSkips(),
      setSkip: (id, at) => draftStore.setSkip(id, at),
      sentNotes: (applicationId, personId) => draftStore.listSentNotes(applicationId, personId),
      sentMessageIds: () => draftStore.listSentMessageIds(),
    },
    now: options.now,
    systemTimeZone: options.systemTimeZone,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    ...(options.database.db ? { dataVersion: watchChanges(options.database.db) } : {}),
  });
}
