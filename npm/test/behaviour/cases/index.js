// Every behaviour case by its full name ("<group>: <case>"), in order. The
// Node runner and the page import this list; the Chromium driver asks the
// page for the names and runs each.
import { CASES as FETCH_EVENT_SOURCE } from './fetch-event-source.js';
import { CASES as EVENT_SOURCE } from './event-source.js';
import { CASES as EVENTS } from './events.js';
import { CASES as EXTENSIONS } from './extensions.js';
import { CASES as VISIBILITY } from './visibility.js';

/** @type {Record<string, Record<string, import('../lib/case.js').Case>>} */
const GROUPS = {
  fetchEventSource: FETCH_EVENT_SOURCE,
  EventSource: EVENT_SOURCE,
  'events()': EVENTS,
  extensions: EXTENSIONS,
  visibility: VISIBILITY,
};

/** @type {Map<string, import('../lib/case.js').Case>} */
export const CASES = new Map();
for (const [group, cases] of Object.entries(GROUPS)) {
  for (const [name, fn] of Object.entries(cases)) CASES.set(`${group}: ${name}`, fn);
}

/** The group that needs env.setHidden; Node runs it in its own process. */
export const VISIBILITY_GROUP = 'visibility: ';
