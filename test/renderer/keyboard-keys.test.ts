import { describe, expect, test } from 'vitest';
import type { ApplicationSummary } from '../../src/shared/contract';
import type { Application, Person } from '../../src/shared/model';
import { fold, matchScore, rankByQuery } from '../../src/renderer/src/lib/pure/keyboard/fuzzy';
import {
  comboLabel,
  isTypingTarget,
  matchesCombo,
  nextRowIndex,
  type KeyPress,
} from '../../src/renderer/src/lib/pure/keyboard/keys';
import {
  applicationOf,
  paletteItems,
  searchPalette,
} from '../../src/renderer/src/lib/pure/keyboard/palette-items';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('key combinations', () => {
  test('mod is Ctrl off a Mac and Cmd on one, and only that', () => {
    expect(matchesCombo(press('k', { ctrlKey: true }), 'mod+k', false)).toBe(true);
    expect(matchesCombo(press('k', { metaKey: true }), 'mod+k', false)).toBe(false);
    expect(matchesCombo(press('k', { metaKey: true }), 'mod+k', true)).toBe(true);
    expect(matchesCombo(press('k', { ctrlKey: true }), 'mod+k', true)).toBe(false);
    // Caps Lock or Shift gives "K": still the same letter for a combination with Shift.
    expect(matchesCombo(press('K', { ctrlKey: true, shiftKey: true }), 'mod+shift+k', false)).toBe(
      true,
    );
  });

  test('a single letter wants no modifier, and Shift makes it another key', () => {
    expect(matchesCombo(press('j'), 'j', false)).toBe(true);
    expect(matchesCombo(press('J', { shiftKey: true }), 'j', false)).toBe(false);
    expect(matchesCombo(press('j', { ctrlKey: true }), 'j', false)).toBe(false);
    expect(matchesCombo(press('J', { shiftKey: true }), 'shift+j', false)).toBe(true);
  });

  test('a symbol is what the layout typed, with or without Shift', () => {
    expect(matchesCombo(press('?', { shiftKey: true }), '?', false)).toBe(true);
    expect(matchesCombo(press('?'), '?', false)).toBe(true);
    expect(matchesCombo(press('/'), '/', false)).toBe(true);
    expect(matchesCombo(press('/', { ctrlKey: true }), '/', false)).toBe(false);
  });

  test('named keys match by name, Shift counting', () => {
    expect(matchesCombo(press('Escape'), 'Escape', false)).toBe(true);
    expect(matchesCombo(press('Enter', { shiftKey: true }), 'Enter', false)).toBe(false);
    expect(matchesCombo(press('Enter', { shiftKey: true }), 'shift+Enter', false)).toBe(true);
  });

  test('read as the keys on the keyboard', () => {
    expect(comboLabel('mod+k', false)).toEqual(['Ctrl', 'K']);
    expect(comboLabel('mod+k', true)).toEqual(['⌘', 'K']);
    expect(comboLabel('ArrowDown', false)).toEqual(['↓']);
    expect(comboLabel('?', false)).toEqual(['?']);
    expect(comboLabel('shift+x', false)).toEqual(['Shift', 'X']);
  });
});

describe('typing or not', () => {
  test('text fields, text areas, selects and editable content take the keys', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', role: 'combobox' })).toBe(true);
  });

  test('buttons, checkboxes, rows and the page leave them to shortcuts', () => {
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'LI' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('moving in a list', () => {
  test('j and k, the arrows, Home and End, stopping at the ends', () => {
    expect(nextRowIndex('j', 0, 3)).toBe(1);
    expect(nextRowIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextRowIndex('k', 2, 3)).toBe(1);
    expect(nextRowIndex('ArrowUp', 0, 3)).toBe(0);
    expect(nextRowIndex('Home', 2, 3)).toBe(0);
    expect(nextRowIndex('End', 0, 3)).toBe(2);
  });

  test('other keys and empty lists are no move; a row gone past the end counts as the last', () => {
    expect(nextRowIndex('e', 0, 3)).toBeNull();
    expect(nextRowIndex('j', 0, 0)).toBeNull();
    expect(nextRowIndex('k', 7, 3)).toBe(1);
    expect(nextRowIndex('j', -1, 3)).toBe(1);
  });
});

describe('forgiving matching', () => {
  test('case and accents do not count', () => {
    expect(fold('Léna ÖZ')).toBe('lena oz');
    expect(matchScore('lena', 'Léna Brandt')).toBeGreaterThan(0);
  });

  test('the start beats a word start beats the middle beats scattered letters', () => {
    const start = matchScore('north', 'Northwind Analytics');
    const word = matchScore('ana', 'Northwind Analytics');
    const middle = matchScore('wind', 'Northwind Analytics');
    const initials = matchScore('nan', 'Northwind Analytics');
    expect(start).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(middle);
    expect(middle).toBeGreaterThan(initials);
    expect(initials).toBeGreaterThan(0);
    expect(matchScore('of', 'Orchard & Finch')).toBeGreaterThan(0);
  });

  test('letters scattered anywhere do not fit, nor initials in the further words', () => {
    expect(matchScore('kest', 'Show keyboard shortcuts')).toBe(0);
    expect(matchScore('nwa', 'Northwind Analytics')).toBe(0);
    expect(matchScore('sdE', 'Northwind', 'Senior Data Engineer')).toBe(0);
  });

  test('every word must fit, in the title or the further words; the title counts more', () => {
    expect(matchScore('orch fin', 'Orchard & Finch')).toBeGreaterThan(0);
    expect(matchScore('orchard data', 'Orchard & Finch', 'Marketing Lead')).toBe(0);
    expect(matchScore('designer', 'Bluebird Health', 'Product Designer')).toBeGreaterThan(0);
    expect(matchScore('data', 'Data Bank', '')).toBeGreaterThan(
      matchScore('data', 'Northwind', 'Data'),
    );
    expect(matchScore('xyz', 'Northwind')).toBe(0);
  });

  test('ranks best first and keeps the order of equals; an empty query keeps everything', () => {
    const names = ['Lumen Labs', 'Kestrel Robotics', 'Bluebird Health', 'Kestrel North'];
    expect(rankByQuery(names, 'kes', (n) => ({ title: n }))).toEqual([
      'Kestrel Robotics',
      'Kestrel North',
    ]);
    expect(rankByQuery(names, 'lab', (n) => ({ title: n }))[0]).toBe('Lumen Labs');
    expect(rankByQuery(names, '  ', (n) => ({ title: n }))).toEqual(names);
  });
});

function application(id: string, company: string, roleTitle: string): ApplicationSummary {
  const a: Application = {
    id,
    company,
    roleTitle,
    postingUrl: null,
    status: 'interviewing',
    appliedOn: '2026-11-01',
    decidedOn: null,
    companyDomains: [],
    notes: '',
    createdAt: 0,
    updatedAt: 0,
  };
  return { application: a, nextInterviewAt: null, openObligations: 0, overdueObligations: 0 };
}

function person(id: string, name: string, company: string): Person {
  return {
    id,
    name,
    title: 'Engineering Manager',
    company,
    emails: [`${id}@example.test`],
    phone: '',
    firstNameOk: false,
    doNotContact: false,
    notApplicable: false,
    notes: '',
  };
}

describe('what the palette offers', () => {
  const applications = [
    application('a-north', 'Northwind Analytics', 'Senior Data Engineer'),
    application('a-blue', 'Bluebird Health', 'Product Designer'),
  ];
  const opened: string[] = [];
  const items = paletteItems({
    commands: [
      { id: 'sync', label: 'Sync mail now', group: 'Actions', run: () => opened.push('sync') },
      { id: 'go-home', label: 'Who needs a note', group: 'Go to', run: () => opened.push('home') },
    ],
    applications,
    people: [
      person('p-ada', 'Ada Okafor', 'Somewhere Else'),
      person('p-lars', 'Lars Berg', 'bluebird health '),
      person('p-nobody', 'No Body', 'Unknown Ltd'),
    ],
    obligations: [{ personId: 'p-ada', applicationId: 'a-north' }],
    openApplication: (id) => opened.push(id),
  });

  test('views first, then actions, applications and people; people without an application left out', () => {
    expect(items.map((i) => i.title)).toEqual([
      'Who needs a note',
      'Sync mail now',
      'Northwind Analytics',
      'Bluebird Health',
      'Ada Okafor',
      'Lars Berg',
    ]);
    expect(items.map((i) => i.tag)).toEqual([
      'Go to',
      'Actions',
      'Application',
      'Application',
      'Person',
      'Person',
    ]);
  });

  test('a person leads to the application they are owed a note in, else the one at their company', () => {
    expect(
      applicationOf(
        { id: 'p-ada', company: 'Somewhere Else' },
        { applications, obligations: [{ personId: 'p-ada', applicationId: 'a-north' }] },
      ),
    ).toBe('a-north');
    expect(
      applicationOf(
        { id: 'p-lars', company: 'Bluebird health' },
        { applications, obligations: [] },
      ),
    ).toBe('a-blue');
    expect(applicationOf({ id: 'p-x', company: '' }, { applications, obligations: [] })).toBeNull();
  });

  test('a query finds by company, role, name or the person’s company; running opens it', () => {
    expect(searchPalette(items, 'north')[0]?.title).toBe('Northwind Analytics');
    expect(searchPalette(items, 'designer')[0]?.title).toBe('Bluebird Health');
    expect(searchPalette(items, 'lars')[0]?.title).toBe('Lars Berg');
    expect(searchPalette(items, 'bluebird').map((i) => i.title)).toEqual([
      'Bluebird Health',
      'Lars Berg',
    ]);
    searchPalette(items, 'lars')[0]?.run();
    searchPalette(items, 'sync')[0]?.run();
    expect(opened).toEqual(['a-blue', 'sync']);
    expect(searchPalette(items, 'qqq')).toEqual([]);
  });
});
