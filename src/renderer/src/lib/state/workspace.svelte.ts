/**
 * What the whole window shows from main: who is owed what, and the list of applications.
 * Views read it; every write goes through `write`, which refreshes once afterwards, so the
 * UI is current even where main sends no `status:changed` event. A `status:changed` that
 * arrives while a write is under way is that refresh's to read (main sends it before the
 * write's answer); one at any other time (a sync, the command line) refreshes on its own.
 */
import type {
  ApplicationSummary,
  ObligationView,
  ReplyReviewItem,
  StatusSummary,
} from '../../../../shared/contract';
import type {
  ApplicationStatus,
  ManualChannel,
  ReplyClass,
  ReviewItem,
  StatusSuggestion,
} from '../../../../shared/model';
import { invoke, messageOf, on } from '../api';
import { activeCounts } from '../pure/obligation-groups';
import { systemZone } from '../pure/time';

export class WorkspaceState {
  status = $state.raw<StatusSummary | null>(null);
  applications = $state.raw<ApplicationSummary[]>([]);
  /** Unsure matches of synced mail, waiting for the user to confirm or reject. */
  review = $state.raw<ReviewItem[]>([]);
  /** Replies the app read but is not sure about, waiting for the user to say what they say. */
  replyReview = $state.raw<ReplyReviewItem[]>([]);
  /** The suggestion the user accepted last, until undone: what Undo puts back. */
  accepted = $state.raw<{
    applicationId: string;
    company: string;
    status: ApplicationStatus;
    previous: ApplicationStatus;
  } | null>(null);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** Bumps after every refresh, so views holding their own data can reload it. */
  version = $state(0);

  #pending: Promise<void> | null = null;
  /** `performance.now()` when `status` arrived, to move its clock on. */
  #fetchedAt = 0;
  #again = false;
  /** Writes whose change is under way: each refreshes when it ends. */
  #writing = 0;

  /** The zone due moments are shown in. */
  get zone(): string {
    return this.status?.timeZone ?? systemZone();
  }

  /** The instant the states were computed for: "now" for relative times. */
  get now(): number {
    return this.status?.at ?? Date.now();
  }

  /** The main process's clock now: the moment of the last status plus the time since. */
  clock(): number {
    return this.status ? this.status.at + (performance.now() - this.#fetchedAt) : Date.now();
  }

  /** Counts per state without the snoozed items: what the title, badges and summary show. */
  readonly counts: StatusSummary['counts'] = $derived(activeCounts(this.status?.obligations ?? []));

  get overdue(): number {
    return this.counts.overdue;
  }

  get isEmpty(): boolean {
    return this.loaded && this.applications.length === 0;
  }

  /** Reloads status and applications; calls during a refresh coalesce into one more. */
  refresh(): Promise<void> {
    if (this.#pending) {
      this.#again = true;
      return this.#pending;
    }
    this.#pending = this.#load().finally(() => {
      this.#pending = null;
      if (this.#again) {
        this.#again = false;
        void this.refresh();
      }
    });
    return this.#pending;
  }

  async #load(): Promise<void> {
    try {
      const [status, applications, review, replyReview] = await Promise.all([
        invoke('status:get', {}),
        invoke('applications:list', undefined),
        // The review lists are a hint: without them the rest still shows.
        invoke('review:list', undefined).catch(() => this.review),
        invoke('replies:to-review', undefined).catch(() => this.replyReview),
      ]);
      this.#fetchedAt = performance.now();
      this.status = status;
      this.applications = [...applications].sort(byCompany);
      this.review = review;
      this.replyReview = replyReview;
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.loaded = true;
      this.version += 1;
    }
  }

  /** Runs a change, then refreshes once, whether or not main announces it. */
  async write<T>(change: () => Promise<T>): Promise<T> {
    this.#writing += 1;
    try {
      return await change();
    } finally {
      this.#writing -= 1;
      await this.refresh();
    }
  }

  /** Records that the note of an obligation went out another way (letter, LinkedIn, in person). */
  async markSent(
    o: Pick<ObligationView, 'applicationId' | 'interviewId' | 'personId'> & { personId: string },
    input: { channel: ManualChannel; at: number; note: string },
  ): Promise<void> {
    await this.write(() =>
      invoke('contacts:mark-sent', {
        applicationId: o.applicationId,
        interviewId: o.interviewId,
        personId: o.personId,
        ...input,
      }),
    );
  }

  /** Does what a reply suggested: sets the application's status (rejected, offer). */
  async acceptSuggestion(suggestion: StatusSuggestion): Promise<void> {
    const found = this.applications.find((a) => a.application.id === suggestion.applicationId);
    if (!found) return;
    const { createdAt: _created, updatedAt: _updated, ...fields } = found.application;
    await this.write(() => invoke('applications:save', { ...fields, status: suggestion.status }));
    this.accepted = {
      applicationId: fields.id,
      company: fields.company,
      status: suggestion.status,
      previous: fields.status,
    };
  }

  /** Puts back the status the application had before the accepted suggestion. */
  async undoAccept(): Promise<void> {
    const accepted = this.accepted;
    this.accepted = null;
    const found = this.applications.find((a) => a.application.id === accepted?.applicationId);
    if (!accepted || !found) return;
    const { createdAt: _created, updatedAt: _updated, ...fields } = found.application;
    await this.write(() => invoke('applications:save', { ...fields, status: accepted.previous }));
  }

  /** The user says what a reply says (it wins over the app's reading, also after syncs). */
  async setReplyClass(messageId: string, replyClass: ReplyClass): Promise<void> {
    await this.write(() => invoke('replies:set-class', { messageId, replyClass }));
  }

  /** Says no to what a reply suggested: it is not suggested again for that reply. */
  async dismissSuggestion(suggestion: StatusSuggestion): Promise<void> {
    await this.write(() =>
      invoke('status:dismiss-suggestion', {
        applicationId: suggestion.applicationId,
        messageId: suggestion.messageId,
      }),
    );
  }

  /** Follows `status:changed` from main; returns the function that stops following. */
  listen(): () => void {
    return on('status:changed', () => {
      // During a write the refresh that ends it starts after this and reads this change too.
      if (this.#writing > 0) return;
      void this.refresh();
    });
  }
}

function byCompany(a: ApplicationSummary, b: ApplicationSummary): number {
  return (
    a.application.company.localeCompare(b.application.company) ||
    a.application.roleTitle.localeCompare(b.application.roleTitle)
  );
}
