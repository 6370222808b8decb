import type { SqlRunner } from '@rsa/platform';
import type { ContractKind } from '../domain/contract';
import type { Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { actionLabel, type ContractStatus } from './contract-rules';

/** A contract as the handlers read it (locked or not). */
export interface ContractRow {
  id: string;
  personId: string;
  orientationPeriodId: string;
  territoryId: string;
  dominante: Dominante;
  kind: ContractKind;
  structureKind: string;
  structureId: string | null;
  status: ContractStatus;
  signedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  version: number;
  createdAt: Date;
  createdBy: string;
  /** The orientation period is still open (the contract can live only while it is). */
  periodOpen: boolean;
}

export interface ContractPeriodView {
  seq: number;
  kind: 'first' | 'renewal';
  startsOn: string;
  endsOn: string;
  bilanDueOn: string;
  remindOn: string;
  withoutBilanReason: string | null;
}

export interface ContractActionView {
  id: string;
  category: string;
  code: string;
  label: string | null;
  weeklyHours: number;
  startsOn: string;
  endsOn: string;
  providerStructureId: string | null;
  providerCode: string | null;
  status: string;
  cancelReason: string | null;
}

export interface ContractAdjustmentView {
  id: string;
  weeklyHours: number;
  reason: string;
  fromOn: string;
  toOn: string;
  createdAt: Date;
  createdBy: string;
}

export interface ContractBilanView {
  id: string;
  periodSeq: number;
  heldOn: string;
  outcome: string;
  nextSteps: string[];
  createdAt: Date;
  createdBy: string;
}

export interface ContractView extends Omit<ContractRow, 'periodOpen'> {
  /** False once the contract ended or its orientation period closed. */
  live: boolean;
  currentPeriod: ContractPeriodView | null;
  periods: ContractPeriodView[];
  actions: ContractActionView[];
  adjustments: ContractAdjustmentView[];
  bilans: ContractBilanView[];
  events: { version: number; kind: string; detail: Record<string, unknown>; at: Date; by: string }[];
}

const DAY = (column: string, alias: string) => `to_char(${column}, 'YYYY-MM-DD') AS "${alias}"`;

export const CONTRACT_COLUMNS = `c.id, c.person_id AS "personId", c.orientation_period_id AS "orientationPeriodId", c.territory_id AS "territoryId", c.dominante, c.kind,
  c.structure_kind AS "structureKind", c.structure_id AS "structureId", c.status, ${DAY('c.signed_on', 'signedOn')}, ${DAY('c.ended_on', 'endedOn')},
  c.end_reason AS "endReason", c.version, c.created_at AS "createdAt", c.created_by AS "createdBy",
  EXISTS (SELECT 1 FROM orientation_period op WHERE op.id = c.orientation_period_id AND op.ends_on IS NULL) AS "periodOpen"`;

export const PERIOD_VIEW_COLUMNS = `seq, kind, ${DAY('starts_on', 'startsOn')}, ${DAY('ends_on', 'endsOn')}, ${DAY('bilan_due_on', 'bilanDueOn')},
  ${DAY('remind_on', 'remindOn')}, without_bilan_reason AS "withoutBilanReason"`;

export const ACTION_VIEW_COLUMNS = `id, category, code, weekly_hours::float8 AS "weeklyHours", ${DAY('starts_on', 'startsOn')}, ${DAY('ends_on', 'endsOn')},
  provider_structure_id AS "providerStructureId", provider_code AS "providerCode", status, cancel_reason AS "cancelReason"`;

export const ADJUSTMENT_VIEW_COLUMNS = `id, weekly_hours::float8 AS "weeklyHours", reason, ${DAY('from_on', 'fromOn')}, ${DAY('to_on', 'toOn')}, created_at AS "createdAt", created_by AS "createdBy"`;

/** The contract, locked for the transaction when `lock`; 404 when unknown. */
export async function contractRow(runner: SqlRunner, contractId: string, lock = false): Promise<ContractRow> {
  const [row] = await runner.query<ContractRow>(`SELECT ${CONTRACT_COLUMNS} FROM contract c WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [contractId]);
  if (!row) throw new OrientationError(OrientationErrorCode.ContractNotFound, 'No such contract', { contractId });
  return row;
}

export async function periodsOf(runner: SqlRunner, contractId: string): Promise<ContractPeriodView[]> {
  return runner.query<ContractPeriodView>(`SELECT ${PERIOD_VIEW_COLUMNS} FROM contract_period WHERE contract_id = $1 ORDER BY seq`, [contractId]);
}

export async function actionsOf(runner: SqlRunner, contractId: string): Promise<ContractActionView[]> {
  const rows = await runner.query<Omit<ContractActionView, 'label'>>(`SELECT ${ACTION_VIEW_COLUMNS} FROM contract_action WHERE contract_id = $1 ORDER BY starts_on, category, code, id`, [contractId]);
  return rows.map((a) => ({ ...a, label: actionLabel(a.category, a.code) }));
}

export async function adjustmentsOf(runner: SqlRunner, contractId: string): Promise<ContractAdjustmentView[]> {
  return runner.query<ContractAdjustmentView>(`SELECT ${ADJUSTMENT_VIEW_COLUMNS} FROM contract_intensity_adjustment WHERE contract_id = $1 ORDER BY from_on`, [contractId]);
}

/** The whole contract: periods (its history), action plan, adjustments, bilans and versions. */
export async function contractView(runner: SqlRunner, contractId: string): Promise<ContractView> {
  const { periodOpen, ...row } = await contractRow(runner, contractId);
  const periods = await periodsOf(runner, contractId);
  const actions = await actionsOf(runner, contractId);
  const adjustments = await adjustmentsOf(runner, contractId);
  const bilans = await runner.query<ContractBilanView>(
    `SELECT id, period_seq AS "periodSeq", ${DAY('held_on', 'heldOn')}, outcome, next_steps AS "nextSteps", created_at AS "createdAt", created_by AS "createdBy"
       FROM contract_bilan WHERE contract_id = $1 ORDER BY period_seq`,
    [contractId],
  );
  const events = await runner.query<ContractView['events'][number]>(`SELECT version, kind, detail, at, by FROM contract_event WHERE contract_id = $1 ORDER BY version`, [contractId]);
  return {
    ...row,
    live: row.status !== 'ended' && periodOpen,
    currentPeriod: periods.at(-1) ?? null,
    periods,
    actions,
    adjustments,
    bilans,
    events,
  };
}
