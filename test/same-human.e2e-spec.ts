import { Client } from 'pg';
import { Permission, systemActor } from '@rsa/kernel';
import { AnomalyReview, IntakeError } from '@rsa/intake';
import { BeneficiaryChanges, BeneficiaryFiles } from '@rsa/beneficiary';
import { AppointmentCommands } from '@rsa/convocation';
import { ADVISORY_LOCKS } from '@rsa/platform';
import { aDiagnosticContent, Diagnostics } from '@rsa/orientation';
import { DEMO_SUBJECTS, generateHouseholds, isExpectedEntrant, type GenHousehold } from '@rsa/testing';
import { reachabilityOf } from '../libs/convocation/src/application/convocation-sql';
import { convocationWorldHooks, seeder, type ConvocationWorld } from './support/convocation-world';

/**
 * One human under two person records: convened, they come back in a dossier of their own under
 * another NIR (same name and birth date: `identity-nir-conflict`). Until an operator reviews the
 * anomaly they are two people. Once the review finds them one (`same-person-caf-notified`), the
 * human is followed on one path, whatever the later files say: the second record does not enter
 * again while the first's path is live, and takes over when it goes stale.
 */
describe('one human under two records, found one by review (e2e)', () => {
  let w: ConvocationWorld;
  const households = [...generateHouseholds('same-human', 90, { kind: 'daily', referenceDate: '2026-12-07' })];
  const reviewer = systemActor('test:review', 'cli', [Permission.IntakeReview]);

  convocationWorldHooks('2026-12-07T08:00:00+01:00', { territoryIds: ['roubaix-tourcoing', 'lille'], from: '2026-12-08', to: '2027-01-29' }, (world) => {
    w = world;
  });

  const importDaily = (name: string, date: string, list: GenHousehold[]) => w.importHouseholds(name, 'same-human', date, list);
  const byNumdemrsa = (numdemrsa: string) => households.find((h) => h.demandeRsa.numdemrsa === numdemrsa)!;
  const withOtherNir = (h: GenHousehold, numdemrsa: string, dtdemrsa: string, step: number): GenHousehold => {
    const [dem] = h.persons;
    expect(dem.nir).toMatch(/^\d{13}$/);
    const otherNir = `${dem.nir!.slice(0, 10)}${String((Number(dem.nir!.slice(10, 13)) + step) % 1000).padStart(3, '0')}`;
    return { ...h, demandeRsa: { numdemrsa, dtdemrsa }, persons: [{ ...dem, nir: otherNir }] };
  };
  const activeAppointments = (personId: string) =>
    w.sql<{ id: string; path_id: string }>(`SELECT id, path_id FROM convocation_appointment WHERE person_id = $1 AND status IN ('planned', 'confirmed', 'moved')`, [personId]);
  const pathsOf = (personId: string) =>
    w.sql<{ id: string; status: string; close_reason: string | null; notification_date: string; dossier_id: string }>(
      `SELECT id, status, close_reason, to_char(notification_date, 'YYYY-MM-DD') AS notification_date, dossier_id FROM beneficiary_path WHERE person_id = $1 ORDER BY opened_at`,
      [personId],
    );
  const conflicts = (numdemrsaLike: string) =>
    w.sql<{ id: string; person_id: string; other_person_id: string }>(
      `SELECT id::text, person_id, other_person_id FROM intake_anomaly WHERE kind = 'identity-nir-conflict' AND numdemrsa LIKE $1 ORDER BY numdemrsa`,
      [numdemrsaLike],
    );

  let known: { numdemrsa: string; person_id: string; appointment_id: string }[];
  let anomalies: { id: string; person_id: string; other_person_id: string }[];

  it('convenes the human once after the review, and the second record not again while the first is followed', async () => {
    expect((await importDaily('d1', '2026-12-07', households)).status).toBe('imported');
    await w.plan();
    // Their letters go, as the worker sends them, before the clock moves on.
    await w.drain();
    known = await w.sql<{ numdemrsa: string; person_id: string; appointment_id: string }>(
      `SELECT d.numdemrsa, a.person_id, a.id AS appointment_id
         FROM convocation_appointment a JOIN beneficiary_path p ON p.id = a.path_id AND p.status = 'open' JOIN beneficiary_dossier d ON d.id = p.dossier_id
        WHERE a.status = 'planned' AND (SELECT count(*) FROM beneficiary_member m WHERE m.dossier_id = d.id) = 1
        ORDER BY d.numdemrsa LIMIT 2`,
    );
    expect(known).toHaveLength(2);

    // Each comes again in a dossier of their own, under another NIR: the same person, or a homonym?
    w.clock.set('2026-12-10T08:00:00+01:00');
    const again = known.map((k, i) => withOtherNir(byNumdemrsa(k.numdemrsa), `9900000001${i}`, '2026-12-10', 1));
    expect(await importDaily('d2', '2026-12-10', again)).toMatchObject({ status: 'imported', entrants: 2 });
    anomalies = await conflicts('9900000001_');
    expect(anomalies.map((a) => a.other_person_id)).toEqual(known.map((k) => k.person_id));
    await w.plan();
    await w.drain();
    // Until the review, two people: each record convened, and told.
    const seconds = await Promise.all(anomalies.map(async (a) => (await activeAppointments(a.person_id))[0]));
    expect(seconds.every(Boolean)).toBe(true);
    expect(await w.sql(`SELECT status FROM notification_message WHERE appointment_id = $1 AND channel = 'letter'`, [seconds[0].id])).toEqual([{ status: 'sent' }]);

    const review = w.app.get(AnomalyReview);
    const same = await review.resolve(reviewer, anomalies[0].id, 'same-person-caf-notified');
    const distinct = await review.resolve(reviewer, anomalies[1].id, 'distinct-persons');
    const [firstPath] = await pathsOf(known[0].person_id);
    const [duplicatePath] = await pathsOf(anomalies[0].person_id);
    // The path kept is the first record's, opened first; the second record's is closed.
    expect(same.sameHuman).toEqual({ personIds: [known[0].person_id, anomalies[0].person_id].sort(), keptPathId: firstPath.id, keptStage: 'convened', closedPathIds: [duplicatePath.id] });
    expect(duplicatePath).toMatchObject({ status: 'closed', close_reason: 'same-person' });
    expect(distinct.sameHuman).toBeNull();
    expect(await w.sql(`SELECT count(DISTINCT human_id)::int AS humans, count(*)::int AS records FROM beneficiary_person WHERE human_id IS NOT NULL`)).toEqual([
      { humans: 1, records: 2 },
    ]);
    const [audit] = await w.sql<{ detail: object; subject_ids: string[] }>(
      `SELECT detail, subject_ids::text[] AS subject_ids FROM audit_event WHERE action = 'intake.anomaly.resolve' AND target_id = $1`,
      [anomalies[0].id],
    );
    expect(audit.detail).toEqual({ sameHuman: same.sameHuman });
    expect([...audit.subject_ids].sort()).toEqual(same.sameHuman!.personIds);

    // The planner ends the second record's convocation, and tells them not to come.
    expect(await w.plan()).toMatchObject({ ended: 1, carriedOver: 0 });
    expect(await activeAppointments(anomalies[0].person_id)).toEqual([]);
    expect(await activeAppointments(known[0].person_id)).toEqual([expect.objectContaining({ id: known[0].appointment_id })]);
    expect(await activeAppointments(anomalies[1].person_id)).toEqual([expect.objectContaining({ id: seconds[1].id })]);
    await w.drain();
    expect(await w.sql(`SELECT status FROM notification_message WHERE appointment_id = $1 AND kind = 'cancelled'`, [seconds[0].id])).toEqual([{ status: 'sent' }]);

    // The CAF sends the second record's dossier again, changed: it does not open a path again.
    w.clock.set('2026-12-11T08:00:00+01:00');
    const changed = { ...again[0], persons: [{ ...again[0].persons[0], prenom2: 'MARIE' }] };
    const report = await importDaily('d3', '2026-12-11', [changed]);
    expect(report).toMatchObject({ status: 'imported', entrants: 0 });
    expect(report.nonEntries).toMatchObject({ 'same-human-elsewhere': 1 });
    expect((await pathsOf(anomalies[0].person_id)).map((p) => p.status)).toEqual(['closed']);
    expect(await w.plan()).toMatchObject({ ended: 0, carriedOver: 0 });
    expect(await activeAppointments(anomalies[0].person_id)).toEqual([]);
  });

  it('moves the human onto the second record when the first one’s right ends, with the appointment they were given', async () => {
    // The first record's old dossier closes: the second record's dossier, still open, lets the human in.
    w.clock.set('2026-12-12T08:00:00+01:00');
    const report = await importDaily('d4', '2026-12-12', [{ ...byNumdemrsa(known[0].numdemrsa), etatdosrsa: '6' }]);
    expect(report).toMatchObject({ status: 'imported', entrants: 1 });
    const [oldPath] = await pathsOf(known[0].person_id);
    expect(oldPath).toMatchObject({ status: 'closed', close_reason: 'new-demand' });
    const [, takeover] = await pathsOf(anomalies[0].person_id);
    expect(takeover).toMatchObject({ status: 'open', notification_date: '2026-12-12' });

    // Same address, so same territory, and nothing planned yet on the new path: the appointment follows, under the second record.
    expect(await w.plan()).toMatchObject({ carriedOver: 1, ended: 0 });
    expect(await activeAppointments(known[0].person_id)).toEqual([]);
    expect(await activeAppointments(anomalies[0].person_id)).toEqual([{ id: known[0].appointment_id, path_id: takeover.id }]);
    expect(await w.sql(`SELECT person_id, state FROM convocation_track WHERE path_id = $1`, [takeover.id])).toEqual([{ person_id: anomalies[0].person_id, state: 'convened' }]);
    expect(
      await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE appointment_id = $1 AND status = 'pending' AND person_id <> $2`, [
        known[0].appointment_id,
        anomalies[0].person_id,
      ]),
    ).toEqual([{ n: 0 }]);
    // One appointment for the human, and the slot counted once.
    const [overbooked] = await w.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM convocation_slot s WHERE s.booked <> (SELECT count(*) FROM convocation_appointment a WHERE a.slot_id = s.id AND a.status IN ('planned', 'confirmed', 'moved'))`,
    );
    expect(overbooked.n).toBe(0);

    // The phone and SMS consent the human gave on the first record still reach them on the second.
    await w.consent([known[0].person_id], { sms: true });
    const [{ phone }] = await w.sql<{ phone: string }>(`SELECT phone FROM beneficiary_contact WHERE person_id = $1`, [known[0].person_id]);
    // Moved before it begins (a begun appointment has an attendance to record instead).
    const [{ starts_at: given }] = await w.sql<{ starts_at: Date }>(`SELECT starts_at FROM convocation_appointment WHERE id = $1`, [known[0].appointment_id]);
    w.clock.set(new Date(Math.min(new Date('2026-12-12T10:00:00+01:00').getTime(), new Date(given).getTime() - 3600_000)));
    const [later] = await w.sql<{ id: string }>(
      `SELECT s.id FROM convocation_slot s JOIN convocation_appointment a ON a.place_id = s.place_id AND a.id = $1
        WHERE s.kind = 'orientation' AND s.status = 'open' AND s.booked < s.capacity AND s.starts_at > $2 ORDER BY s.starts_at LIMIT 1`,
      [known[0].appointment_id, new Date('2026-12-16T00:00:00+01:00')],
    );
    await w.app.get(AppointmentCommands).move(systemActor('test:move', 'cli', [Permission.AppointmentManage]), known[0].appointment_id, later.id, 'person-request');
    // The SMS goes out in Monday's sending window.
    w.clock.set('2026-12-14T09:30:00+01:00');
    w.sms.clear();
    await w.sweep();
    await w.drain();
    expect(await w.sql(`SELECT kind, status FROM notification_message WHERE appointment_id = $1 AND channel = 'sms' AND kind = 'moved'`, [known[0].appointment_id])).toEqual([
      { kind: 'moved', status: 'sent' },
    ]);
    expect(w.sms.messages().map((m) => m.to)).toEqual([phone]);

    // Channel by channel: an email recorded on the second record keeps the first's SMS consent; a
    // consent withdrawn on the first is withdrawn for the human, whatever is edited later.
    const [{ dossier_id: dossierId }] = await w.sql<{ dossier_id: string }>(`SELECT dossier_id FROM beneficiary_path WHERE id = $1`, [takeover.id]);
    const reach = async () =>
      (await reachabilityOf({ query: (text, params) => w.sql(text, params) }, [{ person_id: anomalies[0].person_id, dossier_id: dossierId }])).get(anomalies[0].person_id);
    const changes = w.app.get(BeneficiaryChanges);
    await changes.updateContact(seeder, anomalies[0].person_id, { email: 'second.record@example.org', emailConsent: true });
    expect(await reach()).toMatchObject({ phone, smsConsent: true, email: 'second.record@example.org', emailConsent: true });
    await changes.updateContact(seeder, known[0].person_id, { smsConsent: false });
    // A corrected address needs its consent given again; once given, the human is reached there.
    await changes.updateContact(seeder, anomalies[0].person_id, { email: 'corrected@example.org' });
    expect(await reach()).toMatchObject({ phone, smsConsent: false, email: 'corrected@example.org', emailConsent: false });
    await changes.updateContact(seeder, anomalies[0].person_id, { emailConsent: true });
    expect(await reach()).toMatchObject({ phone, smsConsent: false, email: 'corrected@example.org', emailConsent: true });
  });

  it('links a third record to the human already linked, and refuses what does not fit', async () => {
    // A third record of the same human, in a third dossier under a third NIR.
    w.clock.set('2026-12-14T08:00:00+01:00');
    const third = withOtherNir(byNumdemrsa(known[0].numdemrsa), '99000000020', '2026-12-14', 2);
    expect(await importDaily('d5', '2026-12-14', [third])).toMatchObject({ status: 'imported', entrants: 1 });
    const [conflict] = await conflicts('99000000020');
    expect([known[0].person_id, anomalies[0].person_id]).toContain(conflict.other_person_id);
    const [thirdPath] = await pathsOf(conflict.person_id);
    const [, takeover] = await pathsOf(anomalies[0].person_id);

    const review = w.app.get(AnomalyReview);
    // While a CAF file is being imported, the review waits for nothing: refused, and the anomaly stays open.
    const importer = new Client({ connectionString: w.config.databaseUrl });
    await importer.connect();
    try {
      await importer.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.beneficiaryWrites]);
      const busy = await review.resolve(reviewer, conflict.id, 'same-person-caf-notified').catch((e: unknown) => e);
      expect(busy).toBeInstanceOf(IntakeError);
      expect((busy as IntakeError).code).toBe('INTAKE_IMPORT_UNDER_WAY');
      expect(await w.sql(`SELECT status FROM intake_anomaly WHERE id = $1`, [conflict.id])).toEqual([{ status: 'open' }]);
      expect(await w.sql(`SELECT human_id FROM beneficiary_person WHERE id = $1`, [conflict.person_id])).toEqual([{ human_id: null }]);
    } finally {
      await importer.end();
    }

    const linked = await review.resolve(reviewer, conflict.id, 'same-person-caf-notified');
    expect(linked.sameHuman).toEqual({
      personIds: [known[0].person_id, anomalies[0].person_id, conflict.person_id].sort(),
      keptPathId: takeover.id,
      keptStage: 'convened',
      closedPathIds: [thirdPath.id],
    });
    expect(await w.sql(`SELECT count(DISTINCT human_id)::int AS humans, count(*)::int AS records FROM beneficiary_person WHERE human_id IS NOT NULL`)).toEqual([
      { humans: 1, records: 3 },
    ]);
    // Each record's file names the others.
    const file = await w.app.get(BeneficiaryFiles).get(systemActor('test:read', 'cli', [Permission.BeneficiaryRead]), conflict.person_id);
    expect(file.sameHumanAs).toEqual([known[0].person_id, anomalies[0].person_id].sort());
    const alone = await w.app.get(BeneficiaryFiles).get(systemActor('test:read', 'cli', [Permission.BeneficiaryRead]), anomalies[1].person_id);
    expect(alone.sameHumanAs).toEqual([]);

    // One human twice needs two records: not for an anomaly about one.
    const [single] = await w.sql<{ id: string }>(
      `INSERT INTO intake_anomaly (file_id, kind, numdemrsa, person_id, detail)
       SELECT file_id, 'invalid-nir', numdemrsa, person_id, '{}'::jsonb FROM intake_anomaly WHERE id = $1 RETURNING id::text`,
      [conflict.id],
    );
    const refused = await review.resolve(reviewer, single.id, 'same-person-caf-notified').catch((e: unknown) => e);
    expect((refused as IntakeError).code).toBe('INTAKE_ANOMALY_RESOLUTION_NOT_APPLICABLE');
    expect(await w.sql(`SELECT status FROM intake_anomaly WHERE id = $1`, [single.id])).toEqual([{ status: 'open' }]);
    expect(await review.resolve(reviewer, single.id, 'corrected-by-later-file')).toMatchObject({ status: 'resolved', sameHuman: null });
  });

  // People convened from the first file, alone in their dossier, in a territory with agendas, not used yet.
  const used = new Set<string>();
  const convenedAlone = async (territoryId: string) => {
    const rows = await w.sql<{ numdemrsa: string; person_id: string; appointment_id: string }>(
      `SELECT d.numdemrsa, a.person_id, a.id AS appointment_id
         FROM convocation_appointment a JOIN beneficiary_path p ON p.id = a.path_id AND p.status = 'open' JOIN beneficiary_dossier d ON d.id = p.dossier_id
         JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE a.status = 'planned' AND tc.territory_id = $1 AND d.numdemrsa NOT LIKE '99%'
          AND (SELECT count(*) FROM beneficiary_member m WHERE m.dossier_id = d.id) = 1
        ORDER BY d.numdemrsa`,
      [territoryId],
    );
    const next = rows.find((r) => !used.has(r.person_id) && !known.some((k) => k.person_id === r.person_id) && households.some((h) => h.demandeRsa.numdemrsa === r.numdemrsa));
    expect(next).toBeDefined();
    used.add(next!.person_id);
    return next!;
  };
  const humanOpenPaths = (personId: string) =>
    w.sql<{ id: string; person_id: string }>(
      `SELECT p.id, p.person_id FROM beneficiary_path p JOIN beneficiary_person pe ON pe.id = p.person_id
        WHERE p.status = 'open' AND pe.human_id = (SELECT human_id FROM beneficiary_person WHERE id = $1)`,
      [personId],
    );
  const humanAppointments = (personId: string) =>
    w.sql<{ id: string; path_id: string }>(
      `SELECT a.id, a.path_id FROM convocation_appointment a JOIN beneficiary_person pe ON pe.id = a.person_id
        WHERE a.status IN ('planned', 'confirmed', 'moved') AND pe.human_id = (SELECT human_id FROM beneficiary_person WHERE id = $1)`,
      [personId],
    );
  /** A referent's diagnostic for this record, on its open path. */
  const diagnose = (personId: string) =>
    w.app.get(Diagnostics).create(systemActor('test:diagnostic', 'cli', [Permission.DiagnosticWrite]), personId, {
      authors: [w.seed.professionalIds[DEMO_SUBJECTS.referentRoubaix]],
      content: aDiagnosticContent(),
      modality: 'referent',
    });
  const secondRecord = async (first: { numdemrsa: string }, numdemrsa: string, date: string) => {
    const report = await importDaily(`second-${numdemrsa}`, date, [withOtherNir(byNumdemrsa(first.numdemrsa), numdemrsa, date, 1)]);
    expect(report).toMatchObject({ status: 'imported', entrants: 1 });
    const [conflict] = await conflicts(numdemrsa);
    return conflict;
  };

  it('gives one convocation to a human whose two closed paths lead to one new path, without failing the planning', async () => {
    w.clock.set('2026-12-15T08:00:00+01:00');
    const first = await convenedAlone('roubaix-tourcoing');
    const conflict = await secondRecord(first, '99000000030', '2026-12-15');
    await w.plan();
    await w.drain();
    expect((await humanAppointments(first.person_id)).length).toBe(0); // not linked yet: no human_id
    const [secondAppointment] = await activeAppointments(conflict.person_id);
    expect(secondAppointment).toBeDefined();
    await w.app.get(AnomalyReview).resolve(reviewer, conflict.id, 'same-person-caf-notified');
    expect(await humanAppointments(first.person_id)).toHaveLength(2);
    // The first record's appointment, from the first file, has begun by now; the second's is to come.
    expect(await w.sql(`SELECT starts_at < $2 AS begun FROM convocation_appointment WHERE id = $1`, [first.appointment_id, new Date('2026-12-16T08:00:00+01:00')])).toEqual([{ begun: true }]);
    // Before the next planning, the first record's dossier closes: the second record takes over, and
    // both closed paths (one closed by the review, one by the file) lead to its new path.
    w.clock.set('2026-12-16T08:00:00+01:00');
    expect(await importDaily('close-30', '2026-12-16', [{ ...byNumdemrsa(first.numdemrsa), etatdosrsa: '6' }])).toMatchObject({ entrants: 1 });
    expect(await w.plan()).toMatchObject({ carriedOver: 1, ended: 1 });
    const [open] = await humanOpenPaths(first.person_id);
    expect(await humanOpenPaths(first.person_id)).toEqual([{ id: open.id, person_id: conflict.person_id }]);
    // The appointment still to come is the second record's: it carries over; the first's has begun,
    // and stays on its closed path for the referent to record.
    const upcoming = await w.sql<{ id: string; path_id: string }>(
      `SELECT a.id, a.path_id FROM convocation_appointment a JOIN beneficiary_person pe ON pe.id = a.person_id
        WHERE a.status IN ('planned', 'confirmed', 'moved') AND a.starts_at > $2 AND pe.human_id = (SELECT human_id FROM beneficiary_person WHERE id = $1)`,
      [first.person_id, new Date('2026-12-16T08:00:00+01:00')],
    );
    expect(upcoming).toEqual([{ id: secondAppointment.id, path_id: open.id }]);
    expect(await w.plan()).toMatchObject({ carriedOver: 0, ended: 0, convened: 0 });
  });

  it('leaves one open path to a human linked while none of their paths is live, so a reopened right convenes them once', async () => {
    w.clock.set('2026-12-17T08:00:00+01:00');
    const first = await convenedAlone('roubaix-tourcoing');
    const conflict = await secondRecord(first, '99000000040', '2026-12-17');
    await w.plan();
    const [secondDossier] = await w.sql<{ numdemrsa: string }>(
      `SELECT d.numdemrsa FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE p.person_id = $1`,
      [conflict.person_id],
    );
    const secondHousehold = withOtherNir(byNumdemrsa(first.numdemrsa), secondDossier.numdemrsa, '2026-12-17', 1);
    // Both rights close; then the review.
    w.clock.set('2026-12-18T08:00:00+01:00');
    await importDaily('close-40', '2026-12-18', [{ ...byNumdemrsa(first.numdemrsa), etatdosrsa: '6' }, { ...secondHousehold, etatdosrsa: '5' }]);
    await w.plan();
    const [firstPath] = await pathsOf(first.person_id);
    const [secondPath] = await pathsOf(conflict.person_id);
    const link = await w.app.get(AnomalyReview).resolve(reviewer, conflict.id, 'same-person-caf-notified');
    expect(link.sameHuman).toMatchObject({ keptPathId: firstPath.id, closedPathIds: [secondPath.id] });
    // Both reopen: the human is followed on one path, and convened once.
    w.clock.set('2026-12-21T08:00:00+01:00');
    const reopened = await importDaily('reopen-40', '2026-12-21', [{ ...byNumdemrsa(first.numdemrsa), etatdosrsa: '2' }, { ...secondHousehold, etatdosrsa: '2' }]);
    expect(reopened.nonEntries).toMatchObject({ 'same-human-elsewhere': 1 });
    expect(await humanOpenPaths(first.person_id)).toEqual([{ id: firstPath.id, person_id: first.person_id }]);
    await w.plan();
    expect((await humanAppointments(first.person_id)).map((a) => a.path_id)).toEqual([firstPath.id]);
  });

  const stockHousehold = (index: number) => {
    const stock = [...generateHouseholds('same-human-stock', 40, { kind: 'monthly', referenceDate: '2026-11-15' })].filter(
      (h) => h.persons.length === 1 && h.persons[0].nir !== null && isExpectedEntrant(h, h.persons[0]),
    )[index];
    expect(stock).toBeDefined();
    return stock;
  };

  /** The household again in a daily file of `date`, under another NIR and at `addresses`: its conflict, and the appointment the planner gives it. */
  const convenedAgainAt = async (household: GenHousehold, numdemrsa: string, date: string, addresses: GenHousehold['addresses']) => {
    w.clock.set(`${date}T08:00:00+01:00`);
    expect(await importDaily(`daily-${numdemrsa}`, date, [{ ...withOtherNir(household, numdemrsa, date, 1), addresses }])).toMatchObject({ entrants: 1 });
    const [conflict] = await conflicts(numdemrsa);
    await w.plan();
    const [given] = await activeAppointments(conflict.person_id);
    expect(given).toBeDefined();
    return { conflict, given };
  };

  it('keeps the flux path over a stock path when neither is convened yet, so the planner convenes the human where they live now', async () => {
    w.clock.set('2026-12-22T08:00:00+01:00');
    // Known from the stock in Lille, never convened (campaigns convene the stock)…
    const lille = byNumdemrsa((await convenedAlone('lille')).numdemrsa);
    const roubaix = byNumdemrsa((await convenedAlone('roubaix-tourcoing')).numdemrsa);
    const inLille: GenHousehold = { ...stockHousehold(0), addresses: lille.addresses };
    expect(await w.importHouseholds('stock-50', 'same-human', '2026-12-22', [inLille], 'monthly')).toMatchObject({ status: 'imported', entrants: 1 });
    const [stockPath] = await w.sql<{ id: string; origin: string }>(`SELECT p.id, p.origin FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE d.numdemrsa = $1`, [
      inLille.demandeRsa.numdemrsa,
    ]);
    expect(stockPath.origin).toBe('stock');
    // … back in a daily file under another NIR, living in Roubaix now, and the review comes before the planner saw them.
    w.clock.set('2026-12-23T08:00:00+01:00');
    expect(await importDaily('daily-50', '2026-12-23', [{ ...withOtherNir(inLille, '99000000050', '2026-12-23', 1), addresses: roubaix.addresses }])).toMatchObject({
      entrants: 1,
    });
    const [conflict] = await conflicts('99000000050');
    const [fluxPath] = await pathsOf(conflict.person_id);
    const link = await w.app.get(AnomalyReview).resolve(reviewer, conflict.id, 'same-person-caf-notified');
    // Neither convened: the flux path is kept, which the planner convenes (the stock path would wait for a campaign).
    expect(link.sameHuman).toMatchObject({ keptPathId: fluxPath.id, keptStage: 'opened', closedPathIds: [stockPath.id] });
    await w.plan();
    expect(await w.sql(`SELECT territory_id, state FROM convocation_track WHERE path_id = $1`, [fluxPath.id])).toEqual([{ territory_id: 'roubaix-tourcoing', state: 'convened' }]);
    expect((await humanAppointments(conflict.person_id)).map((a) => a.path_id)).toEqual([fluxPath.id]);
  });

  it('keeps the path the human was convened on, over a stock path opened earlier and never convened', async () => {
    w.clock.set('2026-12-23T09:00:00+01:00');
    const lille = byNumdemrsa((await convenedAlone('lille')).numdemrsa);
    const roubaix = byNumdemrsa((await convenedAlone('roubaix-tourcoing')).numdemrsa);
    const stock = stockHousehold(1);
    const inLille: GenHousehold = { ...stock, addresses: lille.addresses };
    expect(await w.importHouseholds('stock-51', 'same-human', '2026-12-23', [inLille], 'monthly')).toMatchObject({ status: 'imported', entrants: 1 });
    const [stockPath] = await w.sql<{ id: string }>(`SELECT p.id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE d.numdemrsa = $1`, [
      stock.demandeRsa.numdemrsa,
    ]);
    // Back in a daily file under another NIR, living in Roubaix: convened there before the review.
    const { conflict, given } = await convenedAgainAt(inLille, '99000000051', '2026-12-24', roubaix.addresses);
    // They keep the appointment they were given: that path is kept, the stock path closed, nothing ends.
    const link = await w.app.get(AnomalyReview).resolve(reviewer, conflict.id, 'same-person-caf-notified');
    expect(link.sameHuman).toMatchObject({ keptPathId: given.path_id, keptStage: 'convened', closedPathIds: [stockPath.id] });
    expect(await w.plan()).toMatchObject({ ended: 0, carriedOver: 0, convened: 0 });
    expect(await humanAppointments(conflict.person_id)).toEqual([given]);
  });

  it('lets two reviews of one human run at once: the second waits for the first, neither is refused', async () => {
    w.clock.set('2026-12-28T08:00:00+01:00');
    const first = await convenedAlone('roubaix-tourcoing');
    const one = await secondRecord(first, '99000000060', '2026-12-28');
    w.clock.set('2026-12-29T08:00:00+01:00');
    const report = await importDaily('third-61', '2026-12-29', [withOtherNir(byNumdemrsa(first.numdemrsa), '99000000061', '2026-12-29', 2)]);
    expect(report.entrants).toBe(1);
    const [two] = await conflicts('99000000061');
    const review = w.app.get(AnomalyReview);
    const both = await Promise.all([one, two].map((a) => review.resolve(reviewer, a.id, 'same-person-caf-notified')));
    expect(both.map((r) => r.status)).toEqual(['resolved', 'resolved']);
    expect(await humanOpenPaths(first.person_id)).toHaveLength(1);
    expect(await w.sql(`SELECT count(DISTINCT human_id)::int AS n FROM beneficiary_person WHERE id = ANY($1::uuid[])`, [[first.person_id, one.person_id, two.person_id]])).toEqual([{ n: 1 }]);
  });

  it('keeps the path the human came to their appointment on, over the one opened first, and convenes them no more', async () => {
    w.clock.set('2026-12-30T08:00:00+01:00');
    const first = await convenedAlone('lille');
    const conflict = await secondRecord(first, '99000000070', '2026-12-30');
    await w.plan();
    const [given] = await activeAppointments(conflict.person_id);
    expect(given).toBeDefined();
    // Before anyone reviews the anomaly, the human comes to the second record's appointment.
    const [{ starts_at: startsAt }] = await w.sql<{ starts_at: Date }>(`SELECT starts_at FROM convocation_appointment WHERE id = $1`, [given.id]);
    w.clock.set(new Date(new Date(startsAt).getTime() + 30 * 60_000).toISOString());
    await w.app.get(AppointmentCommands).recordAttendance(systemActor('test:attendance', 'cli', [Permission.AppointmentManage]), given.id, 'honoured', null);
    const [firstPath] = (await pathsOf(first.person_id)).filter((p) => p.status === 'open');

    // The review keeps the path they came on, not the one opened first, whose convocation ends.
    const link = await w.app.get(AnomalyReview).resolve(reviewer, conflict.id, 'same-person-caf-notified');
    expect(link.sameHuman).toMatchObject({ keptPathId: given.path_id, keptStage: 'attended', closedPathIds: [firstPath.id] });
    expect(await w.plan()).toMatchObject({ ended: 1, carriedOver: 0 });
    expect(await humanOpenPaths(first.person_id)).toEqual([{ id: given.path_id, person_id: conflict.person_id }]);
    expect(await w.sql(`SELECT state FROM convocation_track WHERE path_id = $1`, [given.path_id])).toEqual([{ state: 'honoured' }]);
    expect(await w.sql(`SELECT state FROM convocation_track WHERE path_id = $1`, [firstPath.id])).toEqual([{ state: 'closed' }]);
    expect(await w.plan()).toMatchObject({ convened: 0 });
    // Nothing to come; the first record's appointment from the first file, begun weeks ago, stays for its referent to record.
    const active = await humanAppointments(first.person_id);
    expect(active).toEqual([{ id: first.appointment_id, path_id: firstPath.id }]);
    expect(await w.sql(`SELECT starts_at < $2 AS begun FROM convocation_appointment WHERE id = $1`, [first.appointment_id, w.clock.now()])).toEqual([{ begun: true }]);
  });

  it('keeps the path the human’s diagnostic is on, over one where they are only convened', async () => {
    w.clock.set('2027-01-06T08:00:00+01:00');
    const first = await convenedAlone('lille');
    const conflict = await secondRecord(first, '99000000080', '2027-01-06');
    // A referent opens the diagnostic on the second record (the path it is on is the record's open one).
    await diagnose(conflict.person_id);
    const [secondPath] = await pathsOf(conflict.person_id);
    const [firstPath] = (await pathsOf(first.person_id)).filter((p) => p.status === 'open');
    const link = await w.app.get(AnomalyReview).resolve(reviewer, conflict.id, 'same-person-caf-notified');
    expect(link.sameHuman).toMatchObject({ keptPathId: secondPath.id, keptStage: 'diagnosed', closedPathIds: [firstPath.id] });
    expect(await humanOpenPaths(first.person_id)).toEqual([{ id: secondPath.id, person_id: conflict.person_id }]);
  });

  it('undoes a link the review got wrong: two people again, the one whose path it closed convened from the next file', async () => {
    w.clock.set('2027-01-07T08:00:00+01:00');
    const first = await convenedAlone('lille');
    const conflict = await secondRecord(first, '99000000090', '2027-01-07');
    await w.plan();
    const [secondPath] = await pathsOf(conflict.person_id);
    const review = w.app.get(AnomalyReview);
    const link = await review.resolve(reviewer, conflict.id, 'same-person-caf-notified');
    expect(link.sameHuman).toMatchObject({ closedPathIds: [secondPath.id] });
    await w.plan();
    expect(await activeAppointments(conflict.person_id)).toEqual([]);

    // Not the same person after all: the review is undone, once a planning under way has ended
    // (it read the link before, and would act on it after).
    const planning = new Client({ connectionString: w.config.databaseUrl });
    await planning.connect();
    let settled = false;
    let pending: Promise<Awaited<ReturnType<AnomalyReview['reopen']>>>;
    try {
      await planning.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.convocationPlanning]);
      pending = review.reopen(reviewer, conflict.id).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 500));
      expect(settled).toBe(false);
    } finally {
      await planning.end();
    }
    const reopened = await pending;
    expect(reopened).toEqual({
      id: conflict.id,
      status: 'open',
      previousResolution: 'same-person-caf-notified',
      unlinked: { personId: conflict.person_id, remainingPersonIds: [first.person_id], recheckPersonIds: [conflict.person_id] },
      distinctDespiteNirUndone: false,
    });
    expect(await w.sql(`SELECT human_id FROM beneficiary_person WHERE id = ANY($1::uuid[])`, [[first.person_id, conflict.person_id]])).toEqual([{ human_id: null }, { human_id: null }]);
    expect(await w.sql(`SELECT status, resolution, resolved_by FROM intake_anomaly WHERE id = $1`, [conflict.id])).toEqual([{ status: 'open', resolution: null, resolved_by: null }]);
    const [audit] = await w.sql<{ reason_code: string; subject_ids: string[] }>(
      `SELECT reason_code, subject_ids::text[] AS subject_ids FROM audit_event WHERE action = 'intake.anomaly.reopen' AND target_id = $1`,
      [conflict.id],
    );
    expect(audit.reason_code).toBe('same-person-caf-notified');
    expect([...audit.subject_ids].sort()).toEqual([first.person_id, conflict.person_id].sort());
    // Once only: it is open now.
    const again = await review.reopen(reviewer, conflict.id).catch((e: unknown) => e);
    expect((again as IntakeError).code).toBe('INTAKE_ANOMALY_NOT_RESOLVED');

    // The next file, about someone else: the second person enters again, dated by it, and is convened; the first keeps theirs.
    w.clock.set('2027-01-08T08:00:00+01:00');
    const [unrelated] = [...generateHouseholds('same-human-unlink', 5, { kind: 'daily', referenceDate: '2027-01-08' })];
    const next = await importDaily('unlink-90', '2027-01-08', [unrelated]);
    expect(next.status).toBe('imported');
    const paths = await pathsOf(conflict.person_id);
    expect(paths.map((p) => [p.status, p.notification_date])).toEqual([
      ['closed', '2027-01-07'],
      ['open', '2027-01-08'],
    ]);
    await w.plan();
    expect(await activeAppointments(conflict.person_id)).toEqual([expect.objectContaining({ path_id: paths[1].id })]);
    expect(await activeAppointments(first.person_id)).toEqual([expect.objectContaining({ id: first.appointment_id })]);
    // And the anomaly can be reviewed again, the right way.
    expect(await review.resolve(reviewer, conflict.id, 'distinct-persons')).toMatchObject({ status: 'resolved', sameHuman: null });
  });
  it('moves the human onto the record of their latest demand when the path’s dossier closes, whichever record came first', async () => {
    w.clock.set('2027-01-11T08:00:00+01:00');
    const first = await convenedAlone('lille');
    const h = byNumdemrsa(first.numdemrsa);
    // Two more records, each in a dossier of its own: the older demand sent first, the latest one after it.
    const older = withOtherNir(h, '99000000100', '2027-01-02', 1);
    const latest = withOtherNir(h, '99000000101', '2027-01-09', 2);
    expect(await importDaily('older-100', '2027-01-11', [older])).toMatchObject({ entrants: 1 });
    expect(await importDaily('latest-101', '2027-01-11', [latest])).toMatchObject({ entrants: 1 });
    const review = w.app.get(AnomalyReview);
    for (const anomaly of [...(await conflicts('99000000100')), ...(await conflicts('99000000101'))]) {
      expect((await review.resolve(reviewer, anomaly.id, 'same-person-caf-notified')).sameHuman).toMatchObject({ keptPathId: (await pathsOf(first.person_id))[0].id });
    }
    const [latestRecord] = await conflicts('99000000101');
    // The first record's dossier closes: the human is followed on the latest demand.
    w.clock.set('2027-01-12T08:00:00+01:00');
    expect(await importDaily('close-100', '2027-01-12', [{ ...h, etatdosrsa: '6' }])).toMatchObject({ entrants: 1 });
    expect(await humanOpenPaths(first.person_id)).toEqual([{ id: expect.any(String), person_id: latestRecord.person_id }]);
  });
  it('gives no convocation to a kept stock path the human’s diagnostic is on, and ends the one under way on the other record', async () => {
    w.clock.set('2027-01-13T08:00:00+01:00');
    // Addresses only: whoever lives there is not in this story.
    const addressIn = async (territoryId: string) => {
      const [row] = await w.sql<{ numdemrsa: string }>(
        `SELECT d.numdemrsa FROM beneficiary_dossier d JOIN access_territory_commune tc ON tc.insee = d.commune_insee WHERE tc.territory_id = $1 AND d.numdemrsa = ANY($2::varchar[]) ORDER BY 1 LIMIT 1`,
        [territoryId, households.map((h) => h.demandeRsa.numdemrsa)],
      );
      return byNumdemrsa(row.numdemrsa);
    };
    const lille = await addressIn('lille');
    const roubaix = await addressIn('roubaix-tourcoing');
    const inLille: GenHousehold = { ...stockHousehold(2), addresses: lille.addresses };
    expect(await w.importHouseholds('stock-110', 'same-human', '2027-01-13', [inLille], 'monthly')).toMatchObject({ entrants: 1 });
    const [stockPath] = await w.sql<{ id: string; person_id: string }>(
      `SELECT p.id, p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE d.numdemrsa = $1`,
      [inLille.demandeRsa.numdemrsa],
    );
    // Their referent holds the diagnostic on the stock record…
    await diagnose(stockPath.person_id);
    // … while a daily file's second record is convened in Roubaix.
    const { conflict, given } = await convenedAgainAt(inLille, '99000000110', '2027-01-14', roubaix.addresses);
    const link = await w.app.get(AnomalyReview).resolve(reviewer, conflict.id, 'same-person-caf-notified');
    expect(link.sameHuman).toMatchObject({ keptPathId: stockPath.id, keptStage: 'diagnosed', closedPathIds: [given.path_id] });
    // Past their first appointment: the one given on the other record is cancelled, none carried over or opened.
    expect(await w.plan()).toMatchObject({ ended: 1, carriedOver: 0 });
    expect(await humanAppointments(stockPath.person_id)).toEqual([]);
    expect(await w.sql(`SELECT state FROM convocation_track WHERE path_id = $1`, [stockPath.id])).toEqual([]);
    expect(await w.sql(`SELECT status FROM convocation_appointment WHERE id = $1`, [given.id])).toEqual([{ status: 'cancelled' }]);
  });
});
