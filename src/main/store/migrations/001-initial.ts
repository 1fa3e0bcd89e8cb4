import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * The first schema. Value lists in CHECK constraints are spelled out rather than taken
 * from model.ts: a migration records the schema as it shipped, and a later change to the
 * model needs a migration of its own. Tables are STRICT so a value keeps its type
 * (an instant stays an integer) and an export round-trips exactly.
 *
 * Booleans are INTEGER 0/1. Calendar dates are `YYYY-MM-DD` text. Instants are epoch
 * milliseconds. Ordered lists hold an explicit `position`.
 */
const SCHEMA = `
CREATE TABLE applications (
  id TEXT PRIMARY KEY NOT NULL,
  company TEXT NOT NULL,
  role_title TEXT NOT NULL,
  posting_url TEXT,
  status TEXT NOT NULL
    CHECK (status IN ('applied', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn')),
  applied_on TEXT CHECK (applied_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  decided_on TEXT CHECK (decided_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  company_domains TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(company_domains) AND json_type(company_domains) = 'array'),
  notes TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX applications_created ON applications (created_at, id);

CREATE TABLE interviews (
  id TEXT PRIMARY KEY NOT NULL,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind TEXT NOT NULL
    CHECK (kind IN ('phone', 'video', 'onsite', 'panel', 'assessment', 'other')),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  time_zone TEXT NOT NULL,
  location TEXT,
  decision_by TEXT CHECK (decision_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  contact_plan TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT 'unknown'
    CHECK (outcome IN ('unknown', 'good', 'mixed', 'bad')),
  notes TEXT NOT NULL DEFAULT '',
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1))
) STRICT;

CREATE INDEX interviews_application ON interviews (application_id, starts_at);
CREATE INDEX interviews_starts ON interviews (starts_at, id);

CREATE TABLE people (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  first_name_ok INTEGER NOT NULL DEFAULT 0 CHECK (first_name_ok IN (0, 1)),
  do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
  not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
  notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX people_name ON people (name, id);

-- A person's addresses in order; position 0 is where notes go. Two people may share an
-- address (a team inbox), one person may not list it twice.
CREATE TABLE person_emails (
  person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  email TEXT NOT NULL CHECK (email <> '' AND email = lower(trim(email))),
  position INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (person_id, position),
  UNIQUE (email, person_id)
) STRICT;

-- Lookup by address, already in the order findPersonByEmail picks from.
CREATE INDEX person_emails_email ON person_emails (email, position, person_id);

CREATE TABLE participants (
  interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('interviewer', 'arranger')),
  topics TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  -- Order within the interview, as the user listed them.
  position INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (interview_id, person_id, role)
) STRICT;

CREATE INDEX participants_person ON participants (person_id);
CREATE INDEX participants_order ON participants (interview_id, position);

CREATE TABLE manual_contacts (
  id TEXT PRIMARY KEY NOT NULL,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  interview_id TEXT REFERENCES interviews (id) ON DELETE SET NULL,
  person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  channel TEXT NOT NULL
    CHECK (channel IN ('letter', 'linkedin', 'in-person', 'phone', 'other-email', 'other')),
  at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX manual_contacts_application ON manual_contacts (application_id, at);
CREATE INDEX manual_contacts_interview ON manual_contacts (interview_id);
CREATE INDEX manual_contacts_person ON manual_contacts (person_id);
CREATE INDEX manual_contacts_at ON manual_contacts (at, id);

CREATE TABLE profile (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  full_name TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL
) STRICT;

-- Settings as one JSON object: a new setting needs no migration, its default comes from
-- DEFAULT_SETTINGS until the user saves one.
CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL CHECK (json_valid(json) AND json_type(json) = 'object')
) STRICT;
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db: Database): void {
    db.exec(SCHEMA);
  },
};
