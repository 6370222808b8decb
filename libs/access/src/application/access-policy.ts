import { AccessDeniedError, AccessErrorCode, hasPermission, type Actor, type Permission } from '@rsa/kernel';
import type { AuditTrail, AuditRecord } from '@rsa/platform';
import { isReason, REASONS, type ReasonCatalogue } from '../domain/reasons';

export interface AccessContext {
  /** The audit action, `beneficiary.read`. */
  action: string;
  target?: AuditRecord['target'];
  subjectIds?: readonly string[];
  /** What the refusal records beside its code (the object a route asked for, by id). */
  detail?: Record<string, unknown>;
}

/**
 * The checks every command and query handler makes (not only controllers: the worker and the CLI
 * go through the same handlers). A refusal is recorded in the audit trail before it is thrown.
 */
export class AccessPolicy {
  constructor(private readonly audit: AuditTrail) {}

  async require(actor: Actor, permission: Permission, context: AccessContext): Promise<void> {
    if (hasPermission(actor, permission)) return;
    await this.refuse(actor, context, new AccessDeniedError(AccessErrorCode.Forbidden, `This role may not do this (${permission})`, { permission }));
  }

  /** The reason code an action requires, checked against its list. */
  async requireReason(actor: Actor, catalogue: ReasonCatalogue, reasonCode: string | null | undefined, context: AccessContext): Promise<string> {
    if (isReason(catalogue, reasonCode)) return reasonCode as string;
    return this.refuse(
      actor,
      context,
      new AccessDeniedError(AccessErrorCode.ReasonRequired, `A reason is required: one of ${REASONS[catalogue].join(', ')}`, { reasons: REASONS[catalogue] }),
    );
  }

  /** Records the refusal, then throws it. */
  async refuse(actor: Actor, context: AccessContext, error: AccessDeniedError): Promise<never> {
    await this.audit.record({
      actor,
      action: context.action,
      outcome: 'denied',
      target: context.target,
      subjectIds: context.subjectIds,
      detail: { ...(context.detail ?? {}), code: error.code, ...(error.details ?? {}) },
    });
    throw error;
  }

  /**
   * The permission, then the territory: a territorial role works on its own; Département-wide and
   * system actors on all of them.
   */
  async requireTerritory(actor: Actor, permission: Permission, territoryId: string | null, context: AccessContext): Promise<void> {
    await this.require(actor, permission, context);
    const ok = actor.scope === 'all' || (actor.kind === 'user' && actor.scope === 'territory' && territoryId !== null && actor.territoryIds.includes(territoryId));
    if (!ok) await this.refuse(actor, context, new AccessDeniedError(AccessErrorCode.OutOfScope, 'This territory is not yours'));
  }

  async outOfScope(actor: Actor, context: AccessContext): Promise<never> {
    return this.refuse(actor, context, new AccessDeniedError(AccessErrorCode.OutOfScope, 'This beneficiary is not in your portfolio, structure or territory'));
  }
}
