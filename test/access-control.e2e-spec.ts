import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { BeneficiaryFiles } from '@rsa/beneficiary';
import { AgendaCommands } from '@rsa/convocation';
import { AccessDeniedError, AccessErrorCode, parisDateOf, Role } from '@rsa/kernel';
import { workerActor } from '@rsa/access';
import { createTestDatabase, DEMO_SUBJECTS, type TestDatabase } from '@rsa/testing';
import { bearer, startApi, tokenFor } from './support/api';
import { buildAccessFixture, closeAccessFixture, structureOfProfessional, SUBJECT_OF_ROLE, type AccessFixture } from './support/access-fixture';

/**
 * The refusals the issue names, against the running API on real PostgreSQL: each with its status
 * and its entry in the audit trail.
 */
describe('access control (e2e)', () => {
  let db: TestDatabase;
  let f: AccessFixture;
  const api = () => request(f.app.getHttpServer());
  const as = (role: Role) => bearer(f.tokens[role]);

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    f = await buildAccessFixture(db);
  });
  afterAll(async () => {
    await closeAccessFixture(f);
    await db?.drop();
  });

  /** The newest audit entries for an action (and a subject, when given). */
  const audited = (action: string, subjectId?: string) =>
    f.sql<{ outcome: string; actor_kind: string; actor_role: string | null; actor_ref: string | null; detail: Record<string, unknown>; reason_code: string | null; sensitive: unknown }>(
      `SELECT outcome, actor_kind, actor_role, actor_ref, detail, reason_code, sensitive FROM audit_event
        WHERE action = $1 AND ($2::uuid IS NULL OR subject_ids @> ARRAY[$2::uuid]) ORDER BY seq DESC`,
      [action, subjectId ?? null],
    );

  describe('tokens', () => {
    it('refuses a request without a token (401), and records it', async () => {
      const res = await api().get(`/beneficiaries/${f.shared}`).expect(401);
      expect(res.body.error.code).toBe('AUTH_UNAUTHENTICATED');
      const [entry] = await audited('http.GET /beneficiaries/:id');
      expect(entry).toMatchObject({ outcome: 'denied', actor_kind: 'anonymous', detail: { code: 'AUTH_UNAUTHENTICATED', problem: 'missing' } });
    });

    it('refuses a forged token: right claims, signed with another key', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT({ rsa_role: 'coordinator' })
        .setProtectedHeader({ alg: 'ES256', kid: 'forged' })
        .setIssuer(f.config.auth.issuer)
        .setAudience(f.config.auth.audience)
        .setSubject(DEMO_SUBJECTS.coordinatorRoubaix)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
      await api().get(`/beneficiaries/${f.shared}`).set(bearer(forged)).expect(401);
      // A valid token's signature part swapped for another's.
      const [h, p] = f.tokens[Role.Coordinator].split('.');
      const [, , s] = forged.split('.');
      await api().get(`/beneficiaries/${f.shared}`).set(bearer(`${h}.${p}.${s}`)).expect(401);
      const [entry] = await audited('http.GET /beneficiaries/:id');
      expect(entry.detail).toMatchObject({ code: 'AUTH_UNAUTHENTICATED', problem: 'signature' });
    });

    it('refuses unsigned tokens (alg none) and malformed headers', async () => {
      const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const none = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: f.config.auth.issuer, aud: f.config.auth.audience, sub: DEMO_SUBJECTS.coordinatorRoubaix, iat: now, exp: now + 600 })}.`;
      await api().get('/me').set(bearer(none)).expect(401);
      await api().get('/me').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`).expect(401);
      await api().get('/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
    });

    it('refuses an expired token', async () => {
      const expired = await tokenFor(f.config, DEMO_SUBJECTS.coordinatorRoubaix, { ttlSeconds: -120 });
      await api().get('/me').set(bearer(expired)).expect(401);
      const [entry] = await audited('http.GET /me');
      expect(entry.detail).toMatchObject({ problem: 'expired' });
    });

    it('refuses a token from another issuer, or for another audience, even signed with a trusted key', async () => {
      const otherIssuer = await tokenFor(f.config, DEMO_SUBJECTS.coordinatorRoubaix, { issuer: 'https://evil.example/realm' });
      await api().get('/me').set(bearer(otherIssuer)).expect(401);
      expect((await audited('http.GET /me'))[0].detail).toMatchObject({ problem: 'issuer' });
      const otherAudience = await tokenFor(f.config, DEMO_SUBJECTS.coordinatorRoubaix, { audience: 'another-api' });
      await api().get('/me').set(bearer(otherAudience)).expect(401);
      expect((await audited('http.GET /me'))[0].detail).toMatchObject({ problem: 'audience' });
    });

    it('refuses a valid token of somebody the product does not know', async () => {
      const res = await api().get('/me').set(bearer(await tokenFor(f.config, 'nobody.we.know'))).expect(403);
      expect(res.body.error.code).toBe('AUTH_NO_HABILITATION');
      expect((await audited('http.GET /me'))[0]).toMatchObject({ outcome: 'denied', actor_ref: 'nobody.we.know' });
    });

    it('requires a second factor for the roles configured so (the auditor here)', async () => {
      const single = await tokenFor(f.config, DEMO_SUBJECTS.auditor, { mfa: false });
      expect((await api().get('/audit/verify').set(bearer(single)).expect(403)).body.error.code).toBe('AUTH_MFA_REQUIRED');
      await api().get('/audit/verify').set(as(Role.Auditor)).expect(200);
    });
  });

  describe('habilitations', () => {
    const admin = () => as(Role.Administrator);
    const newProfessional = async (subject: string) =>
      (await api().post('/organisation/professionals').set(admin()).send({ subject, displayName: 'Référente de test' }).expect(201)).body.id as string;

    it('refuses an expired habilitation at once', async () => {
      const id = await newProfessional('test.expired');
      await api()
        .post(`/organisation/professionals/${id}/habilitations`)
        .set(admin())
        .send({ role: 'referent', structureId: f.seed.structureIds['MNE-LILLE'], validFrom: '2025-01-01', validTo: '2025-12-31' })
        .expect(201);
      const res = await api().get('/me').set(bearer(await tokenFor(f.config, 'test.expired'))).expect(403);
      expect(res.body.error.code).toBe('AUTH_HABILITATION_EXPIRED');
      expect((await audited('http.GET /me'))[0]).toMatchObject({ outcome: 'denied', actor_ref: 'test.expired', detail: { code: 'AUTH_HABILITATION_EXPIRED' } });
    });

    it('refuses a revoked habilitation from the next request on, with a token still valid', async () => {
      const id = await newProfessional('test.revoked');
      const habilitation = await api()
        .post(`/organisation/professionals/${id}/habilitations`)
        .set(admin())
        .send({ role: 'referent', structureId: f.seed.structureIds['MNE-LILLE'], validFrom: '2026-01-01' })
        .expect(201);
      const token = bearer(await tokenFor(f.config, 'test.revoked'));
      await api().get('/me').set(token).expect(200);
      await api().post(`/organisation/habilitations/${habilitation.body.id}/revoke`).set(admin()).send({}).expect(400);
      await api().post(`/organisation/habilitations/${habilitation.body.id}/revoke`).set(admin()).send({ reasonCode: 'left-post' }).expect(201);
      expect((await api().get('/me').set(token).expect(403)).body.error.code).toBe('AUTH_HABILITATION_REVOKED');
    });

    it('chooses among several habilitations only with the role the token names, never more than the database gives', async () => {
      const id = await newProfessional('test.two-hats');
      for (const [role, structure] of [['referent', 'MNE-LILLE'], ['referent', 'MNE-ROUBAIX-TOURCOING']]) {
        await api().post(`/organisation/professionals/${id}/habilitations`).set(admin()).send({ role, structureId: f.seed.structureIds[structure], validFrom: '2026-01-01' }).expect(201);
      }
      expect((await api().get('/me').set(bearer(await tokenFor(f.config, 'test.two-hats'))).expect(403)).body.error.code).toBe('AUTH_HABILITATION_AMBIGUOUS');
      const lille = await api().get('/me').set(bearer(await tokenFor(f.config, 'test.two-hats', { structureId: f.seed.structureIds['MNE-LILLE'] }))).expect(200);
      expect(lille.body).toMatchObject({ role: 'referent', structureId: f.seed.structureIds['MNE-LILLE'] });
      // A referent whose token claims to be an administrator: no such habilitation, refused.
      const claimed = await tokenFor(f.config, DEMO_SUBJECTS.referentRoubaix, { role: 'administrator' });
      expect((await api().get('/me').set(bearer(claimed)).expect(403)).body.error.code).toBe('AUTH_NO_HABILITATION');
    });
  });

  describe('beneficiary files', () => {
    it('lets a referent open a file of their portfolio, NIR masked, and records the read', async () => {
      const res = await api().get(`/beneficiaries/${f.shared}`).set(as(Role.Referent)).expect(200);
      expect(res.body.id).toBe(f.shared);
      expect(res.body.nir.masked).toMatch(/^[0-9AB]{5}•{8}$/);
      expect(JSON.stringify(res.body)).not.toMatch(/"nir13"|nir_encrypted/);
      expect(res.body.grants.map((g: { basis: string }) => g.basis).sort()).toEqual(['assigned-operator', 'referent', 'shared']);
      expect((await audited('beneficiary.read', f.shared))[0]).toMatchObject({ outcome: 'allowed', actor_role: 'referent' });
    });

    it('refuses a referent the file of someone outside their portfolio (IDOR), and records it', async () => {
      for (const person of [f.unshared, f.lille]) {
        const res = await api().get(`/beneficiaries/${person}`).set(as(Role.Referent)).expect(403);
        expect(res.body.error.code).toBe('ACCESS_OUT_OF_SCOPE');
        const [entry] = await audited('beneficiary.read', person);
        expect(entry).toMatchObject({ outcome: 'denied', actor_role: 'referent', detail: { code: 'ACCESS_OUT_OF_SCOPE' } });
      }
      // The same through the other doors of the file.
      await api().get(`/beneficiaries/${f.unshared}/nir?reason=identity-check`).set(as(Role.Referent)).expect(403);
      await api().patch(`/beneficiaries/${f.unshared}/contact`).set(as(Role.Referent)).send({ email: 'x@example.org' }).expect(403);
      // And the search never lists them.
      const search = await api().post('/beneficiaries/search').set(as(Role.Referent)).send({}).expect(200);
      expect(search.body.items.map((i: { id: string }) => i.id)).toEqual([f.shared]);
      expect(search.body.total).toBe(1);
    });

    // A Maison Nord Emploi's referent, and a partner's operator at the place it runs (its accompaniment appointments).
    it.each([
      [Role.Referent, Role.FtCounsellor],
      [Role.PartnerOperator, Role.Referent],
    ])("gives the staff of a place its day's sheet and the attendance of everyone expected there, not their files (%s)", async (role, outsider) => {
      const seeder = f.convocationActor;
      const staffStructure = await structureOfProfessional(f, f.seed.professionalIds[SUBJECT_OF_ROLE[role]]);
      const place = await f.app.get(AgendaCommands).createPlace(seeder, {
        territoryId: 'roubaix-tourcoing', structureId: staffStructure, name: `Accueil ${role}`, addressLines: ['2 place de la République'], postcode: '59200', city: 'Tourcoing',
        contactPhone: '03 20 00 00 01', contactHours: 'du lundi au vendredi', openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:30', to: '17:00' })),
      });
      // The person not shared with the referent, expected there an hour ago and in an hour.
      const appointmentAt = async (placeId: string, minutes: number, kind: string) => {
        const [{ path_id }] = await f.sql<{ path_id: string }>(`SELECT path_id FROM convocation_track WHERE person_id = $1`, [f.unshared]);
        const [slot] = await f.sql<{ id: string }>(
          `INSERT INTO convocation_slot (id, agenda_id, place_id, territory_id, kind, reception, starts_at, duration_minutes, capacity, booked)
           VALUES (gen_random_uuid(), $1, $2, 'roubaix-tourcoing', $4, 'individual', now() + make_interval(mins => $3), 60, 1, 1) RETURNING id`,
          [f.agendaId, placeId, minutes, kind],
        );
        const [a] = await f.sql<{ id: string }>(
          `INSERT INTO convocation_appointment (id, person_id, path_id, slot_id, place_id, kind, status, starts_at)
           SELECT gen_random_uuid(), $1, $2, s.id, s.place_id, s.kind, 'planned', s.starts_at FROM convocation_slot s WHERE s.id = $3 RETURNING id`,
          [f.unshared, path_id, slot.id],
        );
        return a.id;
      };
      // One active appointment of a kind per path: three kinds.
      const begun = await appointmentAt(place.id as string, -60, 'accompaniment');
      const later = await appointmentAt(place.id as string, 60, 'jalon');
      const elsewhere = await appointmentAt(f.placeId, -60, 'ep');
      const [{ day }] = await f.sql<{ day: string }>(`SELECT to_char((starts_at AT TIME ZONE 'Europe/Paris')::date, 'YYYY-MM-DD') AS day FROM convocation_appointment WHERE id = $1`, [begun]);
      const [person] = await f.sql<{ nom: string }>(`SELECT nom FROM beneficiary_person WHERE id = $1`, [f.unshared]);

      const sheet = await api().get(`/convocation/places/${place.id}/appointments?day=${day}`).set(as(role)).expect(200);
      const mine = sheet.body.appointments.filter((a: { personId: string }) => a.personId === f.unshared);
      expect(mine.find((a: { id: string }) => a.id === begun)).toMatchObject({ nom: person.nom, status: 'planned', attendanceOpen: true });
      // Still to come (on this day's sheet, or the next day's just after midnight): no attendance yet.
      const [{ day: laterDay }] = await f.sql<{ day: string }>(`SELECT to_char((starts_at AT TIME ZONE 'Europe/Paris')::date, 'YYYY-MM-DD') AS day FROM convocation_appointment WHERE id = $1`, [later]);
      const laterSheet = laterDay === day ? sheet : await api().get(`/convocation/places/${place.id}/appointments?day=${laterDay}`).set(as(role)).expect(200);
      expect(laterSheet.body.appointments.find((a: { id: string }) => a.id === later)).toMatchObject({ status: 'planned', attendanceOpen: false });
      expect(JSON.stringify(sheet.body)).not.toMatch(/nir|adresse|phone|email/i);
      expect((await audited('convocation.place.day'))[0]).toMatchObject({ outcome: 'allowed', actor_role: role, detail: { day, basis: 'place-staff' } });
      // Not their structure's place, not their territory: refused, and recorded.
      await api().get(`/convocation/places/${place.id}/appointments?day=${day}`).set(as(outsider)).expect(403);
      await api().get(`/convocation/places/${f.placeId}/appointments?day=${day}`).set(as(role)).expect(403);
      expect((await audited('convocation.place.day'))[0]).toMatchObject({ outcome: 'denied', actor_role: role });
      await api().get(`/convocation/places/${place.id}/appointments?day=31-12-2026`).set(as(role)).expect(400);
      // A day past the four-digit years is a slip, refused as such (its next day was once a server error).
      const far = await api().get(`/convocation/places/${place.id}/appointments?day=9999-12-31`).set(as(role)).expect(400);
      expect(JSON.stringify(far.body)).toContain('day must fall between 1900 and 2199');

      // The attendance of the one who came, by the place's staff; their file stays closed to them.
      const res = await api().post(`/convocation/appointments/${begun}/attendance`).set(as(role)).send({ attendance: 'honoured' }).expect(200);
      expect(res.body.status).toBe('honoured');
      expect((await audited('appointment.attendance', f.unshared))[0]).toMatchObject({ outcome: 'allowed', actor_role: role, detail: { basis: 'place-staff' } });
      await api().get(`/beneficiaries/${f.unshared}`).set(as(role)).expect(403);
      // At another structure's place, the person's file is needed.
      await api().post(`/convocation/appointments/${elsewhere}/attendance`).set(as(role)).send({ attendance: 'honoured' }).expect(403);
      await f.sql(`UPDATE convocation_appointment SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [[later, elsewhere]]);
    });

    it('gives a coordinator their territory, not the others', async () => {
      await api().get(`/beneficiaries/${f.unshared}`).set(as(Role.Coordinator)).expect(200);
      await api().get(`/beneficiaries/${f.lille}`).set(as(Role.Coordinator)).expect(403);
      const search = await api().post('/beneficiaries/search').set(as(Role.Coordinator)).send({ limit: 100 }).expect(200);
      const ids = search.body.items.map((i: { id: string }) => i.id);
      expect(ids).toEqual(expect.arrayContaining([f.shared, f.unshared]));
      expect(ids).not.toContain(f.lille);
      // By name (accents and case ignored), by NIR (through its digest), never by wildcard.
      const [person] = await f.sql<{ nomnai: string; nir_encrypted: Buffer }>(`SELECT nomnai, nir_encrypted FROM beneficiary_person WHERE id = $1`, [f.shared]);
      const byName = await api().post('/beneficiaries/search').set(as(Role.Coordinator)).send({ name: person.nomnai.toLowerCase(), limit: 100 }).expect(200);
      expect(byName.body.items.map((i: { id: string }) => i.id)).toContain(f.shared);
      expect((await api().post('/beneficiaries/search').set(as(Role.Coordinator)).send({ name: '%%' }).expect(200)).body.total).toBe(0);
      const nir = (await api().get(`/beneficiaries/${f.shared}/nir?reason=identity-check`).set(as(Role.Coordinator)).expect(200)).body.nir;
      const byNir = await api().post('/beneficiaries/search').set(as(Role.Coordinator)).send({ nir }).expect(200);
      expect(byNir.body.items.map((i: { id: string }) => i.id)).toEqual([f.shared]);
      expect((await api().post('/beneficiaries/search').set(as(Role.Coordinator)).send({ nir: '1234567890123' }).expect(200)).body.total).toBe(0);
      const invalid = await api().post('/beneficiaries/search').set(as(Role.Coordinator)).send({ nir: '9234567890123' }).expect(422);
      expect(invalid.body.error.code).toBe('BENEFICIARY_INVALID_NIR');
      // Who may not see a NIR may not confirm one by searching for it (order number after order number), and the attempt is recorded.
      for (const role of [Role.PartnerOperator, Role.CallCentre]) {
        const refused = await api().post('/beneficiaries/search').set(as(role)).send({ nir }).expect(403);
        expect(JSON.stringify(refused.body)).not.toContain(nir);
        expect((await api().post('/beneficiaries/search').set(as(role)).send({ name: person.nomnai }).expect(200)).body.total).toBeGreaterThanOrEqual(0);
      }
      const [attempt] = await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'beneficiary.search.nir' AND outcome = 'denied'`);
      expect(attempt.n).toBe(2);
    });

    it('refuses a partner operator the NIR (the role never sees it), and records it', async () => {
      const file = await api().get(`/beneficiaries/${f.shared}`).set(as(Role.PartnerOperator)).expect(200);
      expect(file.body.nir).toEqual({ status: 'valid', masked: null });
      const res = await api().get(`/beneficiaries/${f.shared}/nir?reason=identity-check`).set(as(Role.PartnerOperator)).expect(403);
      expect(res.body.error.code).toBe('ACCESS_FORBIDDEN');
      // Recorded against the person: the attempt shows in their trail.
      const [entry] = await audited('http.GET /beneficiaries/:id/nir', f.shared);
      expect(entry).toMatchObject({ outcome: 'denied', actor_role: 'partner_operator', detail: { permission: 'beneficiary:read-nir' } });
      // An id that is no one's names no one.
      const nobody = randomUUID();
      await api().get(`/beneficiaries/${nobody}/nir?reason=identity-check`).set(as(Role.PartnerOperator)).expect(403);
      const [blank] = await f.sql<{ subject_ids: string[]; target_id: string | null }>(
        `SELECT subject_ids, target_id FROM audit_event WHERE action = 'http.GET /beneficiaries/:id/nir' AND outcome = 'denied' ORDER BY seq DESC LIMIT 1`,
      );
      expect(blank).toEqual({ subject_ids: [], target_id: null });
    });

    it('shows the NIR to a France Travail counsellor of a shared file, for a reason only, and records the reason', async () => {
      // No reason at all is refused like a wrong one, and the refusal recorded.
      expect((await api().get(`/beneficiaries/${f.shared}/nir`).set(as(Role.FtCounsellor)).expect(400)).body.error.code).toBe('ACCESS_REASON_REQUIRED');
      expect((await audited('beneficiary.nir.read', f.shared))[0]).toMatchObject({ outcome: 'denied', actor_role: 'ft_counsellor', detail: { code: 'ACCESS_REASON_REQUIRED' } });
      expect((await api().get(`/beneficiaries/${f.shared}/nir?reason=curiosity`).set(as(Role.FtCounsellor)).expect(400)).body.error.code).toBe('ACCESS_REASON_REQUIRED');
      const [person] = await f.sql<{ nir_status: string }>(`SELECT nir_status FROM beneficiary_person WHERE id = $1`, [f.shared]);
      const res = await api().get(`/beneficiaries/${f.shared}/nir?reason=france-travail-registration`).set(as(Role.FtCounsellor));
      if (person.nir_status === 'valid') {
        expect(res.status).toBe(200);
        expect(res.body.nir).toMatch(/^[0-9AB]{15}$/);
        expect((await audited('beneficiary.nir.read', f.shared))[0]).toMatchObject({ outcome: 'allowed', reason_code: 'france-travail-registration', actor_role: 'ft_counsellor' });
      } else {
        expect(res.status).toBe(404);
      }
      await api().get(`/beneficiaries/${f.unshared}/nir?reason=france-travail-registration`).set(as(Role.FtCounsellor)).expect(403);
    });

    it('refuses a project team identities, and gives it pseudonymised lists and counts of its territory', async () => {
      await api().get(`/beneficiaries/${f.shared}`).set(as(Role.ProjectTeam)).expect(403);
      await api().post('/beneficiaries/search').set(as(Role.ProjectTeam)).send({}).expect(403);
      await api().get(`/beneficiaries/${f.shared}/nir?reason=identity-check`).set(as(Role.ProjectTeam)).expect(403);
      const list = await api().get('/reporting/territories/roubaix-tourcoing/beneficiaries?limit=200').set(as(Role.ProjectTeam)).expect(200);
      expect(list.body.total).toBeGreaterThanOrEqual(2);
      const [names] = await f.sql<{ nom: string; prenom: string; nomnai: string }>(`SELECT nom, prenom, nomnai FROM beneficiary_person WHERE id = $1`, [f.shared]);
      const text = JSON.stringify(list.body);
      for (const value of Object.values(names)) expect(text).not.toContain(value);
      expect(text).not.toContain(f.shared);
      for (const item of list.body.items) {
        expect(Object.keys(item).sort()).toEqual(
          ['ageBand', 'communeInsee', 'convocationDeadline', 'etatdosrsa', 'notificationDate', 'origin', 'pathStatus', 'pseudonym', 'roleRsa', 'sexe', 'subjectToRightsAndDuties'].sort(),
        );
        expect(item.pseudonym).toMatch(/^PS-[0-9a-f]{16}$/);
      }
      const summary = await api().get('/reporting/territories/roubaix-tourcoing/summary').set(as(Role.ProjectTeam)).expect(200);
      expect(summary.body.totals.openPaths).toBeGreaterThanOrEqual(2);
      // Past their 15 days: a flux path counts as overdue, a stock path does not (the stock goes at its campaigns' pace).
      const overdue = async () => (await api().get('/reporting/territories/roubaix-tourcoing/summary').set(as(Role.ProjectTeam)).expect(200)).body.totals.convocationOverdue as number;
      const before = await overdue();
      await f.sql(`UPDATE beneficiary_path SET convocation_deadline = convocation_deadline - 60 WHERE person_id = $1 AND status = 'open'`, [f.shared]);
      expect(await overdue()).toBe(before + 1);
      await f.sql(`UPDATE beneficiary_path SET origin = 'stock' WHERE person_id = $1 AND status = 'open'`, [f.shared]);
      expect(await overdue()).toBe(before);
      await f.sql(`UPDATE beneficiary_path SET origin = 'flux', convocation_deadline = convocation_deadline + 60 WHERE person_id = $1 AND status = 'open'`, [f.shared]);
      await api().get('/reporting/territories/lille/summary').set(as(Role.ProjectTeam)).expect(403);
      await api().get('/reporting/territories/lille/beneficiaries').set(as(Role.ProjectTeam)).expect(403);
    });

    it('exports everything held on a person only with the export permission and a reason', async () => {
      await api().get(`/beneficiaries/${f.shared}/export?reason=data-subject-request`).set(as(Role.Coordinator)).expect(403);
      const dpo = bearer(f.dpoToken);
      await api().get(`/beneficiaries/${f.shared}/export`).set(dpo).expect(400);
      // A reference is a case number, never a NIR or a CAF number (it goes into the audit trail).
      await api().get(`/beneficiaries/${f.shared}/export?reason=data-subject-request&reference=2880459000073`).set(dpo).expect(400);
      // Nor a NIR written in its groups.
      await api().get(`/beneficiaries/${f.shared}/export?reason=data-subject-request&reference=2-88-04-59-000-073`).set(dpo).expect(400);
      const res = await api().get(`/beneficiaries/${f.shared}/export?reason=data-subject-request&reference=DSR-2026-0042`).set(dpo).expect(200);
      expect(res.body).toMatchObject({ format: 'rsa-parcours.data-subject-export.v1', personId: f.shared, reference: 'DSR-2026-0042' });
      for (const section of ['identity', 'memberships', 'dossiers', 'rightsHistory', 'paths', 'grants', 'accesses']) expect(res.body).toHaveProperty(section);
      // What the convocation holds on the person is in it too, as the database has it.
      const [held] = await f.sql<{ appointments: number; messages: number }>(
        `SELECT (SELECT count(*) FROM convocation_appointment WHERE person_id = $1)::int AS appointments, (SELECT count(*) FROM notification_message WHERE person_id = $1)::int AS messages`,
        [f.shared],
      );
      expect({ appointments: res.body.convocation.appointments.length, messages: res.body.convocation.messages.length }).toEqual(held);
      expect(Array.isArray(res.body.convocation.tracks)).toBe(true);
      expect(res.body.memberships.length).toBeGreaterThan(0);
      // Who read the file is part of what is held on the person.
      expect(res.body.accesses.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['beneficiary.read']));
      // In the order they happened (seq as a number, not as text: 62 before 206).
      const seqs = res.body.accesses.map((a: { seq: string }) => Number(a.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs.map((n: number) => String(n).length)).size).toBeGreaterThan(1);
      expect((await audited('beneficiary.export', f.shared))[0]).toMatchObject({ outcome: 'allowed', reason_code: 'data-subject-request', detail: { reference: 'DSR-2026-0042' } });
    });

    it('never writes a NIR typed in a path into the audit trail, which cannot be changed afterwards, nor sends it back', async () => {
      const typed = '1880459000073';
      const refused = await api().get(`/convocation/territories/${typed}/campaigns`).set(as(Role.Coordinator)).expect(403);
      expect(JSON.stringify(refused.body)).not.toContain(typed);
      // A contract's route asked with a NIR for an id: refused by role, and the id not recorded.
      await api().get(`/contracts/${typed}`).set(as(Role.CallCentre)).expect(403);
      const inClear = await f.sql(`SELECT seq FROM audit_event WHERE target_id LIKE $1 OR detail::text LIKE $1`, [`%${typed}%`]);
      expect(inClear).toEqual([]);
      const [contractRefusal] = await f.sql<{ object: unknown }>(`SELECT detail->'object' AS object FROM audit_event WHERE action = 'http.GET /contracts/:id' AND outcome = 'denied' ORDER BY seq DESC LIMIT 1`);
      expect(contractRefusal.object).toEqual({ table: 'contract', id: '18804••••••••' });
      const [entry] = await f.sql<{ target_type: string; target_id: string; outcome: string }>(
        `SELECT target_type, target_id, outcome FROM audit_event WHERE action = 'convocation.campaign.list' ORDER BY seq DESC LIMIT 1`,
      );
      expect(entry).toEqual({ target_type: 'territory', target_id: '18804••••••••', outcome: 'denied' });
    });

    it('rectifies contact details with consent, keeping the before/after in the audit trail', async () => {
      const bad = await api().patch(`/beneficiaries/${f.shared}/contact`).set(as(Role.Referent)).send({ phone: '0612' }).expect(422);
      expect(bad.body.error.code).toBe('BENEFICIARY_INVALID_CONTACT');
      await api().patch(`/beneficiaries/${f.shared}/contact`).set(as(Role.Referent)).send({ smsConsent: true }).expect(422);
      const res = await api().patch(`/beneficiaries/${f.shared}/contact`).set(as(Role.Referent)).send({ phone: '06 12 34 56 78', smsConsent: true }).expect(200);
      expect(res.body).toMatchObject({ phone: '+33612345678', smsConsent: true, emailConsent: false });
      const [entry] = await audited('beneficiary.contact.update', f.shared);
      expect(entry.sensitive).toEqual({ diff: { phone: { before: null, after: '+33612345678' }, smsConsent: { before: false, after: true } } });
      // Consent is given for a number or an address: a new one needs it given again.
      const contact = (body: object, status = 200) => api().patch(`/beneficiaries/${f.shared}/contact`).set(as(Role.Referent)).send(body).expect(status);
      expect((await contact({ email: 'Camille@Example.org', emailConsent: true })).body).toMatchObject({ email: 'camille@example.org', smsConsent: true, emailConsent: true });
      expect((await contact({ phone: '06 98 76 54 32' })).body).toMatchObject({ phone: '+33698765432', smsConsent: false, emailConsent: true });
      expect((await contact({ email: 'camille.d@example.org' })).body).toMatchObject({ smsConsent: false, emailConsent: false });
      expect((await contact({ email: 'camille.d@example.org', emailConsent: true, smsConsent: true })).body).toMatchObject({ smsConsent: true, emailConsent: true });
      // The same number again keeps its consent, and the moment it was given.
      const kept = (await contact({ phone: '+33 6 98 76 54 32' })).body;
      expect(kept).toMatchObject({ smsConsent: true, consentAt: expect.any(String) });
      // Consent given again for a new number is a new consent: its moment moves, though the flag stays true.
      await f.sql(`UPDATE beneficiary_contact SET consent_at = consent_at - interval '1 day' WHERE person_id = $1`, [f.shared]);
      const renewed = (await contact({ phone: '07 81 22 33 44', smsConsent: true })).body;
      expect(renewed).toMatchObject({ phone: '+33781223344', smsConsent: true });
      expect(Date.parse(renewed.consentAt)).toBeGreaterThan(Date.parse(kept.consentAt) - 60_000);
      expect((await audited('beneficiary.contact.update', f.shared))[0].detail).toEqual({ consentRenewed: true });
      // A change that says nothing of consent leaves its moment alone, and so does a form sending the flags again unchanged.
      expect((await contact({ email: 'camille.d@example.org' })).body.consentAt).toBe(renewed.consentAt);
      expect((await contact({ phone: '07 81 22 33 44', smsConsent: true, emailConsent: true })).body.consentAt).toBe(renewed.consentAt);
      // A landline cannot receive SMS: consent to them on it is refused, and nothing changes.
      const landline = await contact({ phone: '03 20 12 34 56', smsConsent: true }, 422);
      expect(landline.body.error).toMatchObject({ code: 'BENEFICIARY_INVALID_CONTACT', message: expect.stringContaining('mobile') });
      expect((await contact({ phone: '03 20 12 34 56' })).body).toMatchObject({ phone: '+33320123456', smsConsent: false });
      await contact({ smsConsent: true }, 422);
      // Numbers of the overseas departments, written the national way, are theirs, not mainland ones.
      expect((await contact({ phone: '0692 12 34 56', smsConsent: true })).body).toMatchObject({ phone: '+262692123456', smsConsent: true });
      expect((await contact({ phone: '06 90 12 34 56', smsConsent: true })).body).toMatchObject({ phone: '+590690123456', smsConsent: true });
      await contact({ phone: '0262 12 34 56', smsConsent: true }, 422); // a Réunion landline
      expect((await contact({ phone: '0269 61 23 45' })).body).toMatchObject({ phone: '+262269612345', smsConsent: false }); // Mayotte's, not mainland's
      expect((await contact({ phone: '0800 12 34 56' })).body).toMatchObject({ phone: '+33800123456' }); // a national free number stays mainland's
      expect((await contact({ phone: '08 12 34 56 78' })).body).toMatchObject({ phone: '+33812345678' });
      await contact({ phone: '+33 6 92 12 34 56' }, 422); // with the mainland's code, no other reading
      expect((await contact({ phone: '06 12 34 56 78', smsConsent: true, email: null })).body).toMatchObject({ phone: '+33612345678', smsConsent: true, email: null, emailConsent: false });
      const rectification = await api()
        .post(`/beneficiaries/${f.shared}/rectifications`)
        .set(as(Role.Referent))
        .send({ field: 'prenom', requestedValue: 'Élodie', reasonCode: 'data-subject-request' })
        .expect(201);
      expect(rectification.body).toMatchObject({ field: 'prenom', status: 'to-forward' });
      // Each value is checked as the field it is for, and nothing refused is stored or audited as a request.
      const requests = async () => (await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM beneficiary_rectification WHERE person_id = $1`, [f.shared]))[0].n;
      const stored = await requests();
      for (const [field, requestedValue] of [['nom', '2880459000073'], ['dtnai', '1987-02-29'], ['dtnai', '2999-01-01'], ['sexe', 'F'], ['prenom', 'x'.repeat(33)], ['address', '3 rue Nationale 1 88 04 59 000 073']]) {
        const refused = await api().post(`/beneficiaries/${f.shared}/rectifications`).set(as(Role.Referent)).send({ field, requestedValue, reasonCode: 'data-subject-request' });
        expect({ field, status: refused.status, code: refused.body.error.code, details: refused.body.error.details }).toEqual({ field, status: 422, code: 'BENEFICIARY_INVALID_RECTIFICATION', details: { field } });
        expect(JSON.stringify(refused.body)).not.toContain('2880459000073');
      }
      expect(await requests()).toBe(stored);
      const trimmed = await api().post(`/beneficiaries/${f.shared}/rectifications`).set(as(Role.FtCounsellor)).send({ field: 'nomnai', requestedValue: '  Le  Goff ', reasonCode: 'data-subject-request' });
      expect(trimmed.status).toBe(201);
      expect(await f.sql(`SELECT requested_value FROM beneficiary_rectification WHERE id = $1`, [trimmed.body.id])).toEqual([{ requested_value: 'Le Goff' }]);
      await api().patch(`/beneficiaries/${f.shared}/contact`).set(as(Role.PartnerOperator)).send({ email: 'a@b.fr' }).expect(403);
    });

    it('keeps a NIR asked for in a rectification sealed like every NIR, masked in the trail, in clear only in the export', async () => {
      const post = (requestedValue: string) =>
        api().post(`/beneficiaries/${f.shared}/rectifications`).set(as(Role.Referent)).send({ field: 'nir', requestedValue, reasonCode: 'caf-data-error' });
      // 13 characters, or 15 with the right key: 2 82 09 59 000 435 has key 12.
      expect((await post('282095900043598').expect(422)).body.error.code).toBe('BENEFICIARY_INVALID_NIR');
      expect((await post('not a nir').expect(422)).body.error.code).toBe('BENEFICIARY_INVALID_NIR');
      const created = await post('2 82 09 59 000 435 12').expect(201);
      const [row] = await f.sql<{ requested_value: string | null; sealed: Buffer | null }>(
        `SELECT requested_value, requested_nir_encrypted AS sealed FROM beneficiary_rectification WHERE id = $1`,
        [created.body.id],
      );
      expect(row.requested_value).toBeNull();
      expect(row.sealed).not.toBeNull();
      expect(row.sealed!.includes(Buffer.from('2820959000435'))).toBe(false);
      const [entry] = await audited('beneficiary.rectification.request', f.shared);
      expect(entry.sensitive).toEqual({ diff: { nir: { before: null, after: '28209••••••••' } } });
      const exported = await api().get(`/beneficiaries/${f.shared}/export?reason=data-subject-request&reference=DSR-NIR`).set(bearer(f.dpoToken)).expect(200);
      const mine = exported.body.rectifications.find((r: { id: string }) => r.id === created.body.id);
      expect(mine).toMatchObject({ field: 'nir', requested_value: '2820959000435' });
      expect(mine).not.toHaveProperty('requested_nir_encrypted');
    });
  });

  describe('role escalation through request bodies', () => {
    it('refuses fields a body does not declare (role, permissions, actor…)', async () => {
      for (const extra of [{ role: 'administrator' }, { permissions: ['beneficiary:export'] }, { actor: { kind: 'system' } }, { scope: 'all' }]) {
        const res = await api().post('/beneficiaries/search').set(as(Role.Referent)).send({ ...extra }).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      await api().patch(`/beneficiaries/${f.shared}/contact`).set(as(Role.Referent)).send({ email: 'a@b.fr', updatedBy: 'someone else' }).expect(400);
    });

    it('lets nobody grant themselves a habilitation, and no role but the administrator grant any', async () => {
      const adminId = f.seed.professionalIds[DEMO_SUBJECTS.administrator];
      const body = { role: 'coordinator', structureId: f.seed.structureIds['CD59-DRE'], validFrom: '2026-01-01', extraPermissions: ['beneficiary:export'] };
      expect((await api().post(`/organisation/professionals/${adminId}/habilitations`).set(as(Role.Administrator)).send(body).expect(403)).body.error.code).toBe('ORG_SELF_HABILITATION');
      // And the attempt is in the trail.
      const [attempt] = await f.sql<{ outcome: string; reason_code: string; target_id: string }>(
        `SELECT outcome, reason_code, target_id FROM audit_event WHERE action = 'organisation.habilitation.create' ORDER BY seq DESC LIMIT 1`,
      );
      expect(attempt).toEqual({ outcome: 'denied', reason_code: 'ORG_SELF_HABILITATION', target_id: adminId });
      const referentId = f.seed.professionalIds[DEMO_SUBJECTS.referentRoubaix];
      for (const role of [Role.Coordinator, Role.Referent, Role.Auditor]) {
        await api().post(`/organisation/professionals/${referentId}/habilitations`).set(as(role)).send(body).expect(403);
      }
      // Only grantable permissions can be granted: not a role's permission by the back door.
      await api()
        .post(`/organisation/professionals/${referentId}/habilitations`)
        .set(as(Role.Administrator))
        .send({ ...body, extraPermissions: ['organisation:manage'] })
        .expect(400);
      // A coordinator may share a file of their territory, but not outside it.
      await api().post(`/beneficiaries/${f.lille}/grants`).set(as(Role.Coordinator)).send({ professionalId: referentId, basis: 'referent', reasonCode: 'portfolio' }).expect(403);
      await api().post(`/beneficiaries/${f.shared}/grants`).set(as(Role.Referent)).send({ professionalId: referentId, basis: 'referent', reasonCode: 'portfolio' }).expect(403);
      // A share's end is a moment with its offset: neither read as UTC nor, in a form JavaScript cannot read, a 500.
      for (const validTo of ['2030-01-08T00:00:00', '20300108T000000Z', '2030-W02-2']) {
        const refused = await api().post(`/beneficiaries/${f.shared}/grants`).set(as(Role.Coordinator)).send({ professionalId: referentId, basis: 'case-member', reasonCode: 'co-diagnostic', validTo });
        expect({ validTo, status: refused.status, code: refused.body.error.code }).toEqual({ validTo, status: 400, code: 'VALIDATION_FAILED' });
      }
    });
  });

  describe('payloads and rate', () => {
    it('refuses a NUL character in a JSON body as a malformed body, before any handler', async () => {
      const res = await api()
        .patch(`/beneficiaries/${f.shared}/contact`)
        .set(as(Role.Referent))
        .set('Content-Type', 'application/json')
        .send('{"email":"a\\u0000@b.fr"}')
        .expect(400);
      expect(res.body.error).toEqual({ code: 'BAD_REQUEST', message: 'a text value holds a NUL character' });
    });

    it('refuses a key that names an object\'s machinery, at any depth, as a malformed body', async () => {
      for (const body of ['{"content":{"constructor":1}}', '{"__proto__":{"x":1}}', '{"rules":[{"prototype":1}]}']) {
        const res = await api().post(`/beneficiaries/${f.shared}/diagnostics`).set(as(Role.Referent)).set('Content-Type', 'application/json').send(body).expect(400);
        expect(res.body.error.code).toBe('BAD_REQUEST');
        expect(res.body.error.message).toMatch(/^a key named "(constructor|__proto__|prototype)" is not accepted$/);
      }
    });

    it('says where a malformed JSON body fails without quoting it (a name typed there stays out of the answer)', async () => {
      const res = await api().post('/beneficiaries/search').set(as(Role.Referent)).set('Content-Type', 'application/json').send('BENAISSA MAGALI').expect(400);
      expect(res.body.error).toEqual({ code: 'BAD_REQUEST', message: 'The body is not a JSON object or list' });
      for (const bare of ['null', '"x"', '12']) {
        const answer = await api().post('/beneficiaries/search').set(as(Role.Referent)).set('Content-Type', 'application/json').send(bare).expect(400);
        expect(answer.body.error.message).toMatch(/^The body is not (a JSON object or list|valid JSON \(at character \d+\))$/);
      }
      const cut = await api().post('/beneficiaries/search').set(as(Role.Referent)).set('Content-Type', 'application/json').send('{"nom": DUPONT}').expect(400);
      expect(cut.body.error.message).toMatch(/^The body is not (a JSON object or list|valid JSON \(at character \d+\))$/);
      expect(JSON.stringify(cut.body)).not.toContain('DUPONT');
    });

    it('refuses a body in another media type than the route takes (415), instead of reading it as empty', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await api().post('/beneficiaries/search').set(as(Role.Referent)).set('Content-Type', type).send('{"nom":"DUPONT"}');
        expect({ type, status: res.status, error: res.body.error }).toEqual({ type, status: 415, error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json (Content-Type)' } });
      }
      // The CAF upload declares multipart: JSON there is the refusal.
      const upload = await api().post('/intake/files').set(as(Role.IntakeOperator)).set('Content-Type', 'application/json').send('{}');
      expect({ status: upload.status, message: upload.body.error.message }).toEqual({ status: 415, message: 'Send the body as multipart/form-data (Content-Type)' });
      // A route called without a body is not concerned, JSON with a charset is JSON.
      expect((await api().post('/beneficiaries/search').set(as(Role.Referent)).set('Content-Type', 'application/json; charset=utf-8').send('{}')).status).toBe(200);
    });

    it('answers an offset beyond what the database counts with 400, not 500', async () => {
      expect((await api().post('/beneficiaries/search').set(as(Role.Referent)).set('Content-Type', 'application/json').send('{"offset":99999999999999999999}')).status).toBe(400);
      expect((await api().get('/intake/files?offset=99999999999999999999').set(as(Role.IntakeOperator))).status).toBe(400);
    });

    it('never echoes a NIR typed into a URL', async () => {
      const res = await api().get('/nobody/2880459000073').set(as(Role.Referent)).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('2880459000073');
      expect(res.body.error.message).toContain('28804••••••••');
    });

    it('refuses an oversized JSON body with 413', async () => {
      const res = await api()
        .post('/beneficiaries/search')
        .set(as(Role.Referent))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ name: 'x'.repeat(200 * 1024) }))
        .expect(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses an upload above INTAKE_MAX_UPLOAD_MB with 413, and keeps nothing of it', async () => {
      const small = await startApi(f.config.with({ http: { ...f.config.http, maxUploadBytes: 10_000 } }));
      try {
        const res = await request(small.getHttpServer())
          .post('/intake/files')
          .set(as(Role.IntakeOperator))
          .attach('file', Buffer.alloc(50_000, 'x'), 'big.xml')
          .expect(413);
        expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
        const [files] = await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM intake_file WHERE original_name = 'big.xml'`);
        expect(files.n).toBe(0);
      } finally {
        await small.close();
      }
    });

    it('answers 429 past the rate limit, counted per client in Redis across API instances', async () => {
      const limited = f.config.with({ http: { ...f.config.http, rateLimitPerMinute: 5 }, queuePrefix: `${f.config.queuePrefix}-rate-${randomUUID().slice(0, 8)}` });
      const one = await startApi(limited);
      const two = await startApi(limited);
      try {
        for (let i = 0; i < 5; i++) await request((i % 2 ? one : two).getHttpServer()).get('/me').set(as(Role.Referent)).expect(200);
        const res = await request(one.getHttpServer()).get('/me').set(as(Role.Referent)).expect(429);
        expect(res.body.error.code).toBe('TOO_MANY_REQUESTS');
        // One count for the whole API, not one per route.
        await request(two.getHttpServer()).post('/beneficiaries/search').set(as(Role.Referent)).send({}).expect(429);
        await request(one.getHttpServer()).get('/portfolio/me').set(as(Role.Referent)).expect(429);
        // Health probes are never limited.
        await request(two.getHttpServer()).get('/health/live').expect(200);
      } finally {
        await one.close();
        await two.close();
      }
    });
  });

  describe('the same rules outside HTTP', () => {
    it('refuses a worker job what its system actor does not hold', async () => {
      const files = f.app.get(BeneficiaryFiles);
      const error = await files.get(workerActor('intake-import'), f.shared).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccessDeniedError);
      expect((error as AccessDeniedError).code).toBe(AccessErrorCode.Forbidden);
      const [entry] = await audited('beneficiary.read', f.shared);
      expect(entry).toMatchObject({ outcome: 'denied', actor_kind: 'system', actor_ref: 'worker:intake-import' });
    });
  });

  describe('the audit trail', () => {
    it('verifies, and cannot be edited, deleted or truncated', async () => {
      const verify = await api().get('/audit/verify').set(as(Role.Auditor)).expect(200);
      expect(verify.body).toMatchObject({ ok: true, firstBreak: null });
      expect(verify.body.checked).toBeGreaterThan(10);
      for (const statement of [`UPDATE audit_event SET outcome = 'allowed' WHERE outcome = 'denied'`, `DELETE FROM audit_event WHERE seq = 1`, `TRUNCATE audit_event`]) {
        await expect(f.sql(statement)).rejects.toThrow(/append-only/);
      }
      // Only the anonymisation of the sensitive part, once: the chain still verifies.
      await f.sql(`UPDATE audit_event SET sensitive = '{"anonymised": true}', anonymised_at = now() WHERE action = 'beneficiary.contact.update'`);
      expect((await api().get('/audit/verify').set(as(Role.Auditor)).expect(200)).body.ok).toBe(true);
      await expect(f.sql(`UPDATE audit_event SET sensitive = '{"x": 1}', anonymised_at = now() WHERE action = 'beneficiary.contact.update'`)).rejects.toThrow(/append-only/);
    });

    it('is readable by auditors only, by beneficiary', async () => {
      const res = await api().get(`/audit/events?subjectId=${f.shared}`).set(as(Role.Auditor)).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((e: { subjectIds: string[] }) => e.subjectIds.includes(f.shared))).toBe(true);
      for (const role of [Role.Administrator, Role.Coordinator, Role.Referent]) await api().get('/audit/events').set(as(role)).expect(403);
      // Bounded years, and only a day or a moment with its offset: the basic, week and ordinal forms are refused, not read as nothing.
      for (const from of ['9999-01-01', '20261204', '2026-W49', '2026-W49-5', '2026-338', '21991231T235959-2359', '1900-001']) {
        await api().get(`/audit/events?from=${encodeURIComponent(from)}`).set(as(Role.Auditor)).expect(400);
      }
      await api().get(`/audit/events?from=2026-12-01&to=${encodeURIComponent('2026-12-04T18:00:00+01:00')}`).set(as(Role.Auditor)).expect(200);
      // A day is a Paris day, `to` included: today's entries, asked for from today to today.
      const today = parisDateOf(new Date());
      const todays = await api().get(`/audit/events?subjectId=${f.shared}&from=${today}&to=${today}`).set(as(Role.Auditor)).expect(200);
      expect(todays.body.items.length).toBeGreaterThan(0);
      expect(todays.body.items.every((e: { at: string }) => parisDateOf(new Date(e.at)) === today)).toBe(true);
    });

    it("records an auditor's reading of a change's diff in the trail of the persons it concerns", async () => {
      const [change] = await f.sql<{ seq: string }>(
        `SELECT seq::text FROM audit_event WHERE sensitive IS NOT NULL AND subject_ids @> ARRAY[$1::uuid] ORDER BY seq DESC LIMIT 1`,
        [f.shared],
      );
      await api().get(`/audit/events/${change.seq}`).set(as(Role.Auditor)).expect(200);
      const [read] = await f.sql<{ subjects: string[] }>(`SELECT subject_ids::text[] AS subjects FROM audit_event WHERE action = 'audit.read' AND target_id = $1 ORDER BY seq DESC LIMIT 1`, [change.seq]);
      expect(read.subjects).toContain(f.shared);
    });
  });
});
