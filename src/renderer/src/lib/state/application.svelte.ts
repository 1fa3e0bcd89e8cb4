/**
 * One application in detail and what the application, interview and review views change on
 * it: the application itself, its interviews, notes marked as sent, and which message
 * counts for whom. Every change goes through the workspace's `write`.
 */
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import type { Person } from '../../../../shared/model';
import { invoke } from '../api';
import type { WorkspaceState } from './workspace.svelte';

export class ApplicationsState {
  constructor(private readonly workspace: WorkspaceState) {}

  get(id: string): Promise<ChannelOutput<'applications:get'>> {
    return invoke('applications:get', { id });
  }

  save(input: ChannelInput<'applications:save'>): Promise<ChannelOutput<'applications:save'>> {
    return this.workspace.write(() => invoke('applications:save', input));
  }

  async remove(id: string): Promise<void> {
    await this.workspace.write(() => invoke('applications:delete', { id }));
  }

  /** Everyone the user has met, to pick interviewers from. */
  people(): Promise<Person[]> {
    return invoke('people:list', undefined);
  }

  async saveInterview(input: ChannelInput<'interviews:save'>): Promise<void> {
    await this.workspace.write(() => invoke('interviews:save', input));
  }

  async removeInterview(id: string): Promise<void> {
    await this.workspace.write(() => invoke('interviews:delete', { id }));
  }

  /** Takes back a note marked as sent by hand. */
  async unmarkSent(contactId: string): Promise<void> {
    await this.workspace.write(() => invoke('contacts:unmark', { id: contactId }));
  }

  /** Says that a message counts (`link`) or does not count (`unlink`) as a person's note. */
  async saveLink(input: ChannelInput<'links:save'>): Promise<void> {
    await this.workspace.write(() => invoke('links:save', input));
  }

  findMessages(query: string, limit: number): Promise<ChannelOutput<'messages:find'>> {
    return invoke('messages:find', { query, limit });
  }

  /** Opens a job posting in the browser; a link that does not open is not worth a message. */
  async openPosting(url: string): Promise<void> {
    await invoke('shell:open-external', { url }).catch(() => undefined);
  }
}
