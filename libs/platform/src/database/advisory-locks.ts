/**
 * Transaction-scoped advisory locks shared across contexts (pg_advisory_xact_lock keys), in one
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
} as const;
