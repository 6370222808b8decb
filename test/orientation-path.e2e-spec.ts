import { addWorkingDays, isWorkingDay, Role } from '@rsa/kernel';
import { aDiagnosticContent, ContractReminders, type DiagnosticContent } from '@rsa/orientation';
import { createTestDatabase, DEMO_SUBJECTS, type TestDatabase } from '@rsa/testing';
import { tokenFor } from './support/api';
import { buildOrientationWorld, type OrientationWorld } from './support/orientation-world';

/**
 * The whole path after the convocation, on the API with real PostgreSQL and Redis, the clock
 * moved by the test: co-diagnostic → proposal with its explanation → decision → referent within
 * capacity → first accompaniment appointment within 5 working days (Christmas in between) →
 * contract → bilan due → renewal → réorientation → a new referent and contract → exit in
 * employment → follow-up; and the person's audit trail of it all.
 */
describe('the path after the convocation, end to end (e2e)', () => {
  let db: TestDatabase;
  let w: OrientationWorld;
  let person: string;
  let referent: string;
  let ft: string;
  const at = (instant: string) => w.clock.set(instant);

  /** Available soon, one blocking barrier (mobility): the référentiel says Équilibre. */
  const content = (): DiagnosticContent => {
    const c = aDiagnosticContent({ criteria: { availability: 'near' }, barriers: { mobilite: 'blocking' } });
    c.themes.mobilite.situations = ['sans-permis'];
    c.themes.mobilite.objectives = ['passer-le-permis'];
    return c;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    // Friday 18 December 2026: the co-diagnostic day.
    w = await buildOrientationWorld(db, '2026-12-18T09:30:00+01:00');
    const { personIds } = await w.importDaily(60, 'orientation-path', '2026-12-14');
    const [young] = await w.sql<{ id: string }>(`SELECT id FROM beneficiary_person WHERE id = ANY($1::uuid[]) AND dtnai > '1975-01-01' ORDER BY id LIMIT 1`, [personIds]);
    person = young.id;
    referent = w.professionalOf(Role.Referent);
    ft = w.professionalOf(Role.FtCounsellor);
    // The co-diagnostic binôme met the person at their convocation: both are members of the case.
    await w.shareWith(person, Role.FtCounsellor);
    await w.shareWith(person, Role.Referent);
  });
  afterAll(async () => {
    await w?.close();
    await db?.drop();
  });

  let diagnosticId: string;
  let firstPeriodId: string;

  it('the co-diagnostic, its proposal explained, and the decision the person agrees with', async () => {
    const advice = await w.call(Role.FtCounsellor, 'get', `/beneficiaries/${person}/diagnostics`);
    expect(advice.body.advice).toMatchObject({ modality: 'co-diagnostic', derivedFrom: { origin: 'flux' } });
    const written = await w.call(Role.FtCounsellor, 'post', `/beneficiaries/${person}/diagnostics`, { authors: [ft, referent], content: content() });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ modality: 'co-diagnostic', version: 1, diagnosedOn: '2026-12-18' });
    diagnosticId = written.body.diagnosticId;

    const proposal = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/orientation/proposal`);
    expect(proposal.body).toMatchObject({ dominante: 'equilibre', ruleId: 'equilibre', ruleSet: { version: 0 }, diagnostic: { id: diagnosticId, version: 1 } });
    expect(proposal.body.notBecause).toEqual([{ ruleId: 'emploi', failed: expect.objectContaining({ holds: false }) }]);
    expect(proposal.body.because.length).toBeGreaterThan(0);

    const decided = await w.call(Role.FtCounsellor, 'post', `/beneficiaries/${person}/orientation/decisions`, {
      diagnosticId, diagnosticVersion: 1, deciders: [ft, referent], dominante: 'equilibre', structureKind: 'maison-nord-emploi', agreement: 'agreed', agreementOn: '2026-12-18',
    });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ dominante: 'equilibre', override: false, diagnosticOn: '2026-12-18', startsOn: '2026-12-18' });
    const orientations = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/orientations`);
    expect(orientations.body.current).toMatchObject({ dominante: 'equilibre', structureKind: 'maison-nord-emploi', referentId: null, endsOn: null });
    firstPeriodId = orientations.body.current.id;
  });

  it('a referent with room, and the first accompaniment appointment within 5 working days of the diagnostic, Christmas excluded', async () => {
    const capacity = await w.call(Role.Coordinator, 'put', '/portfolio/territories/roubaix-tourcoing/capacity', { emploi: 50, equilibre: 50, remobilisation: 50 });
    expect(capacity.status).toBe(200);
    const suggestion = await w.call(Role.Coordinator, 'get', `/beneficiaries/${person}/referent-suggestion`);
    expect(suggestion.status).toBe(200);
    expect(suggestion.body.suggestion).toMatchObject({ professionalId: referent, overCapacity: false, room: 50 });

    // 5 working days after Friday 18 December: 21, 22, 23, 24, then 28 (25 December is a public holiday, 26-27 a weekend).
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(addWorkingDays('2026-12-18', 5)).toBe('2026-12-28');
    const late = await w.call(Role.Coordinator, 'post', `/beneficiaries/${person}/referent`, { professionalId: referent, firstAppointmentAt: '2026-12-29T10:00:00+01:00' });
    expect(late.status).toBe(422);
    expect(JSON.stringify(late.body.error)).toContain('2026-12-28');
    expect((await w.sql(`SELECT referent_id FROM orientation_period WHERE id = $1`, [firstPeriodId]))[0]).toEqual({ referent_id: null });

    const assigned = await w.call(Role.Coordinator, 'post', `/beneficiaries/${person}/referent`, { professionalId: referent, firstAppointmentAt: '2026-12-28T10:00:00+01:00' });
    expect(assigned.status).toBe(201);
    const [appointment] = await w.sql<{ id: string; deadline: string; diagnostic_on: string }>(
      `SELECT id, to_char(deadline, 'YYYY-MM-DD') AS deadline, to_char(diagnostic_on, 'YYYY-MM-DD') AS diagnostic_on FROM portfolio_first_appointment WHERE person_id = $1`,
      [person],
    );
    // Counted from the decision's diagnostic day, not from the day of assignment.
    expect(appointment).toMatchObject({ deadline: '2026-12-28', diagnostic_on: '2026-12-18' });

    const mine = await w.call(Role.Referent, 'get', '/portfolio/me');
    expect(JSON.stringify(mine.body)).toContain(person);
    const inbox = await w.call(Role.Referent, 'get', '/orientation/notices');
    expect(inbox.body.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['portfolio-assigned', 'first-appointment-due']));

    at('2026-12-28T11:30:00+01:00');
    const honoured = await w.call(Role.Referent, 'post', `/portfolio/first-appointments/${appointment.id}/outcome`, { status: 'honoured' });
    expect(honoured.status).toBe(200);
  });

  let contractId: string;
  let version: number;

  it('the contract: a CER of 6 months for Équilibre, its action plan at 15 hours a week, the bilan due at its end', async () => {
    const created = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/contracts`);
    expect(created.status).toBe(201);
    const signed = await w.call(Role.Referent, 'post', `/contracts/${created.body.id}/sign`, { expectedVersion: created.body.version, signedOn: '2026-12-28' });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ kind: 'cer', dominante: 'equilibre', status: 'signed', currentPeriod: { startsOn: '2026-12-28', endsOn: '2027-06-27', bilanDueOn: '2027-06-27' } });
    contractId = signed.body.id;
    version = signed.body.version;
    for (const action of [
      { category: 'workshop', code: 'cv-workshop', weeklyHours: 6 },
      { category: 'mobility', code: 'driving-licence', weeklyHours: 9 },
    ]) {
      const added = await w.call(Role.Referent, 'post', `/contracts/${contractId}/actions`, { expectedVersion: version, ...action, startsOn: '2027-01-04', endsOn: '2027-06-25' });
      expect(added.status).toBe(201);
      version = added.body.version;
    }
    const intensity = await w.call(Role.Referent, 'get', `/contracts/${contractId}/intensity?from=2027-01-04&to=2027-01-31`);
    expect(intensity.status).toBe(200);
    expect(JSON.stringify(intensity.body)).toContain('"hours":15');
  });

  it('reminds the referent 15 days before the end and when the bilan is due; the bilan renews the contract for 3 months', async () => {
    const reminders = w.app.get(ContractReminders);
    at('2027-06-12T07:00:00+02:00');
    await reminders.run();
    at('2027-06-27T07:00:00+02:00');
    await reminders.run();
    await reminders.run();
    const notices = await w.sql<{ kind: string; due_on: string }>(
      `SELECT kind, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM orientation_notice WHERE subject_id = $1 AND recipient_id = $2 ORDER BY kind`,
      [contractId, referent],
    );
    expect(notices.map((n) => n.kind)).toEqual(['bilan-due', 'contract-expiring']);

    const bilan = await w.call(Role.Referent, 'post', `/contracts/${contractId}/bilan`, { expectedVersion: version, heldOn: '2027-06-25', outcome: 'renew', nextSteps: [] });
    expect(bilan.status).toBe(201);
    const renewed = await w.call(Role.Referent, 'post', `/contracts/${contractId}/renewals`, { expectedVersion: bilan.body.version });
    expect(renewed.status).toBe(201);
    expect(renewed.body).toMatchObject({ status: 'renewed', currentPeriod: { seq: 2, startsOn: '2027-06-28', endsOn: '2027-09-27' } });
    version = renewed.body.version;
  });

  it('a réorientation towards Emploi, asked by the referent and decided by the coordinator, then a France Travail counsellor and a PPAE', async () => {
    at('2027-07-05T10:00:00+02:00');
    // The situation improved: the binôme updates the co-diagnostic (a new version, the first kept).
    const second = await w.call(Role.Referent, 'post', `/diagnostics/${diagnosticId}/versions`, { expectedVersion: 1, authors: [referent, ft], content: aDiagnosticContent() });
    expect([second.status, second.body.error]).toEqual([201, undefined]);
    const asked = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/reorientation-requests`, { proposedDominante: 'emploi', proposedStructureKind: 'france-travail-agency', reasonCode: 'situation-improved' });
    expect(asked.status).toBe(201);
    // After the first period, towards work: no EP review needed.
    expect(asked.body).toMatchObject({ status: 'pending', fromDominante: 'equilibre', epRequired: false });
    const decided = await w.call(Role.Coordinator, 'post', `/reorientation-requests/${asked.body.id}/decision`, { decision: 'accepted', reasonCode: 'justified', agreement: 'agreed', agreementOn: '2027-07-05' });
    expect([decided.status, decided.body.error]).toEqual([200, undefined]);
    const orientations = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/orientations`);
    expect(orientations.body.periods.map((p: { dominante: string; startsOn: string; endsOn: string | null; endReason: string | null }) => [p.dominante, p.startsOn, p.endsOn, p.endReason])).toEqual([
      ['emploi', '2027-07-05', null, null],
      ['equilibre', '2026-12-18', '2027-07-05', 'reorientation'],
    ]);
    // The Équilibre contract belonged to the closed orientation: it ended with it, in the réorientation's transaction, a version of its own.
    const ended = (await w.call(Role.Referent, 'get', `/contracts/${contractId}`)).body;
    expect(ended).toMatchObject({ status: 'ended', endedOn: '2027-07-05', endReason: 'reorientation', live: false, version: version + 1 });
    expect(ended.events.at(-1)).toMatchObject({ kind: 'ended', detail: { endReason: 'reorientation', decisionId: decided.body.decision.id, statusBefore: 'renewed' } });

    const suggestion = await w.call(Role.Coordinator, 'get', `/beneficiaries/${person}/referent-suggestion`);
    expect(suggestion.body.suggestion).toMatchObject({ professionalId: ft });
    const assigned = await w.call(Role.Coordinator, 'post', `/beneficiaries/${person}/referent`, {});
    expect(assigned.status).toBe(201);
    const [first] = await w.sql<{ deadline: string }>(`SELECT to_char(deadline, 'YYYY-MM-DD') AS deadline FROM portfolio_first_appointment WHERE person_id = $1 AND referent_id = $2`, [person, ft]);
    // The réorientation's diagnostic version (5 July 2027) + 5 working days.
    expect(first.deadline).toBe(addWorkingDays('2027-07-05', 5));

    at('2027-07-07T10:00:00+02:00');
    const created = await w.call(Role.FtCounsellor, 'post', `/beneficiaries/${person}/contracts`);
    const signed = await w.call(Role.FtCounsellor, 'post', `/contracts/${created.body.id}/sign`, { expectedVersion: created.body.version, signedOn: '2027-07-07' });
    expect(signed.body).toMatchObject({ kind: 'ppae', dominante: 'emploi', currentPeriod: { endsOn: '2027-10-06' } });
    contractId = signed.body.id;
  });

  it('exits in employment: the orientation and the contract end, the referent’s load drops, the follow-up milestones come due', async () => {
    const loadOf = async () => {
      const body = (await w.call(Role.Coordinator, 'get', '/portfolio/territories/roubaix-tourcoing/load')).body;
      return JSON.stringify(body);
    };
    const before = await w.call(Role.FtCounsellor, 'get', '/portfolio/me');
    expect(JSON.stringify(before.body)).toContain(person);

    at('2027-08-02T10:00:00+02:00');
    const exit = await w.call(Role.FtCounsellor, 'post', `/beneficiaries/${person}/exit`, { reason: 'employment', exitOn: '2027-08-02', contractType: 'cdi', workingTime: 'full-time' });
    expect(exit.status).toBe(201);
    const orientations = await w.call(Role.FtCounsellor, 'get', `/beneficiaries/${person}/orientations`);
    expect(orientations.body.current).toBeNull();
    expect(orientations.body.periods[0]).toMatchObject({ dominante: 'emploi', endsOn: '2027-08-02', endReason: 'exit:employment' });
    expect((await w.call(Role.FtCounsellor, 'get', `/contracts/${contractId}`)).body).toMatchObject({ status: 'ended' });
    const after = await w.call(Role.FtCounsellor, 'get', '/portfolio/me');
    expect(JSON.stringify(after.body)).not.toContain(person);
    expect(await loadOf()).not.toContain(person);
    // The access the portfolio gave lasts until the last follow-up is due (6 months, the day included), then ends.
    const portfolioGrants = await w.sql<{ valid_to: Date | null; revoked: boolean }>(
      `SELECT valid_to, revoked_at IS NOT NULL AS revoked FROM access_case_grant WHERE person_id = $1 AND basis = 'referent' AND reason_code = 'portfolio'`,
      [person],
    );
    expect(portfolioGrants.length).toBeGreaterThan(0);
    for (const g of portfolioGrants.filter((x) => !x.revoked)) expect(g.valid_to?.toISOString()).toBe('2028-02-02T23:00:00.000Z');

    const early = await w.call(Role.FtCounsellor, 'post', `/exits/${exit.body.id}/milestones/1-month`, { inEmployment: true });
    expect(early.status).toBe(409);
    at('2027-09-02T10:00:00+02:00');
    const milestone = await w.call(Role.FtCounsellor, 'post', `/exits/${exit.body.id}/milestones/1-month`, { inEmployment: true, contractType: 'cdi', workingTime: 'full-time' });
    expect(milestone.status).toBe(200);
    const exits = await w.call(Role.FtCounsellor, 'get', `/beneficiaries/${person}/exits`);
    expect(JSON.stringify(exits.body)).toContain('"inEmployment":true');
    const again = await w.call(Role.FtCounsellor, 'post', `/beneficiaries/${person}/exit`, { reason: 'employment', exitOn: '2027-09-02' });
    expect(again.status).toBe(409);
  });

  it('keeps the person’s whole path in the audit trail, reads included, each by whom it was done', async () => {
    const rows = await w.sql<{ action: string; actor_role: string | null }>(
      `SELECT action, actor_role FROM audit_event WHERE $1 = ANY(subject_ids) AND outcome = 'allowed' ORDER BY seq`,
      [person],
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const expected of ['orientation.decide', 'reorientation.request', 'reorientation.decide', 'contract.sign', 'contract.renew']) expect(actions).toContain(expected);
    expect(rows.filter((r) => r.action.endsWith('.read')).length).toBeGreaterThan(5);
    // Every step by a professional under their role; by the system only the CAF file that brought them, the set-up's shares and the daily reminders.
    const bySystem = await w.sql<{ action: string }>(`SELECT DISTINCT action FROM audit_event WHERE $1 = ANY(subject_ids) AND actor_kind = 'system' ORDER BY action`, [person]);
    expect(bySystem.map((r) => r.action)).toEqual(['beneficiary.share', 'contract.reminders', 'intake.import.write']);
    expect(rows.filter((r) => r.actor_role === null).map((r) => r.action).sort()).toEqual(['beneficiary.share', 'beneficiary.share', 'contract.reminders', 'contract.reminders', 'intake.import.write']);
  });

  it('gives the whole path in the data-subject export: diagnostics, decisions, periods, referents, contracts, the exit and its follow-up', async () => {
    const dpo = { token: await tokenFor(w.config, DEMO_SUBJECTS.dpo) };
    const res = await w.call(dpo, 'get', `/beneficiaries/${person}/export?reason=data-subject-request&reference=DSR-2027-0001`);
    expect(res.status).toBe(200);
    const part = res.body.orientation as Record<string, { id?: string; content?: object }[]>;
    expect(part.diagnosticVersions.length).toBeGreaterThanOrEqual(1);
    expect(part.diagnosticVersions[0].content).toBeDefined();
    expect(part.decisions.length).toBe(2);
    expect(part.periods.length).toBe(2);
    for (const section of ['referentAssignments', 'firstAppointments', 'contracts', 'contractPeriods', 'contractActions', 'contractBilans', 'exits', 'exitFollowUps']) {
      expect({ section, rows: part[section].length > 0 }).toEqual({ section, rows: true });
    }
  });
});
