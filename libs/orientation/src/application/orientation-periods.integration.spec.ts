import { randomUUID } from 'node:crypto';
import { systemActor } from '@rsa/kernel';
import { inPgTransaction, pgPoolOf } from '@rsa/platform';
import { createTestDatabase, type TestDatabase } from '@rsa/testing';
import type { Pool } from 'pg';
import { OrientationErrorCode } from '../domain/orientation-errors';
import { OrientationPeriods, type NewPeriod } from './orientation-periods';

describe('orientation periods (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  const actor = systemActor('test:periods', 'cli', []);

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = pgPoolOf(db.dataSource);
    await pool.query(`INSERT INTO access_territory (id, name) VALUES ('roubaix-tourcoing', 'Roubaix-Tourcoing') ON CONFLICT DO NOTHING`);
  });
  afterAll(() => db.drop());

  const period = (personId: string, startsOn: string, dominante: NewPeriod['dominante'] = 'emploi'): NewPeriod => ({
    personId, pathId: null, territoryId: 'roubaix-tourcoing', dominante, structureKind: 'maison-nord-emploi', structureId: null, referentId: null, decisionId: null, startsOn,
  });
  const run = <T>(work: Parameters<typeof inPgTransaction<T>>[1]) => inPgTransaction(pool, work);

  it('a réorientation ends the open period the day the next one starts: history without gap or overlap', async () => {
    const person = randomUUID();
    await run((r) => OrientationPeriods.open(r, actor, period(person, '2026-12-01')));
    const { opened, closed } = await run((r) => OrientationPeriods.open(r, actor, period(person, '2027-03-01', 'equilibre')));
    expect(closed).toMatchObject({ dominante: 'emploi', startsOn: '2026-12-01', endsOn: '2027-03-01', endReason: 'reorientation', version: 2 });
    expect(opened).toMatchObject({ dominante: 'equilibre', startsOn: '2027-03-01', endsOn: null });
    const history = await OrientationPeriods.history({ query: (t, p) => pool.query(t, p).then((x) => x.rows) }, person);
    expect(history.map((h) => [h.dominante, h.startsOn, h.endsOn])).toEqual([
      ['equilibre', '2027-03-01', null],
      ['emploi', '2026-12-01', '2027-03-01'],
    ]);
  });

  it('refuses a new orientation starting before the current one, and changes nothing', async () => {
    const person = randomUUID();
    await run((r) => OrientationPeriods.open(r, actor, period(person, '2026-12-10')));
    await expect(run((r) => OrientationPeriods.open(r, actor, period(person, '2026-12-01')))).rejects.toMatchObject({ code: OrientationErrorCode.InvalidPeriod });
    const { rows } = await pool.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE ends_on IS NULL)::int AS open FROM orientation_period WHERE person_id = $1`, [person]);
    expect(rows[0]).toEqual({ n: 1, open: 1 });
  });

  it('the database itself refuses overlapping periods and a second open one', async () => {
    const person = randomUUID();
    await run((r) => OrientationPeriods.open(r, actor, period(person, '2026-12-01')));
    await run((r) => OrientationPeriods.close(r, person, '2027-01-01', 'exit:employment', { by: 'test', access: 'now' }));
    const insert = (starts: string, ends: string | null) =>
      pool.query(`INSERT INTO orientation_period (id, person_id, territory_id, dominante, structure_kind, starts_on, ends_on, created_by) VALUES ($1, $2, 'roubaix-tourcoing', 'emploi', 'maison-nord-emploi', $3, $4, 'test')`, [randomUUID(), person, starts, ends]);
    await expect(insert('2026-12-15', '2027-02-01')).rejects.toMatchObject({ code: '23P01' });
    await insert('2027-01-01', null);
    await expect(insert('2027-06-01', null)).rejects.toMatchObject({ code: '23505' });
  });

  it('an exit before the start is refused; closing with nothing open is a no-op', async () => {
    const person = randomUUID();
    await run((r) => OrientationPeriods.open(r, actor, period(person, '2026-12-10')));
    await expect(run((r) => OrientationPeriods.close(r, person, '2026-12-01', 'exit:moved', { by: 'test', access: 'now' }))).rejects.toMatchObject({ code: OrientationErrorCode.InvalidPeriod });
    await expect(run((r) => OrientationPeriods.close(r, randomUUID(), '2026-12-01', 'exit:moved', { by: 'test', access: 'now' }))).resolves.toBeNull();
  });

  it('sets the referent of the open period, and says when there is none', async () => {
    const person = randomUUID();
    await run((r) => OrientationPeriods.open(r, actor, period(person, '2026-12-01')));
    const structure = randomUUID();
    const referent = randomUUID();
    await expect(run((r) => OrientationPeriods.setReferent(r, person, structure, referent))).resolves.toMatchObject({ structureId: structure, referentId: referent, version: 2 });
    await expect(run((r) => OrientationPeriods.setReferent(r, randomUUID(), structure, referent))).rejects.toMatchObject({ code: OrientationErrorCode.NoCurrentOrientation });
  });
});
