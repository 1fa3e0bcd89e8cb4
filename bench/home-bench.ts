/**
 * The home view in Debian's Chromium with 1,000 open obligations, served by the test bridge
 * (the built renderer and the real services over HTTP, as the renderer tests use it): the
 * time until the whole list is on screen, and whether scrolling through it stays smooth.
 */
import type { Page } from 'playwright-core';
import type { Application, Interview, Participant, Person, Workspace } from '../src/shared/model';
import { DEFAULT_SETTINGS } from '../src/shared/model';
import { bridgeClientScript } from '../test/support/bridge/client';
import { ensureRendererBuilt, launchChromium } from '../test/support/bridge/harness';
import { DEFAULT_NOW, startBridge } from '../test/support/bridge/server';
import { infoRow, ms, timingRow, type Row, type Table } from './report';
import { createRandom, summarize } from './stats';

const APPLICATIONS = 250;
/** Three interviewers and the arranger per application: 1,000 notes owed. */
const INTERVIEWERS = 3;
const OPEN = APPLICATIONS * (INTERVIEWERS + 1);
const RUNS = 5;
const LONG_TASK_MS = 50;
const HOUR = 3_600_000;

/** 250 applications with one recent (or coming) interview each; no note sent yet. */
function openWorkspace(): Workspace {
  const random = createRandom(11);
  const applications: Application[] = [];
  const interviews: Interview[] = [];
  const people: Person[] = [];
  const participants: Participant[] = [];
  for (let a = 0; a < APPLICATIONS; a++) {
    const domain = `company${a}.example`;
    applications.push({
      id: `app-${a}`,
      company: `Company ${a}`,
      roleTitle: random.pick(['Engineer', 'Designer', 'Product Manager']),
      postingUrl: null,
      status: 'interviewing',
      appliedOn: '2026-10-01',
      decidedOn: null,
      companyDomains: [domain],
      notes: '',
      createdAt: DEFAULT_NOW - 60 * 24 * HOUR,
      updatedAt: DEFAULT_NOW - 60 * 24 * HOUR,
    });
    // From ten days ago to three days ahead: overdue, due and coming up.
    const endsAt = DEFAULT_NOW + random.int(-240, 72) * HOUR;
    interviews.push({
      id: `iv-${a}`,
      applicationId: `app-${a}`,
      kind: random.pick(['phone', 'video', 'onsite', 'panel'] as const),
      startsAt: endsAt - HOUR,
      endsAt,
      timeZone: 'Europe/Berlin',
      location: null,
      decisionBy: null,
      contactPlan: '',
      contactPersonId: null,
      outcome: 'unknown',
      notes: '',
      cancelled: false,
    });
    for (let k = 0; k <= INTERVIEWERS; k++) {
      const id = `person-${a}-${k}`;
      people.push({
        id,
        name: `Person ${a}-${k}`,
        title: k === 0 ? 'Recruiter' : 'Engineer',
        company: `Company ${a}`,
        emails: [`p${k}@${domain}`],
        phone: '',
        firstNameOk: false,
        doNotContact: false,
        notApplicable: false,
        notes: '',
      });
      participants.push({
        interviewId: `iv-${a}`,
        personId: id,
        role: k === 0 ? 'arranger' : 'interviewer',
        topics: 'Observability, on-call',
        notes: '',
      });
    }
  }
  return {
    applications,
    interviews,
    people,
    participants,
    manualContacts: [],
    profile: { fullName: 'Sam Carter', phone: '', email: 'sam@home.example' },
    settings: { ...DEFAULT_SETTINGS, timeZone: 'Europe/Berlin' },
  };
}

// Collects long tasks from the start of the page, before the app's own code runs.
const OBSERVE_LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
})();`;

const OPEN_ROWS =
  '[data-group="overdue"] article, [data-group="today"] article, [data-group="upcoming"] article';

const OPEN_GROUP_COUNTS =
  '[data-group="overdue"] .group-count, [data-group="today"] .group-count, [data-group="upcoming"] .group-count';

interface ScrollResult {
  frames: number;
  distance: number;
  gaps: number[];
  longTasks: number[];
}

// Page scripts are strings: they run in Chromium, not here (and no bundler helper creeps in).

/**
 * Scrolls the list's scroller from top to bottom, 200 px a frame, noting the gaps between
 * frames and the long tasks meanwhile.
 */
const SCROLL_THROUGH = `(async () => {
  const candidates = [document.scrollingElement, ...document.querySelectorAll('*')].filter(
    (e) =>
      e !== null &&
      e.scrollHeight > e.clientHeight + 100 &&
      (e === document.scrollingElement || /auto|scroll/.test(getComputedStyle(e).overflowY)),
  );
  const scroller = candidates.sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
  if (!scroller) return { frames: 0, distance: 0, gaps: [], longTasks: [] };
  scroller.scrollTop = 0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.__longTasks = [];
  const gaps = [];
  let last = performance.now();
  let frames = 0;
  // Rows drawn on the way in may settle the height a little: the end is measured each frame.
  let end = scroller.scrollHeight - scroller.clientHeight;
  await new Promise((resolve) => {
    const step = (t) => {
      gaps.push(t - last);
      last = t;
      frames++;
      end = scroller.scrollHeight - scroller.clientHeight;
      if (scroller.scrollTop >= end - 1) return resolve();
      scroller.scrollTop += 200;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  // Tasks that ended with the last frame are reported a little later.
  await new Promise((r) => setTimeout(r, 100));
  return { frames, distance: end, gaps: gaps.slice(1), longTasks: [...window.__longTasks] };
})()`;

/**
 * The first animation frame with an open row in the page, and the first with the whole list (its
 * group headings count every open row; only the rows near the screen are mounted), in ms since
 * navigation. Polled in the page itself (a string evaluated over CDP, which the page's CSP does
 * not block, unlike waitForFunction's predicate).
 */
const ROWS_AT = `new Promise((resolve) => {
  let first = null;
  const listed = () =>
    [...document.querySelectorAll(${JSON.stringify(OPEN_GROUP_COUNTS)})].reduce(
      (n, e) => n + parseInt(e.textContent, 10),
      0,
    );
  const tick = () => {
    const n = document.querySelectorAll(${JSON.stringify(OPEN_ROWS)}).length;
    if (n > 0 && first === null) first = performance.now();
    if (n > 0 && listed() >= ${OPEN}) return resolve({ first, all: performance.now() });
    requestAnimationFrame(tick);
  };
  tick();
})`;

const LOAD_TIMING = `(() => {
  const calls = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/invoke'));
  return {
    slowestInvoke: Math.max(0, ...calls.map((e) => e.duration)),
    lastAnswer: Math.max(0, ...calls.map((e) => e.responseEnd)),
    longTasks: window.__longTasks,
  };
})()`;

async function scrollThrough(page: Page): Promise<ScrollResult> {
  return page.evaluate<ScrollResult>(SCROLL_THROUGH);
}

export async function benchHome(): Promise<Table[]> {
  ensureRendererBuilt();
  const bridge = await startBridge({ now: DEFAULT_NOW });
  const browser = await launchChromium();
  try {
    bridge.services.workspace.importWorkspace(openWorkspace());
    const counts = bridge.services.workspace.status().counts;
    const open = counts.overdue + counts.due + counts.upcoming;
    if (open !== OPEN) throw new Error(`${open} open obligations, expected ${OPEN}`);

    const firstRows: number[] = [];
    const firstRender: number[] = [];
    const statusCall: number[] = [];
    const afterAnswer: number[] = [];
    const loadLongTasks: number[] = [];
    let scroll: ScrollResult | null = null;
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({
        locale: 'en-GB',
        timezoneId: 'Europe/Berlin',
        viewport: { width: 1280, height: 860 },
      });
      try {
        const page = await context.newPage();
        await page.addInitScript(OBSERVE_LONG_TASKS);
        await page.addInitScript(bridgeClientScript(bridge.token));
        await page.goto(bridge.url);
        const { first, all: at } = await page.evaluate<{ first: number; all: number }>(ROWS_AT);
        const timing = await page.evaluate<{
          slowestInvoke: number;
          lastAnswer: number;
          longTasks: number[];
        }>(LOAD_TIMING);
        // Run 0 is the warm-up (the bridge's first status, Chromium's caches).
        if (run === 0) continue;
        firstRows.push(first);
        firstRender.push(at);
        statusCall.push(timing.slowestInvoke);
        afterAnswer.push(at - timing.lastAnswer);
        loadLongTasks.push(Math.max(0, ...timing.longTasks));
        if (run === RUNS) scroll = await scrollThrough(page);
      } finally {
        await context.close();
      }
    }
    if (scroll === null) throw new Error('no scroll measured');
    const render = summarize(firstRender);
    const gaps = summarize(scroll.gaps);
    const longest = Math.max(0, ...scroll.longTasks);
    console.log(
      `home: first render ${ms(render.median)}, scroll ${scroll.frames} frames, ` +
        `${scroll.longTasks.length} long tasks`,
    );
    const rows: Row[] = [
      timingRow('first render: navigation to the first frame with open rows', summarize(firstRows)),
      timingRow(
        `navigation to the frame with the list of all ${OPEN.toLocaleString('en-US')} open rows`,
        render,
      ),
      infoRow(
        'of which the slowest call to main (status:get over the bridge)',
        ms(summarize(statusCall).median),
      ),
      infoRow(
        'of which from the last answer from main to the frame with all rows (building the list)',
        ms(summarize(afterAnswer).median),
      ),
      infoRow('longest task while the page loads and renders', ms(summarize(loadLongTasks).median)),
      {
        figure: `scrolling through all of it (${scroll.distance} px, 200 px a frame): tasks over ${LONG_TASK_MS} ms`,
        median: String(scroll.longTasks.length),
        spread: scroll.longTasks.length > 0 ? `longest ${ms(longest)}` : '—',
        target: '0',
        result: scroll.longTasks.length === 0 ? 'met' : 'missed',
      },
      infoRow(
        'frame interval while scrolling',
        ms(gaps.median),
        `${ms(gaps.p10)}–${ms(gaps.p90)} (p10–p90, n=${gaps.runs}), longest ${ms(gaps.max)}`,
      ),
    ];
    return [
      {
        title: 'Home view in Chromium, 1,000 open obligations',
        rows,
        note:
          `Debian's Chromium ${browser.version()} headless (playwright-core), 1280×860, the built ` +
          `renderer served by the test bridge with the real services. ${APPLICATIONS} applications, ` +
          `each one interview with ${INTERVIEWERS} interviewers and the person who arranged it, no ` +
          `note sent yet. ${RUNS} page loads after one warm-up, each in a new browser context; the ` +
          'first render is read in the page (performance.now() in the first animation frame that ' +
          'has open rows, and the first that has every row); long tasks come from a ' +
          'PerformanceObserver installed before the app runs. The home view mounts only the rows ' +
          'on and near the screen (a virtual list: gaps as tall as the rows left out keep the ' +
          "page's length), so the whole list is there in the first frame and a scroll mounts a " +
          'few rows a frame.',
      },
    ];
  } finally {
    await browser.close();
    await bridge.close();
  }
}
