/**
 * Banners the user closed, for as long as the window is open. A banner's key names what it
 * is about (e.g. which notes are overdue), so a new item brings the banner back.
 */
import { SvelteSet } from 'svelte/reactivity';

export class Dismissals {
  #keys = new SvelteSet<string>();

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  dismiss(key: string): void {
    this.#keys.add(key);
  }

  /** Brings one closed banner back. */
  restore(key: string): void {
    this.#keys.delete(key);
  }
}
