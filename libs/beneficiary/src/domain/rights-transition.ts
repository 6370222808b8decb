/**
 * Events derived from a change of the right's state (ETATDOSRSA, CAF-FORMAT §5.1) or of a person's
 * subjection to droits et devoirs (§5.3). A dossier seen for the first time with an open right
 * counts as "opened"; a first sight with a closed right says nothing new. (The applier asks only
 * about a daily file's first sights: a stock's say what already was, not when it began.)
 */
export type RightsEventKind = 'right-opened' | 'right-suspended' | 'right-resumed' | 'right-closed' | 'right-refused' | 'entered-rights-and-duties';

const OPEN = new Set(['2', '3', '4']);
const SUSPENDED = new Set(['3', '4']);
const CLOSED = new Set(['5', '6']);

export function dossierTransitions(previous: string | null, next: string): RightsEventKind[] {
  if (previous === next) return [];
  const events: RightsEventKind[] = [];
  if (OPEN.has(next) && (previous === null || !OPEN.has(previous))) events.push('right-opened');
  if (SUSPENDED.has(next) && !(previous !== null && SUSPENDED.has(previous))) events.push('right-suspended');
  // A suspension lifted: what followed a `right-suspended` is said too.
  if (next === '2' && previous !== null && SUSPENDED.has(previous)) events.push('right-resumed');
  if (CLOSED.has(next) && previous !== null && !CLOSED.has(previous)) events.push('right-closed');
  if (next === '1' && previous !== null) events.push('right-refused');
  return events;
}

/**
 * A person newly subject to droits et devoirs: the flag is on now and was not on the last time this
 * dossier was seen for them (first sight included).
 */
export function enteredRightsAndDuties(previous: boolean | null | undefined, next: boolean | null): boolean {
  return next === true && previous !== true;
}
