import { DataSource } from 'typeorm';
import { addDays, Role, systemActor } from '@rsa/kernel';
import { aDiagnosticContent, ContractReminders, firstPeriod, OrientationPeriods, OrientationReminders, renewalPeriod, type ContractView, type Dominante, type ExitView } from '@rsa/orientation';
import { inPgTransaction, pgPoolOf } from '@rsa/platform';
import { createTestDatabase, type TestDatabase } from '@rsa/testing';
import { OrientationRemindersProcessor } from '../apps/worker/src/processors/orientation.processor';
import { buildOrientationWorld, type OrientationWorld } from './support/orientation-world';

/**
 * The contrat d'engagement on the API, the clock moved by the test: periods and bilan by dominante
 * (month ends as the domain computes them), the action plan and its weekly intensity against 15 h,
 * adjustments with their reason, optimistic concurrency, the daily reminders to the referent,
 * bilan and renewal, the exit from the path and the follow-up in employment, and scope.
 */
describe('contrat d’engagement (e2e)', () => {
  let db: TestDatabase;
  let w: OrientationWorld;
  let people: string[];
  const system = systemActor('test:orientation', 'cli', []);
  const at = (day: string) => w.clock.set(`${day}T07:00:00+02:00`);

  /** The person oriented on `startsOn` (by the system, as a decision would), with the demo referent of Roubaix (or France Travail's counsellor). */
  async function orient(personId: string, dominante: Dominante, startsOn: string, structure: 'mne' | 'france-travail' = 'mne'): Promise<void> {
    const pool = pgPoolOf(w.app.get(DataSource));
    const ft = structure === 'france-travail';
    const structureId = w.seed.structureIds[ft ? 'FT-ROUBAIX' : 'MNE-ROUBAIX-TOURCOING'];
    const referentRole = ft ? Role.FtCounsellor : Role.Referent;
    await inPgTransaction(pool, async (runner) => {
      await OrientationPeriods.open(runner, system, {
        personId, pathId: null, territoryId: 'roubaix-tourcoing', dominante, structureKind: ft ? 'france-travail-agency' : 'maison-nord-emploi', structureId: null,
        referentId: null, decisionId: null, startsOn,
      });
      await OrientationPeriods.setReferent(runner, personId, structureId, w.professionalOf(referentRole));
    });
    await w.shareWith(personId, referentRole, 'referent');
  }

  async function signed(personId: string, dominante: Dominante, signedOn: string, as: Role = Role.Referent): Promise<ContractView> {
    const created = await w.call(as, 'post', `/beneficiaries/${personId}/contracts`);
    expect(created.status).toBe(201);
    const answer = await w.call(as, 'post', `/contracts/${created.body.id}/sign`, { expectedVersion: created.body.version, signedOn });
    expect(answer.status).toBe(200);
    expect(answer.body.dominante).toBe(dominante);
    return answer.body as ContractView;
  }

  const contract = async (id: string): Promise<ContractView> => (await w.call(Role.Referent, 'get', `/contracts/${id}`)).body;
  const noticesOf = (contractId: string) =>
    w.sql<{ kind: string; recipient_id: string; due_on: string }>(`SELECT kind, recipient_id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM orientation_notice WHERE subject_id = $1 ORDER BY created_at, kind`, [
      contractId,
    ]);

  const contracts: Partial<Record<'emploi' | 'equilibre' | 'remobilisation' | 'ppae', ContractView>> = {};
  const got = (key: keyof typeof contracts): ContractView => {
    const found = contracts[key];
    if (!found) throw new Error(`the ${key} contract was not set up by an earlier case`);
    return found;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    w = await buildOrientationWorld(db, '2027-02-01T09:00:00+01:00');
    ({ personIds: people } = await w.importDaily(60, 'contract-flow', '2027-01-04'));
    if (people.length < 7) throw new Error('Too few people in Roubaix-Tourcoing: change the seed');
  });
  afterAll(async () => {
    await w?.close();
    await db?.drop();
  });

  it('signs a contract per dominante: the first period and the bilan at its end (Emploi 3 months, Équilibre and Remobilisation 6), month ends as the domain does', async () => {
    await orient(people[0], 'emploi', '2027-01-04');
    await orient(people[1], 'equilibre', '2027-01-04');
    await orient(people[2], 'remobilisation', '2027-01-04');
    await orient(people[3], 'emploi', '2027-01-04', 'france-travail');

    contracts.emploi = await signed(people[0], 'emploi', '2027-01-31');
    contracts.equilibre = await signed(people[1], 'equilibre', '2027-01-15');
    contracts.remobilisation = await signed(people[2], 'remobilisation', '2027-01-31');
    contracts.ppae = await signed(people[3], 'emploi', '2027-01-20', Role.FtCounsellor);

    // 31 January + 3 months is the last day of April (30), the period its day before.
    expect(got('emploi')).toMatchObject({ kind: 'cer', status: 'signed', signedOn: '2027-01-31', version: 2, live: true });
    expect(got('emploi').currentPeriod).toMatchObject({ seq: 1, kind: 'first', startsOn: '2027-01-31', endsOn: '2027-04-29', bilanDueOn: '2027-04-29', remindOn: '2027-04-14' });
    expect(got('equilibre').currentPeriod).toMatchObject({ startsOn: '2027-01-15', endsOn: '2027-07-14', bilanDueOn: '2027-07-14', remindOn: '2027-06-29' });
    expect(got('remobilisation').currentPeriod).toMatchObject({ startsOn: '2027-01-31', endsOn: '2027-07-30', bilanDueOn: '2027-07-30', remindOn: '2027-07-15' });
    for (const [key, dominante] of [['emploi', 'emploi'], ['equilibre', 'equilibre'], ['remobilisation', 'remobilisation'], ['ppae', 'emploi']] as const) {
      const c = got(key);
      expect(c.currentPeriod).toMatchObject(firstPeriod(dominante, c.signedOn as string));
    }
    // France Travail is the referent structure: a PPAE, signed by its counsellor.
    expect(got('ppae')).toMatchObject({ kind: 'ppae', structureKind: 'france-travail-agency', currentPeriod: { endsOn: '2027-04-19' } });
    expect(got('emploi').events.map((e) => e.kind)).toEqual(['created', 'signed']);

    // One live contract per orientation; no signature in the future or before the orientation.
    expect((await w.call(Role.Referent, 'post', `/beneficiaries/${people[0]}/contracts`)).body.error.code).toBe('ORIENTATION_CONTRACT_ALREADY_LIVE');
    await orient(people[4], 'equilibre', '2027-01-25');
    const draft = await w.call(Role.Referent, 'post', `/beneficiaries/${people[4]}/contracts`);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, currentPeriod: null });
    const future = await w.call(Role.Referent, 'post', `/contracts/${draft.body.id}/sign`, { expectedVersion: 1, signedOn: '2027-02-02' });
    expect([future.status, future.body.error.code]).toEqual([422, 'ORIENTATION_CONTRACT_INVALID']);
    const early = await w.call(Role.Referent, 'post', `/contracts/${draft.body.id}/sign`, { expectedVersion: 1, signedOn: '2027-01-20' });
    expect(early.status).toBe(422);
    expect((await contract(draft.body.id)).status).toBe('draft');

    // Two professionals drawing up a contract at once: one contract.
    await orient(people[6], 'emploi', '2027-01-25');
    const both = await Promise.all([1, 2].map(() => w.call(Role.Referent, 'post', `/beneficiaries/${people[6]}/contracts`)));
    expect(both.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await w.sql(`SELECT id FROM contract WHERE person_id = $1`, [people[6]])).toHaveLength(1);

    const listed = await w.call(Role.Referent, 'get', `/beneficiaries/${people[0]}/contracts`);
    expect(listed.body.map((c: ContractView) => c.id)).toEqual([got('emploi').id]);
    const [audited] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action IN ('contract.create', 'contract.sign', 'contract.person.read') AND $1 = ANY(subject_ids)`, [people[0]]);
    expect(audited.n).toBe(3);
  });

  it('computes the weekly intensity of the action plan against 15 h, flags the weeks below, and accepts an adjustment only with its reason', async () => {
    let c = got('emploi');
    const add = async (body: object) => {
      const answer = await w.call(Role.Referent, 'post', `/contracts/${c.id}/actions`, { expectedVersion: c.version, ...body });
      expect(answer.status).toBe(201);
      c = answer.body;
    };
    await add({ category: 'interview', code: 'individual-interview', weeklyHours: 1.5, startsOn: '2027-02-01', endsOn: '2027-04-29' });
    await add({ category: 'workshop', code: 'cv-workshop', weeklyHours: 6, startsOn: '2027-02-01', endsOn: '2027-02-28', providerStructureId: w.seed.structureIds['IOD-METROPOLE'] });
    await add({ category: 'immersion', code: 'pmsmp', weeklyHours: 10, startsOn: '2027-02-15', endsOn: '2027-02-19', providerCode: 'ENTREPRISE-59100' });
    expect(c.actions.map((a) => [a.code, a.label, a.status])).toEqual([
      ['individual-interview', 'Entretien individuel avec le référent', 'planned'],
      ['cv-workshop', 'Atelier CV et lettre de motivation', 'planned'],
      ['pmsmp', 'Période de mise en situation en milieu professionnel (PMSMP)', 'planned'],
    ]);
    const unknown = await w.call(Role.Referent, 'post', `/contracts/${c.id}/actions`, { expectedVersion: c.version, category: 'training', code: 'cv-workshop', weeklyHours: 3, startsOn: '2027-02-01', endsOn: '2027-02-05' });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'ORIENTATION_CONTRACT_INVALID']);
    // Nothing of the plan begins before the orientation (4 January 2027): a year typed wrong is caught.
    const typo = await w.call(Role.Referent, 'post', `/contracts/${c.id}/actions`, { expectedVersion: c.version, category: 'training', code: 'basic-skills', weeklyHours: 3, startsOn: '2017-02-01', endsOn: '2017-03-05' });
    expect([typo.status, typo.body.error.code, typo.body.error.details]).toEqual([422, 'ORIENTATION_CONTRACT_INVALID', { from: '2017-02-01', orientationStartsOn: '2027-01-04' }]);
    const moved = await w.call(Role.Referent, 'patch', `/contracts/${c.id}/actions/${c.actions[0].id}`, { expectedVersion: c.version, startsOn: '2026-12-28' });
    expect([moved.status, moved.body.error.code]).toEqual([422, 'ORIENTATION_CONTRACT_INVALID']);
    const adjustedBefore = await w.call(Role.Referent, 'post', `/contracts/${c.id}/intensity-adjustments`, { expectedVersion: c.version, weeklyHours: 7, reason: 'health', from: '2026-12-28', to: '2027-01-10' });
    expect([adjustedBefore.status, adjustedBefore.body.error.code]).toEqual([422, 'ORIENTATION_CONTRACT_INVALID']);
    expect((await contract(c.id)).version).toBe(c.version);

    const weeks = async () => (await w.call(Role.Referent, 'get', `/contracts/${c.id}/intensity?from=2027-02-01&to=2027-03-07`)).body;
    let report = await weeks();
    expect(report.weeks.map((x: { week: string; hours: number; floor: number; met: boolean }) => [x.week, x.hours, x.floor, x.met])).toEqual([
      ['2027-02-01', 7.5, 15, false],
      ['2027-02-08', 7.5, 15, false],
      ['2027-02-15', 17.5, 15, true],
      ['2027-02-22', 7.5, 15, false],
      ['2027-03-01', 1.5, 15, false],
    ]);
    expect(report).toMatchObject({ defaultFloor: 15, weeksMet: 1, rangeCeiling: 20, weeksAboveRange: 0 });

    // Without a reason: refused, nothing stored.
    const noReason = await w.call(Role.Referent, 'post', `/contracts/${c.id}/intensity-adjustments`, { expectedVersion: c.version, weeklyHours: 7, from: '2027-02-01', to: '2027-02-14' });
    expect([noReason.status, noReason.body.error.code]).toEqual([422, 'ORIENTATION_INTENSITY_REASON_REQUIRED']);
    const badReason = await w.call(Role.Referent, 'post', `/contracts/${c.id}/intensity-adjustments`, { expectedVersion: c.version, weeklyHours: 7, reason: 'tired', from: '2027-02-01', to: '2027-02-14' });
    expect(badReason.status).toBe(422);
    expect((await contract(c.id)).adjustments).toEqual([]);

    // With its reason, for whole weeks (a Wednesday rounds to its Monday): those weeks meet their floor.
    const adjusted = await w.call(Role.Referent, 'post', `/contracts/${c.id}/intensity-adjustments`, { expectedVersion: c.version, weeklyHours: 7, reason: 'childcare', from: '2027-02-03', to: '2027-02-10' });
    expect(adjusted.status).toBe(201);
    c = adjusted.body;
    expect(c.adjustments).toMatchObject([{ weeklyHours: 7, reason: 'childcare', fromOn: '2027-02-01', toOn: '2027-02-14' }]);
    report = await weeks();
    expect(report.weeks.slice(0, 3).map((x: { floor: number; met: boolean; adjustment: unknown }) => [x.floor, x.met, x.adjustment])).toEqual([
      [7, true, { weeklyHours: 7, reason: 'childcare' }],
      [7, true, { weeklyHours: 7, reason: 'childcare' }],
      [15, true, null],
    ]);
    const overlap = await w.call(Role.Referent, 'post', `/contracts/${c.id}/intensity-adjustments`, { expectedVersion: c.version, weeklyHours: 5, reason: 'health', from: '2027-02-14', to: '2027-02-20' });
    expect([overlap.status, overlap.body.error.code]).toEqual([409, 'ORIENTATION_INTENSITY_ADJUSTMENT_OVERLAP']);

    // A stale version is refused and changes nothing.
    const stale = await w.call(Role.Referent, 'post', `/contracts/${c.id}/actions`, { expectedVersion: c.version - 1, category: 'training', code: 'basic-skills', weeklyHours: 8, startsOn: '2027-03-01', endsOn: '2027-03-31' });
    expect([stale.status, stale.body.error.code, stale.body.error.details]).toEqual([409, 'ORIENTATION_VERSION_CONFLICT', { expectedVersion: c.version - 1, currentVersion: c.version }]);
    expect((await contract(c.id)).actions).toHaveLength(3);
    // Two changes made on the same version at once: one goes through, the other is told to read again.
    const racing = await Promise.all(
      ['job-club', 'digital-skills'].map((code) => w.call(Role.Referent, 'post', `/contracts/${c.id}/actions`, { expectedVersion: c.version, category: 'workshop', code, weeklyHours: 2, startsOn: '2027-03-01', endsOn: '2027-03-05' })),
    );
    expect(racing.map((a) => a.status).sort()).toEqual([201, 409]);
    c = racing.find((a) => a.status === 201)?.body;
    const raced = c.actions.find((a) => a.startsOn === '2027-03-01');
    const cancelRaced = await w.call(Role.Referent, 'patch', `/contracts/${c.id}/actions/${raced?.id}`, { expectedVersion: c.version, status: 'cancelled', cancelReason: 'other' });
    c = cancelRaced.body;

    // Cancelling an action needs its reason; then its hours no longer count.
    const workshop = c.actions.find((a) => a.code === 'cv-workshop');
    const cancelBare = await w.call(Role.Referent, 'patch', `/contracts/${c.id}/actions/${workshop?.id}`, { expectedVersion: c.version, status: 'cancelled' });
    expect(cancelBare.status).toBe(422);
    const cancelled = await w.call(Role.Referent, 'patch', `/contracts/${c.id}/actions/${workshop?.id}`, { expectedVersion: c.version, status: 'cancelled', cancelReason: 'provider-cancelled' });
    expect(cancelled.status).toBe(200);
    c = cancelled.body;
    expect(c.actions.find((a) => a.id === workshop?.id)).toMatchObject({ status: 'cancelled', cancelReason: 'provider-cancelled' });
    const reopened = await w.call(Role.Referent, 'patch', `/contracts/${c.id}/actions/${workshop?.id}`, { expectedVersion: c.version, status: 'planned' });
    expect([reopened.status, reopened.body.error.code]).toEqual([409, 'ORIENTATION_CONTRACT_ACTION_CLOSED']);
    report = await weeks();
    expect(report.weeks.map((x: { hours: number }) => x.hours)).toEqual([1.5, 1.5, 11.5, 1.5, 1.5]);
    expect(c.events.map((e) => e.kind)).toEqual(['created', 'signed', 'action-added', 'action-added', 'action-added', 'intensity-adjusted', 'action-added', 'action-changed', 'action-changed']);
    expect(c.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    contracts.emploi = c;
  });

  it('reminds the referent 15 days before the period ends and when the bilan is due, once each however often the job runs', async () => {
    const reminders = w.app.get(ContractReminders);
    const c = got('emploi');
    const referent = w.professionalOf(Role.Referent);

    at('2027-04-13');
    await reminders.run();
    expect(await noticesOf(c.id)).toEqual([]);

    at('2027-04-14');
    const first = await reminders.run();
    expect(first.expiring).toBeGreaterThanOrEqual(1);
    expect(await noticesOf(c.id)).toEqual([{ kind: 'contract-expiring', recipient_id: referent, due_on: '2027-04-29' }]);
    const again = await reminders.run();
    expect(again).toMatchObject({ expiring: 0, bilanDue: 0 });
    expect(await noticesOf(c.id)).toHaveLength(1);
    // The PPAE ends on 19 April: its counsellor was reminded by the first run inside its window (from 4 April).
    expect(await noticesOf(got('ppae').id)).toEqual([{ kind: 'contract-expiring', recipient_id: w.professionalOf(Role.FtCounsellor), due_on: '2027-04-19' }]);

    // As the worker runs it (the daily orientation reminders job), twice.
    at('2027-04-29');
    const processor = new OrientationRemindersProcessor(w.app.get(OrientationReminders));
    expect(await processor.process()).toMatchObject({ day: '2027-04-29', contracts: { day: '2027-04-29' }, portfolios: { day: '2027-04-29' } });
    await processor.process();
    expect(await noticesOf(c.id)).toEqual([
      { kind: 'contract-expiring', recipient_id: referent, due_on: '2027-04-29' },
      { kind: 'bilan-due', recipient_id: referent, due_on: '2027-04-29' },
    ]);
    const inbox = await w.call(Role.Referent, 'get', '/orientation/notices');
    expect(inbox.body.filter((n: { subjectId: string }) => n.subjectId === c.id).map((n: { kind: string }) => n.kind).sort()).toEqual(['bilan-due', 'contract-expiring']);
  });

  it('renews after the bilan: Emploi by 3 months, Remobilisation by 6; a bilan deciding otherwise, or none, stops the renewal', async () => {
    let c = got('emploi');
    const early = await w.call(Role.Referent, 'post', `/contracts/${c.id}/renewals`, { expectedVersion: c.version });
    expect([early.status, early.body.error.code]).toEqual([409, 'ORIENTATION_BILAN_REQUIRED']);
    const bilan = await w.call(Role.Referent, 'post', `/contracts/${c.id}/bilan`, { expectedVersion: c.version, heldOn: '2027-04-28', outcome: 'renew', nextSteps: ['immersion', 'intensify-job-search'] });
    expect(bilan.status).toBe(201);
    c = bilan.body;
    expect(c.bilans).toMatchObject([{ periodSeq: 1, heldOn: '2027-04-28', outcome: 'renew', nextSteps: ['immersion', 'intensify-job-search'] }]);
    const twice = await w.call(Role.Referent, 'post', `/contracts/${c.id}/bilan`, { expectedVersion: c.version, heldOn: '2027-04-29', outcome: 'exit', nextSteps: [] });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ORIENTATION_BILAN_ALREADY_RECORDED']);
    const renewed = await w.call(Role.Referent, 'post', `/contracts/${c.id}/renewals`, { expectedVersion: c.version });
    expect(renewed.status).toBe(201);
    c = renewed.body;
    expect(c.status).toBe('renewed');
    expect(c.periods.map((p) => [p.seq, p.kind, p.startsOn, p.endsOn, p.bilanDueOn])).toEqual([
      [1, 'first', '2027-01-31', '2027-04-29', '2027-04-29'],
      [2, 'renewal', '2027-04-30', '2027-07-29', '2027-07-29'],
    ]);
    expect(c.currentPeriod).toMatchObject(renewalPeriod('emploi', '2027-04-29'));
    contracts.emploi = c;

    // Remobilisation: 6 more months from the day after its first period (31 July 2027 to 30 January 2028).
    at('2027-07-30');
    let r = got('remobilisation');
    r = (await w.call(Role.Referent, 'post', `/contracts/${r.id}/bilan`, { expectedVersion: r.version, heldOn: '2027-07-30', outcome: 'renew', nextSteps: ['revisit-diagnostic'] })).body;
    const remob = await w.call(Role.Referent, 'post', `/contracts/${r.id}/renewals`, { expectedVersion: r.version });
    expect(remob.status).toBe(201);
    expect(remob.body.currentPeriod).toMatchObject({ seq: 2, startsOn: '2027-07-31', endsOn: '2028-01-30', bilanDueOn: '2028-01-30', remindOn: '2028-01-15' });

    // Équilibre: the bilan decided a réorientation; no renewal.
    let e = got('equilibre');
    e = (await w.call(Role.Referent, 'post', `/contracts/${e.id}/bilan`, { expectedVersion: e.version, heldOn: '2027-07-14', outcome: 'reorient', nextSteps: ['revisit-diagnostic', 'ep-review'] })).body;
    const refused = await w.call(Role.Referent, 'post', `/contracts/${e.id}/renewals`, { expectedVersion: e.version, withoutBilanReason: 'person-unavailable' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'ORIENTATION_BILAN_REQUIRED']);
    contracts.equilibre = e;

    // The PPAE, its bilan postponed with a reason: renewed all the same, the reason kept on the period.
    const p = got('ppae');
    const postponed = await w.call(Role.FtCounsellor, 'post', `/contracts/${p.id}/renewals`, { expectedVersion: p.version, withoutBilanReason: 'person-unavailable' });
    expect(postponed.status).toBe(201);
    expect(postponed.body.currentPeriod).toMatchObject({ seq: 2, startsOn: '2027-04-20', endsOn: '2027-07-19', withoutBilanReason: 'person-unavailable' });
    // Its second period is over too (today is past 19 July): renewed again, late. The third one has just begun: without its bilan, it
    // is renewed only near its end, not stacked ahead.
    const late = await w.call(Role.FtCounsellor, 'post', `/contracts/${p.id}/renewals`, { expectedVersion: postponed.body.version, withoutBilanReason: 'person-unavailable' });
    expect(late.status).toBe(201);
    expect(late.body.currentPeriod).toMatchObject({ seq: 3, endsOn: '2027-10-19' });
    const stacked = await w.call(Role.FtCounsellor, 'post', `/contracts/${p.id}/renewals`, { expectedVersion: late.body.version, withoutBilanReason: 'person-unavailable' });
    expect([stacked.status, stacked.body.error.code, stacked.body.error.details]).toEqual([409, 'ORIENTATION_CONTRACT_STATE', { periodSeq: 3, endsOn: '2027-10-19', renewableFrom: '2027-09-19' }]);

    // The postponed bilans are still owed: each is recorded afterwards for its own period, once; a
    // period renewed after its bilan, or one that does not exist, is refused.
    const owed = await w.call(Role.FtCounsellor, 'post', `/contracts/${p.id}/bilan`, { expectedVersion: late.body.version, periodSeq: 1, heldOn: '2027-07-28', outcome: 'renew', nextSteps: ['training'] });
    expect(owed.status).toBe(201);
    expect(owed.body.bilans).toMatchObject([{ periodSeq: 1, heldOn: '2027-07-28', outcome: 'renew' }]);
    expect(owed.body.currentPeriod).toMatchObject({ seq: 3 });
    const again = await w.call(Role.FtCounsellor, 'post', `/contracts/${p.id}/bilan`, { expectedVersion: owed.body.version, periodSeq: 1, heldOn: '2027-07-29', outcome: 'renew', nextSteps: [] });
    expect([again.status, again.body.error.code]).toEqual([409, 'ORIENTATION_BILAN_ALREADY_RECORDED']);
    const beforeItsPeriod = await w.call(Role.FtCounsellor, 'post', `/contracts/${p.id}/bilan`, { expectedVersion: owed.body.version, periodSeq: 2, heldOn: '2027-04-01', outcome: 'renew', nextSteps: [] });
    expect([beforeItsPeriod.status, beforeItsPeriod.body.error.code]).toEqual([422, 'ORIENTATION_CONTRACT_INVALID']);
    for (const periodSeq of [4, 7]) {
      const none = await w.call(Role.FtCounsellor, 'post', `/contracts/${p.id}/bilan`, { expectedVersion: owed.body.version, periodSeq, heldOn: '2027-07-30', outcome: 'renew', nextSteps: [] });
      expect([periodSeq, none.status, none.body.error.code, none.body.error.details?.postponed]).toEqual([periodSeq, 422, 'ORIENTATION_CONTRACT_INVALID', [1, 2]]);
    }
    const notPostponed = await w.call(Role.Referent, 'post', `/contracts/${got('emploi').id}/bilan`, { expectedVersion: got('emploi').version, periodSeq: 1, heldOn: '2027-07-30', outcome: 'renew', nextSteps: [] });
    expect([notPostponed.status, notPostponed.body.error.details]).toEqual([422, { periodSeq: 1, currentPeriodSeq: 2, postponed: [] }]);
    const second = await w.call(Role.FtCounsellor, 'post', `/contracts/${p.id}/bilan`, { expectedVersion: owed.body.version, periodSeq: 2, heldOn: '2027-07-30', outcome: 'renew', nextSteps: [] });
    expect(second.status).toBe(201);
    expect(second.body.bilans.map((b: { periodSeq: number }) => b.periodSeq)).toEqual([1, 2]);
    contracts.ppae = second.body;
  });

  it('an exit to employment closes the orientation and ends the contract in one go; the job is then followed at 1, 3 and 6 months', async () => {
    at('2027-08-02');
    const c = got('emploi');
    const exit = await w.call(Role.Referent, 'post', `/beneficiaries/${people[0]}/exit`, { reason: 'employment', exitOn: '2027-08-02', contractType: 'cdd', workingTime: 'full-time' });
    expect(exit.status).toBe(201);
    expect(exit.body).toMatchObject({ reason: 'employment', exitOn: '2027-08-02', contractId: c.id, contractType: 'cdd' });
    expect((exit.body as ExitView).milestones.map((m) => [m.milestone, m.dueOn, m.state])).toEqual([
      ['1-month', '2027-09-02', 'upcoming'],
      ['3-months', '2027-11-02', 'upcoming'],
      ['6-months', '2028-02-02', 'upcoming'],
    ]);
    const [period] = await w.sql<{ ends_on: string; end_reason: string }>(`SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends_on, end_reason FROM orientation_period WHERE person_id = $1`, [people[0]]);
    expect(period).toEqual({ ends_on: '2027-08-02', end_reason: 'exit:employment' });
    const ended = await contract(c.id);
    expect(ended).toMatchObject({ status: 'ended', endedOn: '2027-08-02', endReason: 'exit:employment', live: false, version: c.version + 1 });
    expect(ended.events.at(-1)).toMatchObject({ kind: 'ended' });

    // Nothing more on an ended contract, nothing to exit from twice, no reminder for it.
    const late = await w.call(Role.Referent, 'post', `/contracts/${c.id}/actions`, { expectedVersion: ended.version, category: 'interview', code: 'individual-interview', weeklyHours: 1, startsOn: '2027-08-02', endsOn: '2027-08-31' });
    expect([late.status, late.body.error.code]).toEqual([409, 'ORIENTATION_CONTRACT_NOT_LIVE']);
    const again = await w.call(Role.Referent, 'post', `/beneficiaries/${people[0]}/exit`, { reason: 'employment', exitOn: '2027-08-02' });
    expect([again.status, again.body.error.code]).toEqual([409, 'ORIENTATION_NO_CURRENT_ORIENTATION']);
    const before = (await noticesOf(c.id)).length;
    await w.app.get(ContractReminders).run();
    expect(await noticesOf(c.id)).toHaveLength(before);

    // The follow-up: not before it is due; then recorded (and corrected, audited).
    const exitId = exit.body.id as string;
    const tooSoon = await w.call(Role.Referent, 'post', `/exits/${exitId}/milestones/1-month`, { inEmployment: true, contractType: 'cdd', workingTime: 'full-time' });
    expect([tooSoon.status, tooSoon.body.error.code]).toEqual([409, 'ORIENTATION_EXIT_MILESTONE_NOT_DUE']);
    at('2027-09-02');
    const month = await w.call(Role.Referent, 'post', `/exits/${exitId}/milestones/1-month`, { inEmployment: true, contractType: 'cdd', workingTime: 'full-time' });
    expect(month.status).toBe(200);
    const unknownMilestone = await w.call(Role.Referent, 'post', `/exits/${exitId}/milestones/2-weeks`, { inEmployment: true });
    expect(unknownMilestone.status).toBe(422);
    at('2027-11-03');
    await w.call(Role.Referent, 'post', `/exits/${exitId}/milestones/3-months`, { inEmployment: true, contractType: 'cdi', workingTime: 'full-time' });
    await w.call(Role.Referent, 'post', `/exits/${exitId}/milestones/3-months`, { inEmployment: false });
    const listed = await w.call(Role.Referent, 'get', `/beneficiaries/${people[0]}/exits`);
    expect(listed.status).toBe(200);
    expect((listed.body as ExitView[])[0].milestones.map((m) => [m.milestone, m.state, m.inEmployment, m.contractType])).toEqual([
      ['1-month', 'recorded', true, 'cdd'],
      ['3-months', 'recorded', false, null],
      ['6-months', 'upcoming', null, null],
    ]);
    const [correction] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'path.exit.milestone' AND (detail->>'correction')::boolean AND $1 = ANY(subject_ids)`, [people[0]]);
    expect(correction.n).toBe(1);

    // Other exits are not followed in employment. A réorientation still asked for is closed by the exit (nothing is left to change).
    const diagnosed = await w.call(Role.Referent, 'post', `/beneficiaries/${people[1]}/diagnostics`, { authors: [w.professionalOf(Role.Referent), w.professionalOf(Role.FtCounsellor)], content: aDiagnosticContent() });
    expect(diagnosed.status).toBe(201);
    const asked = await w.call(Role.Referent, 'post', `/beneficiaries/${people[1]}/reorientation-requests`, { proposedDominante: 'remobilisation', proposedStructureKind: 'maison-nord-emploi', reasonCode: 'situation-worsened' });
    expect([asked.status, asked.body.error]).toEqual([201, undefined]);
    // The coordinator refuses the request at the very moment the exit is recorded: one goes first,
    // the other follows or is refused (409), never a server error (the two once took their locks in
    // opposite orders and deadlocked).
    const ep = asked.body.epRequired ? { epOn: '2027-11-03', epOpinion: 'unfavourable' } : {};
    const [moved, refusal] = await Promise.all([
      w.call(Role.Referent, 'post', `/beneficiaries/${people[1]}/exit`, { reason: 'moved', exitOn: '2027-11-03' }),
      w.call(Role.Coordinator, 'post', `/reorientation-requests/${asked.body.id}/decision`, { decision: 'refused', reasonCode: 'not-justified', ...ep }),
    ]);
    expect(moved.status).toBe(201);
    expect([200, 201, 409]).toContain(refusal.status);
    expect(moved.body.milestones).toEqual([]);
    const requestStatus = refusal.status === 409 ? 'closed-by-exit' : 'refused';
    expect(await w.sql(`SELECT status, decided_at IS NOT NULL AS decided FROM orientation_reorientation_request WHERE id = $1`, [asked.body.id])).toEqual([{ status: requestStatus, decided: true }]);
    const pendingList = await w.call(Role.Coordinator, 'get', '/orientation/territories/roubaix-tourcoing/reorientation-requests');
    expect(JSON.stringify(pendingList.body)).not.toContain(asked.body.id);
    expect(await w.sql(`SELECT kind, detail->>'status' AS status FROM orientation_notice WHERE subject_id = $1 AND kind = 'reorientation-decided' AND recipient_id = $2`, [asked.body.id, w.professionalOf(Role.Referent)])).toEqual([
      { kind: 'reorientation-decided', status: requestStatus },
    ]);
    // The referent's access, which the portfolio gave, ended with the path; the coordinator of the territory still reads it.
    expect((await w.call(Role.Referent, 'get', `/contracts/${got('equilibre').id}`)).status).toBe(403);
    expect((await w.call(Role.Coordinator, 'get', `/contracts/${got('equilibre').id}`)).body.status).toBe('ended');
    const notFollowed = await w.call(Role.Coordinator, 'post', `/exits/${moved.body.id}/milestones/1-month`, { inEmployment: true });
    expect([notFollowed.status, notFollowed.body.error.code]).toEqual([422, 'ORIENTATION_EXIT_MILESTONE_NOT_APPLICABLE']);
  });

  it('refuses an exit, and a contract, without an open orientation (409), and changes nothing', async () => {
    const never = people[5];
    await w.shareWith(never, Role.Referent, 'referent');
    const exit = await w.call(Role.Referent, 'post', `/beneficiaries/${never}/exit`, { reason: 'training', exitOn: '2027-11-03' });
    expect([exit.status, exit.body.error.code]).toEqual([409, 'ORIENTATION_NO_CURRENT_ORIENTATION']);
    const create = await w.call(Role.Referent, 'post', `/beneficiaries/${never}/contracts`);
    expect([create.status, create.body.error.code]).toEqual([409, 'ORIENTATION_NO_CURRENT_ORIENTATION']);
    const badReason = await w.call(Role.Referent, 'post', `/beneficiaries/${people[2]}/exit`, { reason: 'vanished', exitOn: '2027-11-03' });
    expect(badReason.status).toBe(400);
    const [rows] = await w.sql<{ exits: number; contracts: number }>(
      `SELECT (SELECT count(*)::int FROM path_exit WHERE person_id = ANY($1)) AS exits, (SELECT count(*)::int FROM contract WHERE person_id = $2) AS contracts`,
      [[never, people[2]], never],
    );
    expect(rows).toEqual({ exits: 0, contracts: 0 });
    expect((await contract(got('remobilisation').id)).live).toBe(true);
  });

  it('keeps each contract within its scope: a role out of scope gets 403, recorded; a role without the permission too', async () => {
    const c = got('remobilisation');
    // The France Travail counsellor and the IOD operator are not members of this person's file.
    const ft = await w.call(Role.FtCounsellor, 'get', `/contracts/${c.id}`);
    expect(ft.status).toBe(403);
    const operator = await w.call(Role.PartnerOperator, 'post', `/contracts/${c.id}/actions`, { expectedVersion: c.version, category: 'interview', code: 'individual-interview', weeklyHours: 1, startsOn: '2027-11-03', endsOn: '2027-11-30' });
    expect(operator.status).toBe(403);
    expect((await w.call(Role.FtCounsellor, 'post', `/beneficiaries/${people[2]}/exit`, { reason: 'other', exitOn: '2027-11-03' })).status).toBe(403);
    expect((await w.call(Role.CallCentre, 'get', `/beneficiaries/${people[2]}/contracts`)).status).toBe(403);
    expect((await w.call(Role.ProjectTeam, 'get', `/contracts/${c.id}/intensity`)).status).toBe(403);
    const [denied] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'denied' AND action IN ('contract.read', 'contract.action.add', 'path.exit') AND $1 = ANY(subject_ids)`, [people[2]]);
    expect(denied.n).toBe(3);
    expect((await contract(c.id)).version).toBe(c.version + 2);
    // The coordinator of the territory sees it.
    expect((await w.call(Role.Coordinator, 'get', `/contracts/${c.id}`)).status).toBe(200);
  });

  it('refuses a plan no week can hold (more than 48 hours) and an action typed years ahead, and keeps the plan as it was', async () => {
    const c = await contract(got('remobilisation').id);
    const periodEnds = c.periods.at(-1)?.endsOn as string;
    const training = (version: number, body: object) =>
      w.call(Role.Referent, 'post', `/contracts/${c.id}/actions`, { expectedVersion: version, category: 'training', code: 'qualifying', startsOn: '2027-11-08', endsOn: '2027-11-28', ...body });
    // The week of 8 November holds at most 18 hours so far: one training of 30 hours fits, a second does not.
    const week = (c.actions as { weeklyHours: number; startsOn: string; endsOn: string; status: string }[])
      .filter((a) => a.status !== 'cancelled' && a.startsOn <= '2027-11-28' && a.endsOn >= '2027-11-08')
      .reduce((sum, a) => sum + a.weeklyHours, 0);
    expect(week).toBeLessThanOrEqual(18);
    const first = await training(c.version, { weeklyHours: 30 });
    expect(first.status).toBe(201);
    const twice = await training(first.body.version, { weeklyHours: 30 });
    expect([twice.status, twice.body.error.code, twice.body.error.details]).toEqual([422, 'ORIENTATION_CONTRACT_INVALID', { weekOf: '2027-11-08', hours: week + 60, max: 48 }]);
    // A year typed wrong forward, far past the period and the three months after it.
    const far = await training(first.body.version, { weeklyHours: 2, startsOn: '2199-01-10', endsOn: '2199-02-10' });
    expect([far.status, far.body.error.code, far.body.error.details?.latestStart]).toEqual([422, 'ORIENTATION_CONTRACT_INVALID', addDays(periodEnds, 92)]);
    expect((await contract(c.id)).version).toBe(first.body.version);
  });

  it('lets only those who hold the accompaniment change the contract or record the exit, and tells the referent of an exit recorded by someone else', async () => {
    const c = got('remobilisation');
    // France Travail's counsellor co-wrote the diagnostic: a member of the file, who reads the
    // contract, but the accompaniment is the Maison Nord Emploi referent's.
    await w.shareWith(people[2], Role.FtCounsellor, 'case-member');
    expect((await w.call(Role.FtCounsellor, 'get', `/contracts/${c.id}`)).status).toBe(200);
    const before = await contract(c.id);
    const added = await w.call(Role.FtCounsellor, 'post', `/contracts/${c.id}/actions`, { expectedVersion: before.version, category: 'interview', code: 'individual-interview', weeklyHours: 1, startsOn: '2027-11-03', endsOn: '2027-11-30' });
    expect([added.status, added.body.error.code]).toEqual([403, 'ACCESS_FORBIDDEN']);
    const exit = await w.call(Role.FtCounsellor, 'post', `/beneficiaries/${people[2]}/exit`, { reason: 'other', exitOn: '2027-11-03' });
    expect([exit.status, exit.body.error.code]).toEqual([403, 'ACCESS_FORBIDDEN']);
    const refusals = await w.sql<{ action: string; detail: { reason: string } }>(
      `SELECT action, detail FROM audit_event WHERE outcome = 'denied' AND actor_role = 'ft_counsellor' AND detail->>'reason' = 'not-the-accompaniment' AND $1 = ANY(subject_ids) ORDER BY seq`,
      [people[2]],
    );
    // Nor the follow-up in employment of another referent's exit.
    await w.shareWith(people[0], Role.FtCounsellor, 'case-member');
    const [employmentExit] = await w.sql<{ id: string }>(`SELECT id FROM path_exit WHERE person_id = $1`, [people[0]]);
    const followUp = await w.call(Role.FtCounsellor, 'post', `/exits/${employmentExit.id}/milestones/1-month`, { inEmployment: false });
    expect([followUp.status, followUp.body.error.code]).toEqual([403, 'ACCESS_FORBIDDEN']);
    expect(refusals.map((r) => r.action)).toEqual(['contract.action.add', 'path.exit']);
    expect(await contract(c.id)).toMatchObject({ version: before.version, live: true });

    // The territory's coordinator records it; the referent, who did not, is told.
    const byCoordinator = await w.call(Role.Coordinator, 'post', `/beneficiaries/${people[2]}/exit`, { reason: 'other', exitOn: '2027-11-03' });
    expect(byCoordinator.status).toBe(201);
    expect(await w.sql(`SELECT kind, detail->>'reason' AS reason FROM orientation_notice WHERE subject_id = $1 AND recipient_id = $2`, [byCoordinator.body.id, w.professionalOf(Role.Referent)])).toEqual([
      { kind: 'path-exited', reason: 'other' },
    ]);
  });
});
