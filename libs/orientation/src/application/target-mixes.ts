import type { Pool } from 'pg';
import { actorRef, type AccessPolicy } from '@rsa/access';
import { Clock, Permission, type Actor } from '@rsa/kernel';
import { ADVISORY_LOCKS, type AuditTrail, inPgTransaction, lockFor, type SqlRunner, sqlRunnerOf } from '@rsa/platform';
import { DEFAULT_TARGET_MIXES, type Mix } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { mixProblems } from '../domain/simulation';
import { requireTerritoryExists, requireTerritorySetting } from './orientation-context';

export interface TargetMixView {
  territoryId: string;
  /** null: the territory has no target (simulated without a comparison). */
  target: Mix | null;
  /** configured: set for the territory; default: the experiment's (DEFAULT_TARGET_MIXES); none. */
  source: 'configured' | 'default' | 'none';
  /** The stored row's version (0 when not configured): PUT may say which one it changes. */
  version: number;
}

/** A territory's target mix: its own, else the experiment's default (L2511), else none. */
export async function targetMixOf(runner: SqlRunner, territoryId: string): Promise<TargetMixView> {
  const [row] = await runner.query<{ emploi: number; equilibre: number; remobilisation: number; version: number }>(
    `SELECT emploi::float8 AS emploi, equilibre::float8 AS equilibre, remobilisation::float8 AS remobilisation, version FROM orientation_target_mix WHERE territory_id = $1`,
    [territoryId],
  );
  if (row) return { territoryId, target: { emploi: row.emploi, equilibre: row.equilibre, remobilisation: row.remobilisation }, source: 'configured', version: row.version };
  const fallback = DEFAULT_TARGET_MIXES[territoryId];
  return { territoryId, target: fallback ? { ...fallback } : null, source: fallback ? 'default' : 'none', version: 0 };
}

/** Target mixes per territory (DOMAIN.md §4: Roubaix 50/30/20…), set by the administrator, audited. */
export class TargetMixes {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, territoryId: string): Promise<TargetMixView> {
    await requireTerritorySetting(this.policy, actor, Permission.OrientationSimulate, territoryId, 'orientation.target-mix.read');
    const runner = sqlRunnerOf(this.pool);
    await requireTerritoryExists(runner, territoryId);
    return targetMixOf(runner, territoryId);
  }

  async set(actor: Actor, territoryId: string, mix: Mix, expectedVersion?: number): Promise<TargetMixView> {
    const action = 'orientation.target-mix.set';
    await requireTerritorySetting(this.policy, actor, Permission.OrientationRules, territoryId, action);
    const problems = mixProblems(mix);
    if (problems.length > 0) throw new OrientationError(OrientationErrorCode.TargetMixInvalid, 'This target mix cannot be saved', { problems });
    await inPgTransaction(this.pool, async (runner) => {
      await requireTerritoryExists(runner, territoryId);
      await lockFor(runner, ADVISORY_LOCKS.orientationTargetMix, territoryId);
      const before = await targetMixOf(runner, territoryId);
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw new OrientationError(OrientationErrorCode.VersionConflict, 'The target mix has changed since you read it', { expectedVersion, version: before.version });
      }
      await runner.query(
        `INSERT INTO orientation_target_mix (territory_id, emploi, equilibre, remobilisation, version, updated_at, updated_by) VALUES ($1, $2, $3, $4, 1, $5, $6)
         ON CONFLICT (territory_id) DO UPDATE SET emploi = EXCLUDED.emploi, equilibre = EXCLUDED.equilibre, remobilisation = EXCLUDED.remobilisation,
           version = orientation_target_mix.version + 1, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [territoryId, mix.emploi, mix.equilibre, mix.remobilisation, this.clock.now(), actorRef(actor)],
      );
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'territory', id: territoryId }, detail: { before: before.target, after: mix, previousSource: before.source } },
        runner,
      );
    });
    return targetMixOf(sqlRunnerOf(this.pool), territoryId);
  }
}
