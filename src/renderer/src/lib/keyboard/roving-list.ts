/**
 * `use:rovingList` makes a list one Tab stop whose rows (`[data-row]` inside it) are moved
 * between with j/k or the arrow keys, Home and End, the way mail clients do: the active row
 * holds `tabindex="0"`, the others `-1`, and focus moves to the row itself, so the row is what a
 * screen reader reads and what Enter and the letter keys act on. Controls inside a row keep
 * their own Tab stops and their own Enter and Space; move keys work from them too.
 *
 * When a row goes away (marked as sent, snoozed) while it had focus, focus goes to the row that
 * took its place, so the user can go on with the next one.
 */
import { untrack } from 'svelte';
import { isTypingTarget, matchesCombo, nextRowIndex } from '../pure/keyboard/keys';
import type { Command } from '../pure/keyboard/commands';
import type { Keyboard } from './registry.svelte';

export interface RowKey {
  /** What the key does, for the keys help: "Mark as sent". */
  label: string;
  run: (row: HTMLElement, index: number) => void;
}

export interface RovingListOptions {
  /** Enter on a row. */
  onOpen?: (row: HTMLElement, index: number) => void;
  /** What Enter does, for the keys help ("Open the note"). */
  openLabel?: string;
  /** Keys acting on the active row: `{ e: { label: 'Mark as sent', run } }` (combos as in keys.ts). */
  keys?: Record<string, RowKey>;
  /** The active row changed (by key, click or focus). */
  onActive?: (row: HTMLElement, index: number) => void;
  /** Lists the list's keys in the keys help (`?`) while the list is on screen. */
  keyboard?: Keyboard;
  /** The heading they are listed under; default "List". */
  group?: string;
}

const ROW = '[data-row]';

/** The list's keys as commands the keys help shows (they run through the list, not the window). */
export function rowKeyCommands(options: RovingListOptions): Command[] {
  const group = options.group ?? 'List';
  const commands: Command[] = [
    { id: `${group}:next`, label: 'Next row', group, keys: ['j', 'ArrowDown'] },
    { id: `${group}:previous`, label: 'Previous row', group, keys: ['k', 'ArrowUp'] },
    { id: `${group}:ends`, label: 'First or last row', group, keys: ['Home', 'End'] },
  ];
  if (options.onOpen) {
    commands.push({
      id: `${group}:open`,
      label: options.openLabel ?? 'Open',
      group,
      keys: ['Enter'],
    });
  }
  for (const [combo, key] of Object.entries(options.keys ?? {})) {
    commands.push({ id: `${group}:${combo}`, label: key.label, group, keys: [combo] });
  }
  return commands;
}

function describe(target: Element) {
  return {
    tagName: target.tagName,
    type: target instanceof HTMLInputElement ? target.type : undefined,
    isContentEditable: target instanceof HTMLElement && target.isContentEditable,
    role: target.getAttribute('role'),
  };
}

export function rovingList(
  node: HTMLElement,
  initial: RovingListOptions = {},
): { update(options: RovingListOptions): void; destroy(): void } {
  let options = initial;
  let active: HTMLElement | null = null;
  let activeIndex = 0;
  /** Focus is in the list (a row or a control in one): a removed row hands focus on. */
  let focusWithin = false;
  let unregister = options.keyboard?.register(...rowKeyCommands(options));
  const mac = options.keyboard?.mac ?? /Mac|iPhone|iPad/.test(navigator.userAgent);

  const rows = () => [...node.querySelectorAll<HTMLElement>(ROW)];

  function setActive(row: HTMLElement, list = rows()): void {
    const changed = row !== active;
    active = row;
    activeIndex = Math.max(list.indexOf(row), 0);
    for (const r of list) r.tabIndex = r === row ? 0 : -1;
    if (changed) options.onActive?.(row, activeIndex);
  }

  /** Keeps one row the Tab stop as rows come and go. */
  function sync(): void {
    const list = rows();
    for (const r of list) if (!r.hasAttribute('tabindex')) r.tabIndex = -1;
    if (list.length === 0) {
      active = null;
      return;
    }
    if (active && list.includes(active)) {
      setActive(active, list);
      return;
    }
    const next = list[Math.min(activeIndex, list.length - 1)] ?? list[0];
    if (!next) return;
    const lostFocus =
      focusWithin &&
      active !== null &&
      (document.activeElement === null || document.activeElement === document.body);
    setActive(next, list);
    if (lostFocus) next.focus();
  }

  function onFocusIn(event: FocusEvent): void {
    focusWithin = true;
    const row = (event.target as Element).closest<HTMLElement>(ROW);
    if (row && node.contains(row)) setActive(row);
  }

  function onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget;
    if (to instanceof Node && !node.contains(to)) focusWithin = false;
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target as Element;
    const row = target.closest<HTMLElement>(ROW);
    if (!row || !node.contains(row) || isTypingTarget(describe(target))) return;
    // An open menu or a dialog inside the row has keys of its own.
    const inner = target.closest('[role="menu"], [role="listbox"], dialog');
    if (inner && row.contains(inner)) return;
    const list = rows();
    const index = list.indexOf(row);
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    const move = plain ? nextRowIndex(event.key, index, list.length) : null;
    if (move !== null) {
      event.preventDefault();
      const to = list[move];
      if (to) {
        setActive(to, list);
        to.focus();
      }
      return;
    }
    if (event.key === 'Enter' && plain && target === row && options.onOpen) {
      event.preventDefault();
      options.onOpen(row, index);
      return;
    }
    for (const [combo, key] of Object.entries(options.keys ?? {})) {
      if (!matchesCombo(event, combo, mac)) continue;
      // A control inside the row keeps Enter and Space for itself.
      if (target !== row && (event.key === 'Enter' || event.key === ' ')) return;
      event.preventDefault();
      key.run(row, index);
      return;
    }
  }

  const observer = new MutationObserver(sync);
  observer.observe(node, { childList: true, subtree: true });
  node.addEventListener('focusin', onFocusIn);
  node.addEventListener('focusout', onFocusOut);
  node.addEventListener('keydown', onKeyDown);
  sync();

  return {
    update(next) {
      const keysChanged =
        next.keyboard !== options.keyboard ||
        next.group !== options.group ||
        next.openLabel !== options.openLabel ||
        Boolean(next.onOpen) !== Boolean(options.onOpen) ||
        JSON.stringify(Object.entries(next.keys ?? {}).map(([k, v]) => [k, v.label])) !==
          JSON.stringify(Object.entries(options.keys ?? {}).map(([k, v]) => [k, v.label]));
      options = next;
      if (keysChanged) {
        // Svelte calls `update` inside an effect: registering must not make it depend on the list.
        untrack(() => {
          unregister?.();
          unregister = options.keyboard?.register(...rowKeyCommands(options));
        });
      }
    },
    destroy() {
      observer.disconnect();
      node.removeEventListener('focusin', onFocusIn);
      node.removeEventListener('focusout', onFocusOut);
      node.removeEventListener('keydown', onKeyDown);
      unregister?.();
    },
  };
}
