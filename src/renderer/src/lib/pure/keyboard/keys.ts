/**
 * What a key press means, as pure functions over plain data (no DOM), so the rules the
 * shortcut registry and the list keys follow can be tested without a browser.
 *
 * A key combination is written `mod+k`, `shift+Enter`, `?`, `j`: modifiers first, joined by
 * `+`, then the key as `KeyboardEvent.key` names it. `mod` is Cmd on a Mac and Ctrl elsewhere.
 */

/** The parts of a `KeyboardEvent` a combination is matched against. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface Combo {
  key: string;
  mod: boolean;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
}

function parseCombo(combo: string): Combo {
  // The last part is the key, so `mod++` would be mod with "+", and a plain "+" is "+".
  const parts = combo.length > 1 ? combo.split(/\+(?=.)/) : [combo];
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return {
    key,
    mod: mods.has('mod'),
    ctrl: mods.has('ctrl'),
    alt: mods.has('alt'),
    shift: mods.has('shift'),
  };
}

/** A key that types a character (one code point), as opposed to Enter, ArrowDown, … */
function isCharacter(key: string): boolean {
  return [...key].length === 1;
}

/** Whether a key press is the combination `combo`; `mac` says which key `mod` is. */
export function matchesCombo(press: KeyPress, combo: string, mac: boolean): boolean {
  const c = parseCombo(combo);
  const wantMeta = c.mod && mac;
  const wantCtrl = c.ctrl || (c.mod && !mac);
  if (press.metaKey !== wantMeta || press.ctrlKey !== wantCtrl || press.altKey !== c.alt) {
    return false;
  }
  if (isCharacter(c.key)) {
    // A character is what the layout made of the keys: "?" is Shift+/ on one keyboard and a key
    // of its own on another, so Shift only counts for letters ("J" is not "j").
    if (/^[a-z]$/i.test(c.key)) {
      return press.key.toLowerCase() === c.key.toLowerCase() && press.shiftKey === c.shift;
    }
    return press.key === c.key;
  }
  return press.key === c.key && press.shiftKey === c.shift;
}

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  Enter: 'Enter',
  ' ': 'Space',
};

/** The keys of a combination as the user reads them, e.g. `mod+k` → ["Ctrl", "K"] (["⌘", "K"] on a Mac). */
export function comboLabel(combo: string, mac: boolean): string[] {
  const c = parseCombo(combo);
  const out: string[] = [];
  if (c.ctrl) out.push(mac ? '⌃' : 'Ctrl');
  if (c.mod) out.push(mac ? '⌘' : 'Ctrl');
  if (c.alt) out.push(mac ? '⌥' : 'Alt');
  if (c.shift) out.push(mac ? '⇧' : 'Shift');
  out.push(KEY_NAMES[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key));
  return out;
}

/** The keys of a combination for a screen reader, e.g. `mod+k` → "Control+K". */
export function comboSpoken(combo: string, mac: boolean): string {
  const c = parseCombo(combo);
  const out: string[] = [];
  if (c.ctrl) out.push('Control');
  if (c.mod) out.push(mac ? 'Meta' : 'Control');
  if (c.alt) out.push('Alt');
  if (c.shift) out.push('Shift');
  out.push(c.key.length === 1 ? c.key.toUpperCase() : c.key);
  return out.join('+');
}

/** The parts of a focused element that decide whether keys are typing into it. */
export interface KeyTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  role?: string | null;
}

/** Input types that take no typed text: letters pressed on them are free for shortcuts. */
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Whether keys pressed on this element type text or pick a value (so they are not shortcuts). */
export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return target.role === 'textbox' || target.role === 'combobox' || target.role === 'searchbox';
}

/** Where a move key takes the active row of a list of `count` rows; null when it is no move key. */
export function nextRowIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  const at = Math.min(Math.max(current, 0), count - 1);
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return Math.min(at + 1, count - 1);
    case 'k':
    case 'ArrowUp':
      return Math.max(at - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
