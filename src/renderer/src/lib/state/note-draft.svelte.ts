/**
 * One note being written: its text as the user types it, saved after a short pause (each
 * save answers with fresh findings), one save at a time, and flushed when the view closes,
 * so nothing typed is lost. Sending and saving to the Drafts folder save first. A sent note
 * waits in main for the undo window: the countdown runs here, and once it is over the note is
 * read again until main says how the send ended.
 */
import type { DraftView } from '../../../../shared/contract';
import type { Draft, NoteFinding, NoteTemplate } from '../../../../shared/model';
import { ApiError, invoke, messageOf } from '../api';
import { parseRecipients } from '../pure/note-text';

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

/** Saves still under way, per obligation: opening the same note again waits for them. */
const pendingSaves: Record<string, Promise<void>> = {};

export class NoteDraft {
  view = $state.raw<DraftView | null>(null);
  templates = $state.raw<NoteTemplate[]>([]);
  subject = $state('');
  body = $state('');
  toText = $state('');
  /** Findings for the text as it was last saved. */
  findings = $state.raw<NoteFinding[]>([]);
  saveState = $state<SaveState>('saved');
  saveError = $state<string | null>(null);
  loadError = $state<string | null>(null);
  /** What is being done with the note right now. */
  busy = $state<'template' | 'send' | 'folder' | 'undo' | null>(null);
  /** While a sent note waits for Undo: the `performance.now()` it goes out at. */
  sendsAt = $state<number | null>(null);
  /** Whole seconds left in the undo window, for the countdown. */
  secondsLeft = $state(0);
  /** Called once a queued note's send has ended (sent, failed or stopped by the checks). */
  onSettled: ((draft: Draft) => void) | null = null;

  readonly recipients = $derived(parseRecipients(this.toText));

  #timer: ReturnType<typeof setTimeout> | null = null;
  #dirty = false;
  #saving: Promise<void> | null = null;
  /** The last list of valid recipients, kept while the field holds a half-typed address. */
  #lastTo: string[] = [];
  #ticker: ReturnType<typeof setInterval> | null = null;
  #closed = false;

  constructor(
    readonly obligationId: string,
    private readonly delay = 400,
  ) {}

  get draft(): Draft | null {
    return this.view?.draft ?? null;
  }

  /** Editing or failed: the text can still change. */
  get editable(): boolean {
    const state = this.draft?.state;
    return state === 'editing' || state === 'failed';
  }

  async load(): Promise<void> {
    try {
      await pendingSaves[this.obligationId];
      const [view, templates] = await Promise.all([
        invoke('drafts:open', { obligationId: this.obligationId }),
        invoke('templates:list', undefined),
      ]);
      this.templates = templates;
      this.#take(view, true);
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  /** Call after every change to subject, body or recipients. */
  changed(): void {
    this.#dirty = true;
    this.saveState = 'pending';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.delay);
  }

  /** Saves now whatever is not saved yet; resolves once it is (or failed). */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    while (this.#saving) await this.#saving;
    if (!this.#dirty || !this.editable) return;
    this.#dirty = false;
    const { valid, invalid } = this.recipients;
    const to = invalid.length === 0 ? valid : this.#lastTo;
    const sent = { subject: this.subject, body: this.body };
    this.saveState = 'saving';
    const job = invoke('drafts:update', { obligationId: this.obligationId, ...sent, to })
      .then((view) => {
        this.#lastTo = to;
        this.view = view;
        if (view.draft.subject === this.subject && view.draft.body === this.body)
          this.findings = view.findings;
        this.saveError = null;
        if (!this.#dirty) this.saveState = 'saved';
      })
      .catch((error: unknown) => {
        this.#dirty = true;
        this.saveError = messageOf(error);
        this.saveState = 'failed';
      });
    this.#saving = job;
    pendingSaves[this.obligationId] = job;
    try {
      await job;
    } finally {
      this.#saving = null;
      if (pendingSaves[this.obligationId] === job) delete pendingSaves[this.obligationId];
    }
  }

  /** Starts the text again from a template (the caller confirms first when text would be lost). */
  async useTemplate(templateId: string): Promise<void> {
    this.busy = 'template';
    try {
      await this.flush();
      const view = await invoke('drafts:use-template', {
        obligationId: this.obligationId,
        templateId,
      });
      this.#take(view, true);
    } catch (error) {
      this.saveError = messageOf(error);
    } finally {
      this.busy = null;
    }
  }

  /**
   * Sends the note once, after the undo window when there is one (then `sendsAt` is set and
   * the draft answered is still editing). Throws an ApiError with the reason; the text is kept.
   */
  async send(accountId: string): Promise<Draft> {
    return this.#act('send', async () => {
      const { draft } = await invoke('drafts:send', { obligationId: this.obligationId, accountId });
      return draft;
    });
  }

  /** Takes back the note waiting in its undo window: nothing goes out, it stays a draft. */
  async undo(): Promise<Draft> {
    this.busy = 'undo';
    try {
      const draft = await invoke('notes:undo', { obligationId: this.obligationId });
      this.#stopTicker();
      this.sendsAt = null;
      return draft;
    } finally {
      await this.#reload();
      this.busy = null;
    }
  }

  /** Stops the countdown when the view closes (the note still goes out: main holds it). */
  close(): void {
    this.#closed = true;
    this.#stopTicker();
  }

  /** Hands a `mailto:` link of the note to the user's mail program; false if none opened. */
  async openInMailProgram(mailto: string): Promise<boolean> {
    const { opened } = await invoke('shell:open-external', { url: mailto });
    return opened;
  }

  /** Puts the note in the account's Drafts folder, replacing the copy put there before. */
  async saveToFolder(accountId: string): Promise<Draft> {
    return this.#act('folder', () =>
      invoke('drafts:save-to-folder', { obligationId: this.obligationId, accountId }),
    );
  }

  async #act(kind: 'send' | 'folder', action: () => Promise<Draft>): Promise<Draft> {
    if (this.busy) throw new ApiError('conflict', 'Wait until the note is saved.');
    this.busy = kind;
    try {
      await this.flush();
      if (this.saveState === 'failed')
        throw new ApiError('failed', `The note is not saved yet: ${this.saveError ?? ''}`.trim());
      return await action();
    } finally {
      // Whatever happened (sent, failed, sent already elsewhere), show the note as it is now.
      await this.#reload();
      this.busy = null;
    }
  }

  async #reload(): Promise<void> {
    try {
      const view = await invoke('drafts:open', { obligationId: this.obligationId });
      this.#take(view, !this.editable || view.draft.state === 'sent');
    } catch {
      // The note stays as shown; the action's own error says what went wrong.
    }
  }

  #stopTicker(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = null;
  }

  /** Counts down the undo window, then reads the note until main says how the send ended. */
  #wait(sendsInMs: number): void {
    this.sendsAt = performance.now() + sendsInMs;
    this.#stopTicker();
    const tick = () => {
      const left = (this.sendsAt ?? 0) - performance.now();
      this.secondsLeft = Math.max(0, Math.ceil(left / 1000));
      if (left > 0) return;
      this.#stopTicker();
      void this.#settle();
    };
    tick();
    if (this.sendsAt !== null && !this.#closed) this.#ticker = setInterval(tick, 200);
  }

  async #settle(): Promise<void> {
    for (let tries = 0; tries < 200 && !this.#closed; tries += 1) {
      try {
        const view = await invoke('drafts:open', { obligationId: this.obligationId });
        if (!view.sendsInMs && view.draft.state !== 'sending') {
          this.sendsAt = null;
          this.#take(view, true);
          this.onSettled?.(view.draft);
          return;
        }
      } catch {
        // Asked again below.
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  #take(view: DraftView, replaceText: boolean): void {
    this.view = view;
    if (view.sendsInMs) this.#wait(view.sendsInMs);
    if (replaceText) {
      this.subject = view.draft.subject;
      this.body = view.draft.body;
      this.toText = view.draft.to.join(', ');
      this.#lastTo = view.draft.to;
      this.#dirty = false;
      this.saveState = 'saved';
    }
    if (view.draft.subject === this.subject && view.draft.body === this.body)
      this.findings = view.findings;
  }
}
