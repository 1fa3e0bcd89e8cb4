/** Drafts (one per obligation), the notes sent, snoozed items and the user's own note templates. */
import type { Database, Statement } from 'better-sqlite3';
import type { Draft, DraftState, SentNote, StoredTemplate } from '../../shared/model';

export interface DraftStore {
  getDraft(obligationId: string): Draft | null;
  listDrafts(applicationId?: string): Draft[];
  saveDraft(draft: Draft): void;
  deleteDraft(obligationId: string): boolean;
  /**
   * Moves a draft from one state to another only if it is still in `from`; false when it was
   * not (another click already started the send). This is what makes sending happen once.
   */
  transition(
    obligationId: string,
    from: DraftState[],
    to: DraftState,
    changes: Partial<Draft>,
  ): boolean;

  listTemplates(): StoredTemplate[];
  saveTemplate(template: StoredTemplate): void;
  deleteTemplate(id: string): boolean;

  /** Keeps a sent note with its text; recording the same Message-ID again changes nothing. */
  recordSentNote(note: SentNote): void;
  /** Notes sent in an application, to one person (or to nobody tracked), oldest first. */
  listSentNotes(applicationId: string, personId: string | null): SentNote[];
  /** The Message-IDs of every note the app sent. */
  listSentMessageIds(): Set<string>;

  /** Obligations the user snoozed, with the instant each snooze ends. */
  listSnoozes(): Map<string, number>;
  /** Snoozes an obligation until `until`, or wakes it when `until` is null. */
  setSnooze(obligationId: string, until: number | null): void;

  /** Obligations the user chose to skip, with when they did. */
  listSkips(): Map<string, number>;
  /** Skips an obligation as of `at`, or takes the skip back when `at` is null. */
  setSkip(obligationId: string, at: number | null): void;
}

interface DraftRow {
  obligation_id: string;
  application_id: string;
  person_id: string | null;
  template_id: string | null;
  to_addrs: string;
  subject: string;
  body: string;
  state: string;
  message_id: string | null;
  sent_at: number | null;
  error: string | null;
  drafts_copy: string | null;
  updated_at: number;
}

interface TemplateRow {
  id: string;
  name: string;
  situation: string;
  subject: string;
  body: string;
  updated_at: number;
}

function draftToRow(d: Draft): DraftRow {
  return {
    obligation_id: d.obligationId,
    application_id: d.applicationId,
    person_id: d.personId,
    template_id: d.templateId,
    to_addrs: JSON.stringify(d.to),
    subject: d.subject,
    body: d.body,
    state: d.state,
    message_id: d.messageId,
    sent_at: d.sentAt,
    error: d.error,
    drafts_copy: d.draftsCopy ? JSON.stringify(d.draftsCopy) : null,
    updated_at: d.updatedAt,
  };
}

function draftFromRow(r: DraftRow): Draft {
  return {
    obligationId: r.obligation_id,
    applicationId: r.application_id,
    personId: r.person_id,
    templateId: r.template_id,
    to: JSON.parse(r.to_addrs) as string[],
    subject: r.subject,
    body: r.body,
    state: r.state as DraftState,
    messageId: r.message_id,
    sentAt: r.sent_at,
    error: r.error,
    draftsCopy: r.drafts_copy ? (JSON.parse(r.drafts_copy) as Draft['draftsCopy']) : null,
    updatedAt: r.updated_at,
  };
}

function prepareStatements(db: Database) {
  let listSkips: Statement | undefined;
  let setSkip: Statement | undefined;
  let deleteSkip: Statement | undefined;
  return {
    get: db.prepare('SELECT * FROM drafts WHERE obligation_id = @obligationId'),
    listAll: db.prepare('SELECT * FROM drafts ORDER BY updated_at, obligation_id'),
    listFor: db.prepare(
      'SELECT * FROM drafts WHERE application_id = @applicationId ORDER BY updated_at, obligation_id',
    ),
    save: db.prepare(`
      INSERT INTO drafts (obligation_id, application_id, person_id, template_id, to_addrs, subject, body, state,
        message_id, sent_at, error, drafts_copy, updated_at)
      VALUES (@obligation_id, @application_id, @person_id, @template_id, @to_addrs, @subject, @body, @state,
        @message_id, @sent_at, @error, @drafts_copy, @updated_at)
      ON CONFLICT (obligation_id) DO UPDATE SET application_id = excluded.application_id,
        person_id = excluded.person_id, template_id = excluded.template_id, to_addrs = excluded.to_addrs,
        subject = excluded.subject, body = excluded.body, state = excluded.state, message_id = excluded.message_id,
        sent_at = excluded.sent_at, error = excluded.error, drafts_copy = excluded.drafts_copy,
        updated_at = excluded.updated_at`),
    delete: db.prepare('DELETE FROM drafts WHERE obligation_id = @obligationId'),
    listTemplates: db.prepare('SELECT * FROM note_templates ORDER BY name, id'),
    saveTemplate: db.prepare(`
      INSERT INTO note_templates (id, name, situation, subject, body, updated_at)
      VALUES (@id, @name, @situation, @subject, @body, @updated_at)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, situation = excluded.situation,
        subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at`),
    deleteTemplate: db.prepare('DELETE FROM note_templates WHERE id = @id'),
    recordSentNote: db.prepare(`
      INSERT INTO sent_notes (message_id, obligation_id, application_id, person_id, account_id, to_addrs,
        subject, body, sent_at)
      VALUES (@messageId, @obligationId, @applicationId, @personId, @accountId, @to, @subject, @body, @sentAt)
      ON CONFLICT (message_id) DO NOTHING`),
    listSentNotes: db.prepare(`
      SELECT * FROM sent_notes WHERE application_id = @applicationId AND person_id IS @personId
      ORDER BY sent_at, message_id`),
    listSentMessageIds: db.prepare('SELECT message_id FROM sent_notes'),
    listSnoozes: db.prepare('SELECT obligation_id, until FROM snoozes'),
    setSnooze: db.prepare(`
      INSERT INTO snoozes (obligation_id, until) VALUES (@obligationId, @until)
      ON CONFLICT (obligation_id) DO UPDATE SET until = excluded.until`),
    deleteSnooze: db.prepare('DELETE FROM snoozes WHERE obligation_id = @obligationId'),
    // Prepared on first use: a store opened at an older schema (migration tests) has no table.
    get listSkips(): Statement {
      return (listSkips ??= db.prepare('SELECT obligation_id, at FROM skipped_notes'));
    },
    get setSkip(): Statement {
      return (setSkip ??= db.prepare(`
        INSERT INTO skipped_notes (obligation_id, at) VALUES (@obligationId, @at)
        ON CONFLICT (obligation_id) DO UPDATE SET at = excluded.at`));
    },
    get deleteSkip(): Statement {
      return (deleteSkip ??= db.prepare(
        'DELETE FROM skipped_notes WHERE obligation_id = @obligationId',
      ));
    },
  };
}

export class SqliteDraftStore implements DraftStore {
  private statements: ReturnType<typeof prepareStatements> | null = null;
  private get s(): ReturnType<typeof prepareStatements> {
    return (this.statements ??= prepareStatements(this.db));
  }

  constructor(private readonly db: Database) {}

  getDraft(obligationId: string): Draft | null {
    const row = this.s.get.get({ obligationId }) as DraftRow | undefined;
    return row ? draftFromRow(row) : null;
  }

  listDrafts(applicationId?: string): Draft[] {
    const rows = (
      applicationId === undefined ? this.s.listAll.all() : this.s.listFor.all({ applicationId })
    ) as DraftRow[];
    return rows.map(draftFromRow);
  }

  saveDraft(draft: Draft): void {
    this.s.save.run(draftToRow(draft));
  }

  deleteDraft(obligationId: string): boolean {
    return this.s.delete.run({ obligationId }).changes > 0;
  }

  transition(
    obligationId: string,
    from: DraftState[],
    to: DraftState,
    changes: Partial<Draft>,
  ): boolean {
    return this.db
      .transaction(() => {
        const current = this.getDraft(obligationId);
        if (!current || !from.includes(current.state)) return false;
        this.saveDraft({ ...current, ...changes, state: to });
        return true;
      })
      .immediate();
  }

  listTemplates(): StoredTemplate[] {
    return (this.s.listTemplates.all() as TemplateRow[]).map((r) => ({
      id: r.id,
      name: r.name,
      situation: r.situation,
      subject: r.subject,
      body: r.body,
      updatedAt: r.updated_at,
    }));
  }

  saveTemplate(t: StoredTemplate): void {
    this.s.saveTemplate.run({
      id: t.id,
      name: t.name,
      situation: t.situation,
      subject: t.subject,
      body: t.body,
      updated_at: t.updatedAt,
    });
  }

  deleteTemplate(id: string): boolean {
    return this.s.deleteTemplate.run({ id }).changes > 0;
  }

  recordSentNote(note: SentNote): void {
    this.s.recordSentNote.run({ ...note, to: JSON.stringify(note.to) });
  }

  listSentMessageIds(): Set<string> {
    const rows = this.s.listSentMessageIds.all() as Array<{ message_id: string }>;
    return new Set(rows.map((r) => r.message_id));
  }

  listSentNotes(applicationId: string, personId: string | null): SentNote[] {
    const rows = this.s.listSentNotes.all({ applicationId, personId }) as Array<{
      message_id: string;
      obligation_id: string;
      application_id: string;
      person_id: string | null;
      account_id: string;
      to_addrs: string;
      subject: string;
      body: string;
      sent_at: number;
    }>;
    return rows.map((r) => ({
      messageId: r.message_id,
      obligationId: r.obligation_id,
      applicationId: r.application_id,
      personId: r.person_id,
      accountId: r.account_id,
      to: JSON.parse(r.to_addrs) as string[],
      subject: r.subject,
      body: r.body,
      sentAt: r.sent_at,
    }));
  }

  listSnoozes(): Map<string, number> {
    const rows = this.s.listSnoozes.all() as Array<{ obligation_id: string; until: number }>;
    return new Map(rows.map((r) => [r.obligation_id, r.until]));
  }

  setSnooze(obligationId: string, until: number | null): void {
    if (until === null) this.s.deleteSnooze.run({ obligationId });
    else this.s.setSnooze.run({ obligationId, until });
  }

  listSkips(): Map<string, number> {
    const rows = this.s.listSkips.all() as Array<{ obligation_id: string; at: number }>;
    return new Map(rows.map((r) => [r.obligation_id, r.at]));
  }

  setSkip(obligationId: string, at: number | null): void {
    if (at === null) this.s.deleteSkip.run({ obligationId });
    else this.s.setSkip.run({ obligationId, at });
  }
}
