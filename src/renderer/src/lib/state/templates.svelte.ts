/** The note templates the user can edit in Settings, and the preview of one filled in. */
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import { invoke } from '../api';

export class TemplatesState {
  list(): Promise<ChannelOutput<'templates:list'>> {
    return invoke('templates:list', undefined);
  }

  preview(input: ChannelInput<'templates:preview'>): Promise<ChannelOutput<'templates:preview'>> {
    return invoke('templates:preview', input);
  }

  /** Saves one template's text; resolves with the whole list as it now is. */
  save(input: ChannelInput<'templates:save'>): Promise<ChannelOutput<'templates:save'>> {
    return invoke('templates:save', input);
  }

  /** Puts back one template's original text; resolves with the whole list. */
  restore(id: string): Promise<ChannelOutput<'templates:restore'>> {
    return invoke('templates:restore', { id });
  }
}
