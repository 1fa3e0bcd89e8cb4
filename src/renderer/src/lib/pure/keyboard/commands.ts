/**
 * What a command is: something the user can do by keys, from the command palette or both.
 * Kept apart from the registry, with no DOM, so pure code and its tests can use the type.
 */

export interface Command {
  /** Unique per meaning; a later registration with the same id hides the earlier one. */
  id: string;
  /** What it does, in the user's words: "Sync now", "Go to settings". */
  label: string;
  /** Heading the keys help and the palette put it under: "General", "Go to", "Actions", "List". */
  group: string;
  /** Key combinations that run it (see keys.ts); none: palette only. */
  keys?: readonly string[];
  /** What it does; absent for keys handled elsewhere (a list's j/k), listed in the help only. */
  run?: () => void;
  /** Also while typing in a text field; default: for Escape and Ctrl/Cmd/Alt combinations. */
  whenTyping?: boolean;
  /** Offered in the command palette; default: when it can run. */
  palette?: boolean;
  /** More words the palette matches ("mail refresh" for Sync now). */
  keywords?: string;
  /** Can it run now? Default yes. */
  enabled?: () => boolean;
}

export interface CommandGroup {
  group: string;
  commands: Command[];
}
