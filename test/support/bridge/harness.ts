/**
 * Shared setup for renderer tests: a fresh build when the sources changed, Debian's
 * Chromium through playwright-core, and a page on the bridge that records console errors
 * and CSP violations.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import type { ServiceOptions } from '../../../src/main/services';
import { PREREQUISITES, required } from '../prerequisites';
import { bridgeClientScript } from './client';
import { RENDERER_DIR, startBridge, type Bridge } from './server';

const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

/** Chrome reports this for the meta-delivered CSP; the directive only works as a header. */
const EXPECTED_CONSOLE = [/frame-ancestors' is ignored when delivered via a <meta> element/];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds with electron-vite when out/renderer is missing or older than the renderer sources. */
export function ensureRendererBuilt(): void {
  const index = path.join(RENDERER_DIR, 'index.html');
  const lock = path.join(ROOT, 'node_modules', '.cache', 'followthrough-renderer-build.lock');
  const stale = () =>
    !fs.existsSync(index) ||
    fs.statSync(index).mtimeMs <
      Math.max(
        newestMtime(path.join(ROOT, 'src/renderer')),
        newestMtime(path.join(ROOT, 'src/shared')),
      );
  if (!stale()) return;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const started = Date.now();
  // Test files run in parallel: one builds, the others wait for it.
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (stale()) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: required(PREREQUISITES.chromium),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  bridge: Bridge;
  /** Console errors and warnings and page errors seen so far, minus the expected ones. */
  problems: string[];
  /** CSP violations the page reported. */
  cspViolations(): Promise<string[]>;
  /** How many calls the page made per channel since it opened or since `resetCalls`. */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  /** Saves `<name>-light.png` and `<name>-dark.png`; modal views pass `fullPage: false`. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<void>;
  /**
   * The same at the smallest and a large window (1024×640, 1600×1000): `<name>-<width>-light.png`
   * and `-dark.png` of what the window shows, scrolled so `near` is at the top when given.
   */
  screenshotAtSizes(name: string, near?: Locator): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_VIEWPORT = { width: 1280, height: 860 };
/** The smallest window the app supports, and a large one. */
const SCREENSHOT_SIZES = [
  [1024, 640],
  [1600, 1000],
] as const;

export async function openApp(
  browser: Browser,
  options: {
    now?: number;
    colorScheme?: 'light' | 'dark';
    /** Google and Microsoft sign-in: the local authorization server and the user's browser. */
    oauth?: ServiceOptions['oauth'];
  } = {},
): Promise<AppPage> {
  const bridge = await startBridge({
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.oauth ? { oauth: options.oauth } : {}),
  });
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    viewport: DEFAULT_VIEWPORT,
    colorScheme: options.colorScheme ?? 'light',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = message.text();
    if (EXPECTED_CONSOLE.some((p) => p.test(text))) return;
    problems.push(`${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(bridgeClientScript(bridge.token));
  await page.goto(bridge.url);
  return {
    page,
    context,
    bridge,
    problems,
    cspViolations: () => page.evaluate<string[]>('window.__cspViolations'),
    calls: () => page.evaluate<Record<string, number>>('({ ...window.__bridgeCalls })'),
    resetCalls: () => page.evaluate<void>('void (window.__bridgeCalls = {})'),
    async screenshot(name, shotOptions = {}) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.evaluate('window.scrollTo(0, 0)');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `${name}-${scheme}.png`),
          fullPage: shotOptions.fullPage ?? true,
        });
      }
      await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
    },
    async screenshotAtSizes(name, near) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      for (const [width, height] of SCREENSHOT_SIZES) {
        await page.setViewportSize({ width, height });
        if (near) await near.evaluate("(el) => el.scrollIntoView({ block: 'start' })");
        else await page.evaluate('window.scrollTo(0, 0)');
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({
            path: path.join(SCREENSHOT_DIR, `${name}-${width}-${scheme}.png`),
          });
        }
      }
      await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
      await page.setViewportSize(DEFAULT_VIEWPORT);
    },
    async close() {
      await context.close();
      await bridge.close();
    },
  };
}
