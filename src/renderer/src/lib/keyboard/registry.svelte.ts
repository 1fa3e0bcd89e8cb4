/**
 * The window's keyboard shortcuts and commands in one place. Views register what they offer
 * while they are on screen (`useCommands`), the keys help lists it by group, and the command
 * palette offers every command that can run. One keydown listener on the window runs them.
 *
 * Rules: single keys (`/`, `?`, `j`) do nothing while the user types in a text field or works
 * in a dialog; combinations with Ctrl/Cmd/Alt and Escape work everywhere (but dialogs). A
 * handler closer to the focus (a list, a dialog) that calls `preventDefault` wins.
 */
import { getContext, setContext, untrack } from 'svelte';
import type { Command, CommandGroup } from '../pure/keyboard/commands';
import { isTypingTarget, matchesCombo } from '../pure/keyboard/keys';

export type { Command, CommandGroup } from '../pure/keyboard/commands';

/** Groups first in this order in the keys help; others follow in order of registration. */
const GROUP_ORDER = ['General', 'Go to', 'List', 'Actions'];

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
}

function typesByDefault(combo: string): boolean {
  return combo === 'Escape' || /^(mod|ctrl|alt)\+/i.test(combo);
}

export class Keyboard {
  /** Is Cmd the `mod` key (a Mac) or Ctrl. */
  readonly mac: boolean;
  paletteOpen = $state(false);
  helpOpen = $state(false);
  #commands = $state.raw<Command[]>([]);
  #searchFields: HTMLElement[] = [];

  constructor(options: { mac?: boolean } = {}) {
    this.mac = options.mac ?? isMac();
  }

  /** Every command on screen, the later of two with one id only. */
  get commands(): Command[] {
    const all = this.#commands;
    return all.filter((c, i) => !all.slice(i + 1).some((later) => later.id === c.id));
  }

  /** The commands that have keys, by group, for the keys help. */
  get groups(): CommandGroup[] {
    const withKeys = this.commands.filter((c) => c.keys && c.keys.length > 0);
    const names = withKeys.map((c) => c.group).filter((g, i, all) => all.indexOf(g) === i);
    const rank = (g: string) => {
      const i = GROUP_ORDER.indexOf(g);
      return i < 0 ? GROUP_ORDER.length : i;
    };
    return names
      .map((group) => ({ group, commands: withKeys.filter((c) => c.group === group) }))
      .sort((a, b) => rank(a.group) - rank(b.group));
  }

  /** What the command palette offers: the commands that can run now. */
  get paletteCommands(): Command[] {
    return this.commands.filter((c) => c.run && (c.palette ?? true) && (c.enabled?.() ?? true));
  }

  /** Adds commands; returns the function that takes exactly these away again. */
  register(...commands: Command[]): () => void {
    this.#commands = [...this.#commands, ...commands];
    return () => {
      this.#commands = this.#commands.filter((c) => !commands.includes(c));
    };
  }

  /** Runs the command a key press is for; true when one ran (and the press was consumed). */
  handle(event: KeyboardEvent): boolean {
    if (event.defaultPrevented || event.isComposing) return false;
    const target = event.target instanceof Element ? event.target : null;
    const typing = isTypingTarget(
      target && {
        tagName: target.tagName,
        type: target instanceof HTMLInputElement ? target.type : undefined,
        isContentEditable: target instanceof HTMLElement && target.isContentEditable,
        role: target.getAttribute('role'),
      },
    );
    // A modal dialog has its own keys; the page's do not reach through it.
    if (target?.closest('dialog[open]')) return false;
    const commands = this.commands;
    for (let i = commands.length - 1; i >= 0; i -= 1) {
      const c = commands[i];
      if (!c?.run || !c.keys || (c.enabled && !c.enabled())) continue;
      const combo = c.keys.find((k) => matchesCombo(event, k, this.mac));
      if (!combo) continue;
      if (typing && !(c.whenTyping ?? typesByDefault(combo))) continue;
      event.preventDefault();
      c.run();
      return true;
    }
    return false;
  }

  /** Handles key presses on the window; returns the function that stops. */
  listen(target: Window = window): () => void {
    const onKey = (event: KeyboardEvent) => void this.handle(event);
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }

  /** Svelte action for a view's search field: `/` focuses it while it is on screen. */
  readonly searchField = (node: HTMLElement): { destroy(): void } => {
    this.#searchFields.push(node);
    return {
      destroy: () => {
        this.#searchFields = this.#searchFields.filter((n) => n !== node);
      },
    };
  };

  /**
   * Focuses the search field of the view on screen: the one registered last, else the view's
   * first search box. False when there is none.
   */
  focusSearch(): boolean {
    const registered = this.#searchFields.findLast((n) => n.isConnected);
    const field =
      registered ?? document.querySelector<HTMLElement>('main input[type="search"]') ?? null;
    if (!field) return false;
    field.focus();
    if (field instanceof HTMLInputElement) field.select();
    return true;
  }

  openPalette(): void {
    this.helpOpen = false;
    this.paletteOpen = true;
  }

  openHelp(): void {
    this.paletteOpen = false;
    this.helpOpen = true;
  }

  reset(): void {
    this.#commands = [];
    this.#searchFields = [];
    this.paletteOpen = false;
    this.helpOpen = false;
  }
}

const KEY = Symbol('keyboard');

/** Makes the window's keyboard available to every component below (call in App). */
export function setKeyboard(keyboard: Keyboard): Keyboard {
  return setContext(KEY, keyboard);
}

/** The window's keyboard, from a component under App. */
export function getKeyboard(): Keyboard {
  const keyboard = getContext<Keyboard | undefined>(KEY);
  if (!keyboard) throw new Error('getKeyboard() needs setKeyboard() in a parent component.');
  return keyboard;
}

/**
 * Registers commands while the calling component is on screen (call during its setup);
 * `make` runs again when state it reads changes.
 */
export function useCommands(make: () => Command[]): void {
  const keyboard = getKeyboard();
  $effect(() => {
    const commands = make();
    // Registering reads the list it changes: only what `make` reads may run this again.
    return untrack(() => keyboard.register(...commands));
  });
}
