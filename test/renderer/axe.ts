/**
 * axe-core in the page: runs every WCAG 2.x A and AA rule (and axe's best practices) on what
 * the window shows and returns the violations, each node named by its selector and by the
 * component it sits in when that component is on the list of those not yet clean.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Components another change is rewriting: their violations are listed apart (and reported)
 * instead of failing the test. The most specific first: a row inside the home view counts as
 * the row's. Empty this list as each becomes clean.
 */
export const NOT_YET_CLEAN: readonly { component: string; selector: string; exact?: true }[] = [];

/**
 * Components of their own that the ones above open (menus, dialogs): checked even when they
 * sit inside a component that is not yet clean.
 */
const CHECKED_INSIDE = ['dialog', '[role="menu"]'];

export interface AxeNode {
  target: string;
  /** The not-yet-clean component the node is in, or null. */
  component: string | null;
  summary: string;
  html: string;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Injects axe once per page load (a string evaluated over CDP: the page's CSP allows no inline script). */
async function ensureAxe(page: Page): Promise<void> {
  const present = await page.evaluate<boolean>('typeof window.axe !== "undefined"');
  if (!present) await page.evaluate(AXE_SOURCE);
}

/** Every violation axe finds in the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await ensureAxe(page);
  // Two frames, so a change of size or colour scheme has been laid out and painted.
  await page.evaluate(
    'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))))',
  );
  return page.evaluate<AxeViolation[]>(`(async () => {
    const known = ${JSON.stringify(NOT_YET_CLEAN)};
    const checkedInside = ${JSON.stringify(CHECKED_INSIDE.join(', '))};
    const ownerOf = (element) => {
      const exact = known.find((k) => k.exact && element.matches(k.selector));
      if (exact) return exact.component;
      const owner = known.find((k) => !k.exact && element.closest(k.selector));
      if (!owner) return null;
      const own = element.closest(checkedInside);
      return own && own.closest(owner.selector) ? null : owner.component;
    };
    // Selectors for every node checked cost most of the time on a large page: the nodes come
    // back as elements instead, described here.
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
      selectors: false,
      elementRef: true,
    });
    const describe = (element) => {
      const parts = [];
      for (let e = element; e && e !== document.body && parts.length < 3; e = e.parentElement) {
        const label = e.getAttribute('aria-label');
        const id = e.id ? '#' + e.id : '';
        const classes = [...e.classList].filter((c) => !c.startsWith('svelte-')).map((c) => '.' + c).join('');
        parts.unshift(e.localName + id + classes + (label ? '[aria-label="' + label + '"]' : ''));
      }
      return parts.join(' > ');
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => {
        const element = n.element ?? null;
        return {
          target: element ? describe(element) : n.target.map(String).join(' '),
          component: element ? ownerOf(element) : null,
          summary: (n.failureSummary ?? '').replace(/\\s+/g, ' ').trim(),
          html: n.html.length > 160 ? n.html.slice(0, 160) + '…' : n.html,
        };
      }),
    }));
  })()`);
}

/** Splits violations into those of the page and those inside the not-yet-clean components. */
export function splitViolations(violations: AxeViolation[]): {
  page: AxeViolation[];
  notYetClean: AxeViolation[];
} {
  const pick = (inKnown: boolean) =>
    violations
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => (n.component !== null) === inKnown) }))
      .filter((v) => v.nodes.length > 0);
  return { page: pick(false), notYetClean: pick(true) };
}

/** One readable block per violation, a line per node (at most `perRule` of them). */
export function describeViolations(violations: AxeViolation[], perRule = 8): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, perRule).map((n) => {
        const where = n.component ? ` [${n.component}]` : '';
        return `    ${n.target}${where}\n      ${n.html}\n      ${n.summary}`;
      });
      const more = v.nodes.length > perRule ? [`    … and ${v.nodes.length - perRule} more`] : [];
      return [
        `  ${v.id} (${v.impact ?? 'no impact'}, ${v.nodes.length} nodes): ${v.help}`,
        ...nodes,
        ...more,
      ].join('\n');
    })
    .join('\n');
}
