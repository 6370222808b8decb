/**
 * Where a person stands between entering the path and their first (orientation) appointment: one
 * row per path, the state machine the planner and the attendance commands move.
 *
 * to-plan -> convened -> honoured
 *         -> invited (invite-first territories) -> convened (booked, or convened at expiry)
 *         -> no-slot (nothing within the deadline: the coordinator is alerted; planned again when slots appear)
 * convened -> (absent) -> to-plan with attempts + 1 ... -> ep-review when the relances are used up
 *          -> (excused) -> to-plan (a new convocation, not a relance)
 */
export const TRACK_STATES = ['to-plan', 'invited', 'convened', 'no-slot', 'honoured', 'ep-review', 'closed'] as const;
export type TrackState = (typeof TRACK_STATES)[number];
