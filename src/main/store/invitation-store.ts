/**
 * Calendar invitations waiting for the user, the links from interviews to the calendar
 * events they came from, and the inbox messages still to be looked at for invitations.
 */
import type { Database } from 'better-sqlite3';
import type {
  CalendarInvite,
  InterviewInviteLink,
  InvitationSource,
  InvitationStatus,
  StoredInvitation,
  UnreadableInvitation,
} from '../../shared/model';

/** An inbox message a sync stored whose invitation parts are still to be fetched. */
export interface InvitationCheck {
  accountId: string;
  folderPath: string;
  uidValidity: string;
  uid: number;
  /** `KnownMessage.id` of the message. */
  messageId: string;
}

export interface InvitationStore {
  listInvitations(status?: InvitationStatus): StoredInvitation[];
  getInvitation(id: string): StoredInvitation | null;
  /** Every stored copy of one calendar event, newest SEQUENCE first. */
  findByUid(uid: string): StoredInvitation[];
  /** Inserts or replaces by id. */
  saveInvitation(invitation: StoredInvitation): void;

  listLinks(): InterviewInviteLink[];
  getLinkByUid(uid: string): InterviewInviteLink | null;
  /** Links the interview to the event, replacing any earlier link of either. */
  saveLink(link: InterviewInviteLink): void;

  queueChecks(checks: InvitationCheck[]): void;
  listChecks(accountId: string, folderPath: string): InvitationCheck[];
  removeChecks(accountId: string, folderPath: string, uids: number[]): void;

  /** Those not dismissed, oldest first. */
  listUnreadable(): UnreadableInvitation[];
  /** Keeps the first record per message; a second one for the same message changes nothing. */
  recordUnreadable(record: UnreadableInvitation): void;
  /** True when it was there and not dismissed yet. */
  dismissUnreadable(id: string, at: number): boolean;
}

interface UnreadableRow {
  id: string;
  message_id: string;
  label: string;
  reason: string;
  received_at: number;
}

interface InvitationRow {
  id: string;
  uid: string;
  sequence: number;
  source: string;
  source_ref: string | null;
  invite: string;
  status: string;
  created_at: number;
  decided_at: number | null;
  interview_id: string | null;
}

interface LinkRow {
  interview_id: string;
  uid: string;
  sequence: number;
}

interface CheckRow {
  account_id: string;
  folder_path: string;
  uid_validity: string;
  uid: number;
  message_id: string;
}

function invitationToRow(i: StoredInvitation): InvitationRow {
  return {
    id: i.id,
    uid: i.uid,
    sequence: i.sequence,
    source: i.source,
    source_ref: i.sourceRef,
    invite: JSON.stringify(i.invite),
    status: i.status,
    created_at: i.createdAt,
    decided_at: i.decidedAt,
    interview_id: i.interviewId,
  };
}

function invitationFromRow(r: InvitationRow): StoredInvitation {
  return {
    id: r.id,
    uid: r.uid,
    sequence: r.sequence,
    source: r.source as InvitationSource,
    sourceRef: r.source_ref,
    invite: JSON.parse(r.invite) as CalendarInvite,
    status: r.status as InvitationStatus,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    interviewId: r.interview_id,
  };
}

function linkFromRow(r: LinkRow): InterviewInviteLink {
  return { interviewId: r.interview_id, uid: r.uid, sequence: r.sequence };
}

function checkFromRow(r: CheckRow): InvitationCheck {
  return {
    accountId: r.account_id,
    folderPath: r.folder_path,
    uidValidity: r.uid_validity,
    uid: r.uid,
    messageId: r.message_id,
  };
}

function unreadableFromRow(r: UnreadableRow): UnreadableInvitation {
  return {
    id: r.id,
    messageId: r.message_id,
    label: r.label,
    reason: r.reason,
    receivedAt: r.received_at,
  };
}

function prepareStatements(db: Database) {
  const columns =
    'id, uid, sequence, source, source_ref, invite, status, created_at, decided_at, interview_id';
  return {
    listAll: db.prepare<[], InvitationRow>(
      `SELECT ${columns} FROM invitations ORDER BY created_at, id`,
    ),
    listByStatus: db.prepare<{ status: string }, InvitationRow>(
      `SELECT ${columns} FROM invitations WHERE status = @status ORDER BY created_at, id`,
    ),
    get: db.prepare<{ id: string }, InvitationRow>(
      `SELECT ${columns} FROM invitations WHERE id = @id`,
    ),
    byUid: db.prepare<{ uid: string }, InvitationRow>(
      `SELECT ${columns} FROM invitations WHERE uid = @uid ORDER BY sequence DESC, created_at DESC`,
    ),
    save: db.prepare<InvitationRow>(
      `INSERT INTO invitations (${columns})
       VALUES (@id, @uid, @sequence, @source, @source_ref, @invite, @status, @created_at,
               @decided_at, @interview_id)
       ON CONFLICT (id) DO UPDATE SET
         uid = excluded.uid, sequence = excluded.sequence, source = excluded.source,
         source_ref = excluded.source_ref, invite = excluded.invite, status = excluded.status,
         created_at = excluded.created_at, decided_at = excluded.decided_at,
         interview_id = excluded.interview_id`,
    ),
    listLinks: db.prepare<[], LinkRow>(
      'SELECT interview_id, uid, sequence FROM interview_invites ORDER BY uid',
    ),
    linkByUid: db.prepare<{ uid: string }, LinkRow>(
      'SELECT interview_id, uid, sequence FROM interview_invites WHERE uid = @uid',
    ),
    deleteLinkByUid: db.prepare<{ uid: string }>('DELETE FROM interview_invites WHERE uid = @uid'),
    saveLink: db.prepare<LinkRow>(
      `INSERT INTO interview_invites (interview_id, uid, sequence)
       VALUES (@interview_id, @uid, @sequence)
       ON CONFLICT (interview_id) DO UPDATE SET uid = excluded.uid, sequence = excluded.sequence`,
    ),
    queueCheck: db.prepare<CheckRow>(
      `INSERT INTO invitation_checks (account_id, folder_path, uid_validity, uid, message_id)
       VALUES (@account_id, @folder_path, @uid_validity, @uid, @message_id)
       ON CONFLICT (account_id, folder_path, uid) DO UPDATE SET
         uid_validity = excluded.uid_validity, message_id = excluded.message_id`,
    ),
    listChecks: db.prepare<{ accountId: string; folderPath: string }, CheckRow>(
      `SELECT account_id, folder_path, uid_validity, uid, message_id FROM invitation_checks
       WHERE account_id = @accountId AND folder_path = @folderPath ORDER BY uid`,
    ),
    removeCheck: db.prepare<{ accountId: string; folderPath: string; uid: number }>(
      `DELETE FROM invitation_checks
       WHERE account_id = @accountId AND folder_path = @folderPath AND uid = @uid`,
    ),
  };
}

/** Prepared apart: a file at an older schema version (in migration tests) has no such table. */
function prepareUnreadable(db: Database) {
  return {
    listUnreadable: db.prepare<[], UnreadableRow>(
      `SELECT id, message_id, label, reason, received_at FROM unreadable_invitations
       WHERE dismissed_at IS NULL ORDER BY received_at, id`,
    ),
    recordUnreadable: db.prepare<UnreadableRow>(
      `INSERT INTO unreadable_invitations (id, message_id, label, reason, received_at)
       VALUES (@id, @message_id, @label, @reason, @received_at)
       ON CONFLICT (message_id) DO NOTHING`,
    ),
    dismissUnreadable: db.prepare<{ id: string; at: number }>(
      `UPDATE unreadable_invitations SET dismissed_at = @at
       WHERE id = @id AND dismissed_at IS NULL`,
    ),
  };
}

export class SqliteInvitationStore implements InvitationStore {
  private statements: ReturnType<typeof prepareStatements> | null = null;
  private get s(): ReturnType<typeof prepareStatements> {
    return (this.statements ??= prepareStatements(this.db));
  }
  private unreadableStatements: ReturnType<typeof prepareUnreadable> | null = null;
  private get u(): ReturnType<typeof prepareUnreadable> {
    return (this.unreadableStatements ??= prepareUnreadable(this.db));
  }

  constructor(private readonly db: Database) {}

  listInvitations(status?: InvitationStatus): StoredInvitation[] {
    const rows = status === undefined ? this.s.listAll.all() : this.s.listByStatus.all({ status });
    return rows.map(invitationFromRow);
  }

  getInvitation(id: string): StoredInvitation | null {
    const row = this.s.get.get({ id });
    return row ? invitationFromRow(row) : null;
  }

  findByUid(uid: string): StoredInvitation[] {
    return this.s.byUid.all({ uid }).map(invitationFromRow);
  }

  saveInvitation(invitation: StoredInvitation): void {
    this.s.save.run(invitationToRow(invitation));
  }

  listLinks(): InterviewInviteLink[] {
    return this.s.listLinks.all().map(linkFromRow);
  }

  getLinkByUid(uid: string): InterviewInviteLink | null {
    const row = this.s.linkByUid.get({ uid });
    return row ? linkFromRow(row) : null;
  }

  saveLink(link: InterviewInviteLink): void {
    this.db.transaction(() => {
      const other = this.getLinkByUid(link.uid);
      if (other && other.interviewId !== link.interviewId)
        this.s.deleteLinkByUid.run({ uid: link.uid });
      this.s.saveLink.run({
        interview_id: link.interviewId,
        uid: link.uid,
        sequence: link.sequence,
      });
    })();
  }

  queueChecks(checks: InvitationCheck[]): void {
    this.db.transaction(() => {
      for (const c of checks) {
        this.s.queueCheck.run({
          account_id: c.accountId,
          folder_path: c.folderPath,
          uid_validity: c.uidValidity,
          uid: c.uid,
          message_id: c.messageId,
        });
      }
    })();
  }

  listChecks(accountId: string, folderPath: string): InvitationCheck[] {
    return this.s.listChecks.all({ accountId, folderPath }).map(checkFromRow);
  }

  removeChecks(accountId: string, folderPath: string, uids: number[]): void {
    this.db.transaction(() => {
      for (const uid of uids) this.s.removeCheck.run({ accountId, folderPath, uid });
    })();
  }

  listUnreadable(): UnreadableInvitation[] {
    return this.u.listUnreadable.all().map(unreadableFromRow);
  }

  recordUnreadable(record: UnreadableInvitation): void {
    this.u.recordUnreadable.run({
      id: record.id,
      message_id: record.messageId,
      label: record.label.slice(0, 300),
      reason: record.reason.slice(0, 400),
      received_at: record.receivedAt,
    });
  }

  dismissUnreadable(id: string, at: number): boolean {
    return this.u.dismissUnreadable.run({ id, at }).changes > 0;
  }
}
