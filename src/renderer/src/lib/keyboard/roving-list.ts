/**
 * `use:rovingList` makes a list one Tab stop whose rows (`[data-row]` inside it) are moved
 * between with j/k or the arrow keys, Home and End, the way mail clients do: the active row
 * holds `tabindex="0"`, the others `-1`, and focus moves to the row itself, so the row is what a
 * screen reader reads and what Enter and the letter keys act on. Controls inside a row keep
 * their own Tab stops and their own Enter and Space; move keys work from them too.
 *
 * When a row goes away (marked as sent, snoozed) while it had focus, focus goes to the row that
 * took its place, so the user can go on with the next one. A row the page moves (a list that
 * reuses its rows reorders them) loses focus in the browser: it gets it back.
 *
 * Rows can be hidden instead of removed (a search that keeps them mounted, so narrowing and
 * clearing it is one cheap frame): a row with a `hidden` ancestor (itself included) or folded
 * into a closed `<details>` is skipped by the keys and never the Tab stop.
 *
 * A list drawn in part gives `order` and `reveal`: the keys then move through every row of the
 * list, and a row not mounted is mounted (and scrolled to, by its focus) before it takes focus.
 */
import { untrack } from 'svelte';
import { isTypingTarget, matchesCombo, nextRowIndex } from '../pure/keyboard/keys';
import type { Command } from '../pure/keyboard/commands';
import type { Keyboard } from './registry.svelte';

export interface RowKey {
  /** What the key does, for the keys help: "Mark as sent". */
  label: string;
  /** Acts on the row; `false` when there was nothing to do, so the key goes on to others. */
  run: (row: HTMLElement, index: number) => void | false;
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
  /** What a row is called in the keys help ("Next note"); default "row". */
  rowWord?: string;
  /**
   * A list drawn in part (only the rows near the screen are mounted): the ids (`data-row`) of
   * all its reachable rows in reading order, for the keys to move through.
   */
  order?: () => readonly string[];
  /** Mounts the row of `id` (a list drawn in part) and gives it back, to be focused. */
  reveal?: (id: string) => Promise<HTMLElement | null | undefined>;
}

const ROW = '[data-row]';

/** The list's keys as commands the keys help shows (they run through the list, not the window). */
export function rowKeyCommands(options: RovingListOptions): Command[] {
  const group = options.group ?? 'List';
  const word = options.rowWord ?? 'row';
  const commands: Command[] = [
    { id: `${group}:next`, label: `Next ${word}`, group, keys: ['j', 'ArrowDown'] },
    { id: `${group}:previous`, label: `Previous ${word}`, group, keys: ['k', 'ArrowUp'] },
    { id: `${group}:ends`, label: `First or last ${word}`, group, keys: ['Home', 'End'] },
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

/** A row the keys can reach: neither hidden nor folded into a closed `<details>` of the list. */
function reachable(row: HTMLElement, list: HTMLElement): boolean {
  for (let at: HTMLElement | null = row; at && at !== list; at = at.parentElement) {
    if (at.hidden) return false;
    if (at !== row && at instanceof HTMLDetailsElement && !at.open) return false;
  }
  return true;
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
  /** The element in the list that last took focus: if the page moves it, it gets focus back. */
  let focused: HTMLElement | null = null;
  let unregister = options.keyboard?.register(...rowKeyCommands(options));
  const mac = options.keyboard?.mac ?? /Mac|iPhone|iPad/.test(navigator.userAgent);

  const allRows = () => [...node.querySelectorAll<HTMLElement>(ROW)];
  /** The rows the keys move through, in reading order. */
  const rows = (all = allRows()) => all.filter((r) => reachable(r, node));

  function setActive(row: HTMLElement, list = rows(), all = allRows()): void {
    const changed = row !== active;
    active = row;
    activeIndex = Math.max(list.indexOf(row), 0);
    // Only what changes is written: a search hides and shows a thousand rows in one frame.
    for (const r of all) {
      const tabIndex = r === row ? 0 : -1;
      if (r.tabIndex !== tabIndex || !r.hasAttribute('tabindex')) r.tabIndex = tabIndex;
    }
    if (changed) options.onActive?.(row, activeIndex);
  }

  /**
   * Who takes the Tab stop from `row`, hidden but still there: the nearest reachable row after
   * it, else before it.
   */
  function standIn(
    row: HTMLElement,
    all: HTMLElement[],
    list: HTMLElement[],
  ): HTMLElement | undefined {
    const ok = new Set(list);
    const at = all.indexOf(row);
    return all.slice(at + 1).find((r) => ok.has(r)) ?? all.slice(0, at).findLast((r) => ok.has(r));
  }

  /** Keeps one row the Tab stop as rows come and go, or are hidden and shown. */
  function sync(): void {
    const all = allRows();
    const list = rows(all);
    for (const r of all) if (!r.hasAttribute('tabindex')) r.tabIndex = -1;
    // Every row hidden: the Tab stop stays where it was, to come back with its row.
    if (list.length === 0) {
      if (active && !node.contains(active)) active = null;
      return;
    }
    if (active && list.includes(active)) {
      setActive(active, list, all);
      return;
    }
    const next =
      active && node.contains(active)
        ? standIn(active, all, list)
        : (list[Math.min(activeIndex, list.length - 1)] ?? list[0]);
    if (!next) return;
    const lostFocus =
      focusWithin &&
      active !== null &&
      (document.activeElement === null || document.activeElement === document.body);
    setActive(next, list, all);
    if (lostFocus) next.focus();
  }

  function onFocusIn(event: FocusEvent): void {
    focusWithin = true;
    focused = event.target as HTMLElement;
    const row = (event.target as Element).closest<HTMLElement>(ROW);
    if (row && node.contains(row)) setActive(row);
  }

  function onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget;
    if (to instanceof Node && !node.contains(to)) focusWithin = false;
  }

  /** Focuses the row of `id`, mounting it first when it is not. */
  async function moveTo(
    id: string,
    reveal: (id: string) => Promise<HTMLElement | null | undefined>,
  ) {
    const mounted = node.querySelector<HTMLElement>(`[data-row="${CSS.escape(id)}"]`);
    const to = mounted && reachable(mounted, node) ? mounted : await reveal(id);
    if (!to || !node.contains(to)) return;
    setActive(to);
    to.focus();
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target as Element;
    const row = target.closest<HTMLElement>(ROW);
    if (!row || !node.contains(row) || isTypingTarget(describe(target))) return;
    // An open menu or a dialog inside the row has keys of its own.
    const inner = target.closest('[role="menu"], [role="listbox"], dialog');
    if (inner && row.contains(inner)) return;
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    if (plain && options.order && options.reveal) {
      const ids = options.order();
      const at = ids.indexOf(row.dataset.row ?? '');
      const move = at < 0 ? null : nextRowIndex(event.key, at, ids.length);
      if (move !== null) {
        event.preventDefault();
        void moveTo(ids[move]!, options.reveal);
        return;
      }
    }
    const list = rows();
    const index = list.indexOf(row);
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
      if (key.run(row, index) !== false) event.preventDefault();
      return;
    }
  }

  /** Gives focus back to the element that had it if these changes moved it (took it out and put it back). */
  function refocusMoved(records: MutationRecord[]): void {
    const element = focused;
    if (!focusWithin || !element?.isConnected || !node.contains(element)) return;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    const moved = records.some((r) =>
      Array.from(r.removedNodes).some((n) => n === element || n.contains(element)),
    );
    if (moved) element.focus({ preventScroll: true });
  }

  const observer = new MutationObserver((records) => {
    refocusMoved(records);
    // Rows hidden or shown while the Tab stop's row stays in sight: nothing to move (hidden
    // rows cannot be reached whatever their tabindex), and a search spares a walk of the list.
    const onlyShown = records.every((r) => r.type === 'attributes');
    if (onlyShown && active && node.contains(active) && reachable(active, node)) return;
    sync();
  });
  observer.observe(node, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['hidden', 'open'],
  });
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
        next.rowWord !== options.rowWord ||
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
