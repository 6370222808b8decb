/**
 * Advisory locks shared across contexts (pg_advisory_xact_lock keys, and one session lock), in one
 * place so two contexts never pick the same number for different things.
 */
export const ADVISORY_LOCKS = {
  /**
   * Whoever rewrites beneficiary data in bulk: a CAF file import (files apply one at a time, in
   * header order), the retention job's anonymisation, a NIR key rotation.
   */
  beneficiaryWrites: 7_260_001,
  /** Appending to the audit chain (taken by the audit_event trigger, see the AuditTrail migration). */
  auditChain: 7_260_002,
  /** One convocation planner at a time, whichever worker process runs it. */
  convocationPlanning: 7_260_003,
  /**
   * One writer of a person's orientation periods at a time (pg_advisory_xact_lock(key, hash of the
   * person id)): with no open period there is no row to lock, and two first decisions would both
   * pass their "not oriented yet" check.
   */
  orientationPeriods: 7_260_004,
  /** One change of a referent's portfolio at a time (capacity checked, then the people written), per referent. */
  portfolioReferents: 7_260_005,
  /** One change of a territory's rule sets at a time (a draft numbered, a set activated), per territory. */
  orientationRuleSets: 7_260_006,
  /** One change of a territory's target mix at a time, per territory. */
  orientationTargetMix: 7_260_007,
  /**
   * One drop-folder run at a time (a session lock, held for the run): the nightly job and an
   * operator's `intake:drop` would each list the same files and trip over the other's moves.
   */
  dropFolderRuns: 7_260_008,
  /**
   * One anomaly review linking records as one human at a time: reviews wait for each other (they
   * are short), so only an import, the retention job or a NIR rotation makes one give up.
   */
  sameHumanReviews: 7_260_009,
} as const;

/**
 * Takes a transaction-scoped advisory lock for one thing of a kind: `kind` from ADVISORY_LOCKS, `key`
 * the thing's id (a person, a referent, a territory), hashed into the lock's second half. Two kinds
 * never collide, whatever their keys.
 */
export async function lockFor(runner: { query(sql: string, parameters?: unknown[]): Promise<unknown> }, kind: (typeof ADVISORY_LOCKS)[keyof typeof ADVISORY_LOCKS], key: string): Promise<void> {
  await runner.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [kind, key]);
}
