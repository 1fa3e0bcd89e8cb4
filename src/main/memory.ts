/**
 * How the main thread's JavaScript heap may grow, set once at start by the app and the
 * command line (and the benchmarks, which measure what they run).
 *
 * V8 doubles its young generation while a program allocates fast and much survives a
 * collection, up to 32 MiB of semi-spaces on a 64-bit Node. A large first sync does both
 * for seconds (imapflow parses every response into objects, a batch waits to be written),
 * and the young generation then stays at its largest: about 30 MiB of a peak of 160 MiB,
 * for space that holds garbage. Kept at its starting size it is collected more often, each
 * time quickly; runs side by side here showed no slower sync. The growth factor
 * is read whenever V8 considers growing, so it can be set after start, unlike the
 * semi-space limits; Node and Electron both leave V8's flags writable for this.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * The flag; `bin/followthrough.js` sets the same one for the commands that read a mailbox
 * (a test keeps the two in step).
 */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

/**
 * Call first thing: V8's code caches (Node's own included) record the flags they were made
 * with and are refused under others, so a flag set late costs what they would have saved.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString(YOUNG_GENERATION_FLAG);
}
