/**
 * Allocates as a large first sync does (fast, with a window of recent objects surviving each
 * collection) and prints the largest young generation V8 gave itself, in bytes.
 * Usage: node --import tsx young-generation-child.ts <app|default>
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { keepYoungGenerationSmall } from '../../../src/main/memory';

if (process.argv[2] === 'app') keepYoungGenerationSmall();

const youngSize = (): number =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

const WINDOW = 20_000;
const recent: unknown[] = new Array<unknown>(WINDOW);
let largest = youngSize();
for (let i = 0; i < 3_000_000; i++) {
  recent[i % WINDOW] = { uid: i, subject: `note ${i}`, to: [i, i + 1] };
  if (i % 50_000 === 0) largest = Math.max(largest, youngSize());
}
process.stdout.write(`${JSON.stringify({ largest, kept: recent.length })}\n`);
