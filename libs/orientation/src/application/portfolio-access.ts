import type { Pool } from 'pg';
import { AccessDeniedError, AccessErrorCode, type Actor, type Clock, hasPermission, isOneOf, parisDateOf, Permission } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { sqlRunnerOf, type SqlRunner } from '@rsa/platform';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { REFERENT_ROLES } from './portfolio-codes';
import { referentRecords, worksIn, type ReferentRecord } from './portfolio-directory';

/**
 * Who may see or change a referent's portfolio (on top of PersonAccess for each person):
 * - the referent themselves reads their own (PortfolioRead);
 * - a coordinator (PortfolioManage) reads and manages the portfolios of referents working in
 *   their territory, people included;
 * - a project team (PortfolioRead, territory scope) reads the figures of their territory's
 *   referents, never their people (aggregates only).
 * Every refusal goes through the access policy, so it is audited.
 */
export class PortfolioAccess {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  get runner(): SqlRunner {
    return sqlRunnerOf(this.pool);
  }

  isOwn(actor: Actor, referentId: string): boolean {
    return actor.kind === 'user' && actor.professionalId === referentId && isOneOf(REFERENT_ROLES, actor.role);
  }

  /**
   * The referent, if the actor may: `figures` (capacity, load: no person), `people` (the portfolio's
   * people: own or coordinator), `manage` (coordinator only).
   */
  async referent(actor: Actor, referentId: string, need: 'figures' | 'people' | 'manage', action: string): Promise<ReferentRecord> {
    const context = { action, target: { type: 'referent', id: referentId } };
    await this.policy.require(actor, need === 'manage' ? Permission.PortfolioManage : Permission.PortfolioRead, context);
    const [record] = await referentRecords(this.runner, { ids: [referentId] }, parisDateOf(this.clock.now()));
    if (this.isOwn(actor, referentId) && need !== 'manage') {
      if (!record) throw new OrientationError(OrientationErrorCode.ReferentNotFound, 'No referent with this id', { referentId });
      return record;
    }
    if (need === 'people' && !hasPermission(actor, Permission.PortfolioManage)) {
      await this.policy.refuse(actor, context, new AccessDeniedError(AccessErrorCode.Forbidden, 'Portfolio people are for their referent and the coordinators: figures only for this role'));
    }
    await this.requireTerritorial(actor, context);
    if (!record) throw new OrientationError(OrientationErrorCode.ReferentNotFound, 'No referent with this id', { referentId });
    if (actor.scope !== 'all' && !(actor.kind === 'user' && worksIn(record, actor.territoryIds))) await this.policy.outOfScope(actor, context);
    return record;
  }

  /** A territorial role (or a Département-wide one) may look at a territory's portfolios; a referent only at their own. */
  private async requireTerritorial(actor: Actor, context: { action: string; target: { type: string; id: string } }): Promise<void> {
    if (actor.scope === 'all' || (actor.kind === 'user' && actor.scope === 'territory')) return;
    await this.policy.refuse(actor, context, new AccessDeniedError(AccessErrorCode.OutOfScope, 'This is not your portfolio'));
  }

  /** The territories whose periods the actor sees in a referent's portfolio: null for all. */
  territoriesOf(actor: Actor, referentId: string): readonly string[] | null {
    if (actor.scope === 'all' || this.isOwn(actor, referentId) || actor.kind !== 'user') return null;
    return actor.territoryIds;
  }
}
