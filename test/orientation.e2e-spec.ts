import { parisDateOf, Role } from '@rsa/kernel';
import { aDiagnosticContent, OrientationPeriods, type DiagnosticContent } from '@rsa/orientation';
import { createTestDatabase, type TestDatabase } from '@rsa/testing';
import { buildOrientationWorld, type OrientationWorld } from './support/orientation-world';

/**
 * The diagnostic and orientation on the API (real PostgreSQL, clock controlled): a co-diagnostic
 * and its versions, the proposal with its explanation, the decision (accepted, overridden), the
 * period it opens, réorientation through the EP and directly, a territory's own rule set, audit
 * and scope.
 */
describe('diagnostic 360° and orientation (e2e)', () => {
  let db: TestDatabase;
  let w: OrientationWorld;
  let person: string;
  let other: string;
  let stranger: string;
  let birthday: string;
  let referent: string;
  let ft: string;

  /** Emploi's column except one blocking barrier and availability "near": the référentiel says Équilibre. */
  const equilibreContent = (): DiagnosticContent => {
    const c = aDiagnosticContent({ criteria: { availability: 'near' }, barriers: { mobilite: 'blocking', logement: 'peripheral' } });
    c.themes.mobilite.situations = ['sans-permis', 'sans-vehicule'];
    c.themes.mobilite.objectives = ['passer-le-permis'];
    c.themes.sante = { level: 'peripheral', situations: ['soins-en-cours'], objectives: ['bilan-de-sante'], supportWanted: true };
    return c;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    w = await buildOrientationWorld(db, '2026-12-07T09:00:00+01:00');
    const { personIds } = await w.importDaily(60, 'orientation-e2e', '2026-12-07');
    // People young enough for every column of the matrix (age < 58), so the proposals below do not depend on the generator's ages.
    const young = await w.sql<{ id: string }>(`SELECT id FROM beneficiary_person WHERE id = ANY($1::uuid[]) AND dtnai > '1975-01-01' ORDER BY id`, [personIds]);
    [person, other, stranger, birthday] = young.map((r) => r.id);
    if (!birthday) throw new Error('Too few young people in Roubaix-Tourcoing: change the seed');
    for (const p of [person, other]) {
      await w.shareWith(p, Role.Referent, 'referent');
      await w.shareWith(p, Role.FtCounsellor);
    }
    referent = w.professionalOf(Role.Referent);
    ft = w.professionalOf(Role.FtCounsellor);
  });
  afterAll(async () => {
    await w?.close();
    await db?.drop();
  });

  let diagnosticId: string;
  let v1: { score: { value: number; profile: string } };
  let v2: { score: { value: number; profile: string } };

  it('advises the modality from the path, and writes a co-diagnostic with two authors, its score and profile', async () => {
    const advice = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/diagnostics`);
    expect(advice.status).toBe(200);
    expect(advice.body.advice).toMatchObject({ modality: 'co-diagnostic', pack: 'demarrage', derivedFrom: { origin: 'flux', pathId: expect.any(String) } });
    expect(advice.body.diagnostics).toEqual([]);

    const first = aDiagnosticContent({ criteria: { availability: 'not-available', autonomy: 'medium' }, barriers: { mobilite: 'blocking', budget: 'blocking' } });
    const created = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/diagnostics`, { authors: [referent, ft], content: first });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ personId: person, modality: 'co-diagnostic', version: 1, latestVersion: 1, diagnosedOn: '2026-12-07' });
    expect(created.body.authors.sort()).toEqual([referent, ft].sort());
    // 2 blocking barriers (24) + not available (20) + medium autonomy (5).
    expect(created.body.score).toMatchObject({ version: 1, value: 49, profile: 'intermediate' });
    diagnosticId = created.body.diagnosticId;
    v1 = created.body;
  });

  it('records an update as a new version, refuses a stale one (409) and bad content (422) without writing anything', async () => {
    w.clock.set('2026-12-09T10:00:00+01:00');
    const second = await w.call(Role.FtCounsellor, 'post', `/diagnostics/${diagnosticId}/versions`, { expectedVersion: 1, authors: [ft, referent], content: equilibreContent() });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, latestVersion: 2, diagnosedOn: '2026-12-09' });
    v2 = second.body;

    const stale = await w.call(Role.Referent, 'post', `/diagnostics/${diagnosticId}/versions`, { expectedVersion: 1, authors: [referent, ft], content: aDiagnosticContent() });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'ORIENTATION_VERSION_CONFLICT', details: { expectedVersion: 1, latestVersion: 2 } });

    const bad = equilibreContent() as unknown as { themes: { sante: Record<string, unknown>; logement: { situations: string[] } } };
    bad.themes.sante.diagnosis = 'free text about health';
    bad.themes.logement.situations = ['chateau'];
    const invalid = await w.call(Role.Referent, 'post', `/diagnostics/${diagnosticId}/versions`, { expectedVersion: 2, authors: [referent], content: bad });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('ORIENTATION_DIAGNOSTIC_INVALID');
    expect(invalid.body.error.details.problems).toEqual(
      expect.arrayContaining([
        'content.themes.sante.diagnosis: not part of a diagnostic (codes and checkboxes only, no free text)',
        'authors: a co-diagnostic is made by two professionals, one of France Travail and one of the Département or a partner',
      ]),
    );
    // An author is a professional who accompanies people: not an auditor, the call centre, an administrator or a project team.
    for (const role of [Role.Auditor, Role.CallCentre, Role.Administrator, Role.ProjectTeam]) {
      const outsider = w.professionalOf(role);
      const res = await w.call(Role.FtCounsellor, 'post', `/diagnostics/${diagnosticId}/versions`, { expectedVersion: 2, authors: [ft, outsider], content: equilibreContent() });
      expect({ role, status: res.status, problems: res.body.error.details.problems }).toEqual({
        role, status: 422, problems: expect.arrayContaining([expect.stringMatching(new RegExp(`^authors: ${outsider} is not a professional with an active habilitation of referent, coordinator, ft_counsellor, partner_operator$`))]),
      });
    }
    const latest = await w.call(Role.Referent, 'get', `/diagnostics/${diagnosticId}`);
    expect(latest.body).toMatchObject({ version: 2, latestVersion: 2 });
    const [{ n }] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM orientation_diagnostic_version WHERE diagnostic_id = $1`, [diagnosticId]);
    expect(n).toBe(2);
  });

  it('keeps every version readable and compares two, theme by theme, with the score difference', async () => {
    const first = await w.call(Role.Referent, 'get', `/diagnostics/${diagnosticId}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.body.content.criteria.availability).toBe('not-available');
    const diff = await w.call(Role.Referent, 'get', `/diagnostics/${diagnosticId}/compare?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.themes.map((t: { theme: string }) => t.theme)).toEqual(['budget', 'logement', 'mobilite', 'sante']);
    expect(diff.body.themes.find((t: { theme: string }) => t.theme === 'budget').level).toEqual({ before: 'blocking', after: 'none' });
    expect(diff.body.changes).toEqual([
      { field: 'criteria.availability', before: 'not-available', after: 'near' },
      { field: 'criteria.autonomy', before: 'medium', after: 'complete' },
    ]);
    expect(diff.body.lighter).toEqual(['budget']);
    expect(diff.body.heavier).toEqual(['logement', 'sante']);
    expect(diff.body.score).toEqual({ from: v1.score.value, to: v2.score.value, difference: v2.score.value - v1.score.value, profile: { from: v1.score.profile, to: v2.score.profile }, comparable: true });
    const missing = await w.call(Role.Referent, 'get', `/diagnostics/${diagnosticId}/compare?from=1&to=9`);
    expect(missing.status).toBe(404);
    // A version beyond what PostgreSQL's integer holds is a bad request, not a database error.
    expect((await w.call(Role.Referent, 'get', `/diagnostics/${diagnosticId}/versions/99999999999`)).status).toBe(400);
    expect((await w.call(Role.Referent, 'get', `/diagnostics/${diagnosticId}/compare?from=1&to=99999999999`)).status).toBe(400);
  });

  let proposal: { dominante: string; structureKinds: string[]; ruleId: string };

  it('proposes the référentiel’s dominante for the latest version, citing the rule and why not the one before', async () => {
    const res = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/orientation/proposal`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dominante: 'equilibre',
      ruleId: 'equilibre',
      source: expect.stringContaining('L3044'),
      diagnostic: { id: diagnosticId, version: 2, diagnosedOn: '2026-12-09' },
      ruleSet: { id: null, version: 0, label: 'référentiel' },
      score: { value: v2.score.value },
    });
    expect(res.body.because.map((c: { explanation: string }) => c.explanation)).toContain('availability: near (expected immediate or near)');
    expect(res.body.notBecause).toEqual([{ ruleId: 'emploi', failed: expect.objectContaining({ explanation: 'availability: near (expected immediate)', holds: false }) }]);
    proposal = res.body;
  });

  it('refuses an override without a reason (422), then records the decision accepting the proposal and opens the period', async () => {
    const base = { diagnosticId, diagnosticVersion: 2, deciders: [referent, ft], agreement: 'agreed', agreementOn: '2026-12-09' };
    const override = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/orientation/decisions`, { ...base, dominante: 'emploi', structureKind: 'france-travail-agency' });
    expect(override.status).toBe(422);
    expect(override.body.error.details.problems[0]).toContain('overrideReason: the choice differs from the proposal (equilibre');
    for (const diagnosticVersion of [99999999999, 1e300]) {
      const huge = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/orientation/decisions`, { ...base, diagnosticVersion, dominante: 'equilibre', structureKind: proposal.structureKinds[0] });
      expect({ diagnosticVersion, status: huge.status }).toEqual({ diagnosticVersion, status: 400 });
    }
    const stale = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/orientation/decisions`, { ...base, diagnosticVersion: 1, dominante: 'equilibre', structureKind: proposal.structureKinds[0] });
    expect(stale.status).toBe(409);
    // A decider decides orientations: not an auditor nor the call centre.
    for (const role of [Role.Auditor, Role.CallCentre]) {
      const res = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/orientation/decisions`, { ...base, deciders: [referent, w.professionalOf(role)], dominante: 'equilibre', structureKind: proposal.structureKinds[0] });
      expect({ role, status: res.status, problems: res.body.error.details.problems }).toEqual({ role, status: 422, problems: [expect.stringMatching(/is not a professional with an active habilitation of referent, coordinator, ft_counsellor$/)] });
    }
    // The person agrees to what the diagnostic led to: not before it.
    const early = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/orientation/decisions`, { ...base, agreementOn: '2025-12-09', dominante: 'equilibre', structureKind: proposal.structureKinds[0] });
    expect([early.status, early.body.error.details.problems]).toEqual([422, [expect.stringMatching(/^agreementOn: before the diagnostic \(2026-12-\d\d\)$/)]]);
    expect(await w.sql(`SELECT 1 FROM orientation_period WHERE person_id = $1`, [person])).toEqual([]);

    const decided = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/orientation/decisions`, { ...base, dominante: 'equilibre', structureKind: proposal.structureKinds[0] });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ kind: 'orientation', dominante: 'equilibre', override: false, overrideReason: null, diagnosticOn: '2026-12-09', startsOn: '2026-12-09', agreement: 'agreed' });
    expect(decided.body.proposal).toMatchObject({ ruleId: 'equilibre', ruleSet: { version: 0 } });

    const history = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/orientations`);
    expect(history.status).toBe(200);
    expect(history.body.current).toMatchObject({ dominante: 'equilibre', startsOn: '2026-12-09', endsOn: null, decisionId: decided.body.id, structureId: null, referentId: null });
    expect(history.body.current.decision).toMatchObject({ id: decided.body.id, proposedDominante: 'equilibre' });
    expect(history.body.current.codes).toEqual({ franceTravailParcours: 'SOCIOPRO', casfCategory: 'socio-professionnel', source: 'default' });

    const again = await w.call(Role.Coordinator, 'post', `/beneficiaries/${person}/orientation/decisions`, { ...base, dominante: 'equilibre', structureKind: proposal.structureKinds[0] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ORIENTATION_ALREADY_ORIENTED');
  });

  it('records an override with its reason and the person’s disagreement', async () => {
    const d = await w.call(Role.Referent, 'post', `/beneficiaries/${other}/diagnostics`, { authors: [referent, ft], content: aDiagnosticContent() });
    expect(d.status).toBe(201);
    const decided = await w.call(Role.FtCounsellor, 'post', `/beneficiaries/${other}/orientation/decisions`, {
      dominante: 'equilibre', structureKind: 'maison-nord-emploi', diagnosticId: d.body.diagnosticId, diagnosticVersion: 1, deciders: [ft],
      agreement: 'disagreed', agreementOn: '2026-12-09', overrideReason: 'family-situation',
    });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ dominante: 'equilibre', proposedDominante: 'emploi', override: true, overrideReason: 'family-situation', agreement: 'disagreed' });
  });

  let requestId: string;

  it('asks for a réorientation: the EP must review it, the referent, requester and coordinators are notified', async () => {
    w.clock.set('2027-01-11T10:00:00+01:00');
    // The portfolio assignment gives the period its referent; here the France Travail counsellor.
    await OrientationPeriods.setReferent({ query: (t, p) => w.sql(t, p) }, person, w.seed.structureIds['FT-ROUBAIX'], ft);
    const asked = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/reorientation-requests`, { proposedDominante: 'emploi', proposedStructureKind: 'france-travail-agency', reasonCode: 'situation-improved' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', fromDominante: 'equilibre', proposedDominante: 'emploi', epRequired: true, diagnosticId, diagnosticVersion: 2 });
    expect(asked.body.epReasons[0]).toContain('before the end of the first 6-month period');
    requestId = asked.body.id;

    const twice = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/reorientation-requests`, { proposedDominante: 'remobilisation', proposedStructureKind: 'maison-nord-emploi', reasonCode: 'other' });
    expect(twice.status).toBe(409);
    // A diagnostic is named by its id and version together, never one replaced by the latest.
    for (const half of [{ diagnosticId }, { diagnosticVersion: 1 }]) {
      const res = await w.call(Role.Coordinator, 'post', `/beneficiaries/${person}/reorientations`, { dominante: 'remobilisation', structureKind: 'maison-nord-emploi', reasonCode: 'other', agreement: 'not-expressed', ...half });
      expect({ half, status: res.status, code: res.body.error.code }).toEqual({ half, status: 400, code: 'VALIDATION_FAILED' });
    }

    for (const role of [Role.Coordinator, Role.FtCounsellor, Role.Referent]) {
      const inbox = await w.call(role, 'get', '/orientation/notices');
      expect(inbox.body.filter((n: { kind: string; subjectId: string }) => n.kind === 'reorientation-requested' && n.subjectId === requestId)).toHaveLength(1);
    }
    const pending = await w.call(Role.Coordinator, 'get', '/orientation/territories/roubaix-tourcoing/reorientation-requests');
    expect(pending.status).toBe(200);
    expect(pending.body.map((r: { id: string }) => r.id)).toEqual([requestId]);
  });

  it('decides it after the EP: the current period ends the day the new one starts, no overlap', async () => {
    const noEp = await w.call(Role.Coordinator, 'post', `/reorientation-requests/${requestId}/decision`, { decision: 'accepted', reasonCode: 'ep-opinion' });
    expect(noEp.status).toBe(422);
    expect(noEp.body.error.details.problems).toEqual(expect.arrayContaining([expect.stringContaining('epOn:'), expect.stringContaining('epOpinion:')]));
    const referentCannot = await w.call(Role.Referent, 'post', `/reorientation-requests/${requestId}/decision`, { decision: 'accepted', reasonCode: 'ep-opinion', epOn: '2027-01-08', epOpinion: 'favourable' });
    expect(referentCannot.status).toBe(403);
    // The EP's review and the person's agreement answer the orientation it would end: not before it began.
    const before = await w.call(Role.Coordinator, 'post', `/reorientation-requests/${requestId}/decision`, {
      decision: 'accepted', reasonCode: 'ep-opinion', epOn: '2021-01-08', epOpinion: 'favourable', agreement: 'agreed', agreementOn: '2021-01-08',
    });
    expect([before.status, before.body.error.details.problems]).toEqual([422, [expect.stringMatching(/^epOn: before the current orientation/), expect.stringMatching(/^agreementOn: before the current orientation/)]]);
    // Nor does the new orientation begin before the request whose EP need was judged on its day.
    const backdated = await w.call(Role.Coordinator, 'post', `/reorientation-requests/${requestId}/decision`, {
      decision: 'accepted', reasonCode: 'ep-opinion', epOn: '2027-01-08', epOpinion: 'favourable', agreement: 'agreed', agreementOn: '2027-01-08', startsOn: '2026-12-10',
    });
    expect([backdated.status, backdated.body.error.details.problems]).toEqual([422, [expect.stringMatching(/^startsOn: before the request \(20\d\d-\d\d-\d\d\)$/)]]);

    const accepted = await w.call(Role.Coordinator, 'post', `/reorientation-requests/${requestId}/decision`, {
      decision: 'accepted', reasonCode: 'ep-opinion', epOn: '2027-01-08', epOpinion: 'favourable', agreement: 'agreed', agreementOn: '2027-01-08',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.request).toMatchObject({ status: 'accepted', epOn: '2027-01-08', epOpinion: 'favourable', decisionId: accepted.body.decision.id });
    expect(accepted.body.decision).toMatchObject({ kind: 'reorientation', dominante: 'emploi', reorientationRequestId: requestId, epOn: '2027-01-08', startsOn: '2027-01-11' });

    const history = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/orientations`);
    expect(history.body.periods.map((p: { dominante: string; startsOn: string; endsOn: string | null; endReason: string | null }) => [p.dominante, p.startsOn, p.endsOn, p.endReason])).toEqual([
      ['emploi', '2027-01-11', null, null],
      ['equilibre', '2026-12-09', '2027-01-11', 'reorientation'],
    ]);
    const [{ overlapping }] = await w.sql<{ overlapping: number }>(
      `SELECT count(*)::int AS overlapping FROM orientation_period a JOIN orientation_period b ON a.person_id = b.person_id AND a.id < b.id
        WHERE a.person_id = $1 AND daterange(a.starts_on, a.ends_on, '[)') && daterange(b.starts_on, b.ends_on, '[)')`,
      [person],
    );
    expect(overlapping).toBe(0);
    const inbox = await w.call(Role.FtCounsellor, 'get', '/orientation/notices');
    expect(inbox.body.find((n: { kind: string; subjectId: string }) => n.kind === 'reorientation-decided' && n.subjectId === requestId)?.detail).toMatchObject({ status: 'accepted', epOpinion: 'favourable' });
  });

  it('réorients directly, closes the person’s pending requests and ends the contract of the orientation it closes', async () => {
    w.clock.set('2027-02-15T10:00:00+01:00');
    // A CER signed for the Emploi orientation: the réorientation ends it with the period.
    const drawn = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/contracts`);
    expect(drawn.status).toBe(201);
    const signed = await w.call(Role.Referent, 'post', `/contracts/${drawn.body.id}/sign`, { expectedVersion: drawn.body.version, signedOn: '2027-02-01' });
    expect([signed.status, signed.body.status]).toEqual([200, 'signed']);
    const asked = await w.call(Role.Referent, 'post', `/beneficiaries/${person}/reorientation-requests`, { proposedDominante: 'equilibre', proposedStructureKind: 'maison-nord-emploi', reasonCode: 'situation-worsened' });
    expect(asked.status).toBe(201);
    const withoutEp = await w.call(Role.Coordinator, 'post', `/beneficiaries/${person}/reorientations`, { dominante: 'remobilisation', structureKind: 'departement-service', reasonCode: 'health-situation', agreement: 'not-expressed' });
    expect(withoutEp.status).toBe(422);
    const direct = await w.call(Role.Coordinator, 'post', `/beneficiaries/${person}/reorientations`, {
      dominante: 'remobilisation', structureKind: 'departement-service', reasonCode: 'health-situation', agreement: 'not-expressed', epOn: '2027-02-12', epOpinion: 'favourable',
    });
    expect(direct.status).toBe(201);
    expect(direct.body.closedRequests).toEqual([asked.body.id]);
    expect(direct.body.decision).toMatchObject({ kind: 'reorientation', dominante: 'remobilisation', override: true, overrideReason: 'health-situation', reorientationRequestId: null });
    const requests = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/reorientation-requests`);
    expect(requests.body.map((r: { status: string }) => r.status)).toEqual(['closed-by-direct-reorientation', 'accepted']);
    const inbox = await w.call(Role.Referent, 'get', '/orientation/notices');
    for (const odd of ['1', 'yes', 'foo']) expect((await w.call(Role.Referent, 'get', `/orientation/notices?unread=${odd}`)).status).toBe(400);
    expect((await w.call(Role.Referent, 'get', '/orientation/notices?limit=0')).status).toBe(400);
    expect(inbox.body.find((n: { subjectId: string; kind: string }) => n.subjectId === asked.body.id && n.kind === 'reorientation-decided')?.detail).toMatchObject({ status: 'closed-by-direct-reorientation' });
    const [{ open }] = await w.sql<{ open: number }>(`SELECT count(*)::int AS open FROM orientation_period WHERE person_id = $1 AND ends_on IS NULL`, [person]);
    expect(open).toBe(1);
    const ended = (await w.call(Role.Referent, 'get', `/contracts/${signed.body.id}`)).body;
    expect(ended).toMatchObject({ status: 'ended', endedOn: '2027-02-15', endReason: 'reorientation', live: false, version: signed.body.version + 1 });
    expect(ended.events.at(-1)).toMatchObject({ kind: 'ended', version: signed.body.version + 1, detail: { endReason: 'reorientation', decisionId: direct.body.decision.id, statusBefore: 'signed' } });
    const [audited] = await w.sql<{ detail: { endedContractId: string } }>(`SELECT detail FROM audit_event WHERE action = 'reorientation.direct' AND $1 = ANY(subject_ids)`, [person]);
    expect(audited.detail.endedContractId).toBe(signed.body.id);
    // The new orientation takes a contract of its own.
    expect((await w.call(Role.Referent, 'post', `/beneficiaries/${person}/contracts`)).status).toBe(201);
  });

  it('a territory’s rule set: draft (checked), activated, and the proposal follows it', async () => {
    const noCatchAll = await w.call(Role.Administrator, 'post', '/orientation/territories/roubaix-tourcoing/rule-sets', {
      label: 'Sans règle par défaut',
      rules: [{ id: 'dispo', label: 'Disponible', when: [{ criterion: 'availability', in: ['immediate'] }], then: { dominante: 'emploi', structureKinds: ['france-travail-agency'] } }],
    });
    expect(noCatchAll.status).toBe(422);
    expect(noCatchAll.body.error.details.problems).toContain('rules: the last rule must be the catch-all (no conditions), so that everyone gets a proposal');

    // Whatever JSON comes, a 422 listing what is wrong, never a 500, and nothing kept beyond a rule's own keys.
    const catchAll = { id: 'autres', label: 'Les autres', when: [], then: { dominante: 'remobilisation', structureKinds: ['maison-nord-emploi'] } };
    const malformed: [object, RegExp][] = [
      [{ ...catchAll, then: { dominante: 'remobilisation', structureKinds: 'maison-nord-emploi' } }, /^rules\[0\]\.then\.structureKinds: a list/],
      [{ ...catchAll, then: { dominante: 'remobilisation', structureKinds: { length: 1, some: 1 } } }, /^rules\[0\]\.then\.structureKinds: a list/],
      [{ ...catchAll, label: 5 }, /^rules\[0\]\.label: text$/],
      [{ ...catchAll, id: 5 }, /^rules\[0\]\.id: text$/],
      [{ ...catchAll, note: 'M. Dupont 1 85 05 59 123 456 78' }, /^rules\[0\]: unknown keys note$/],
      [{ ...catchAll, then: { ...catchAll.then, why: 'x' } }, /^rules\[0\]\.then: unknown keys why$/],
    ];
    for (const [rule, problem] of malformed) {
      const res = await w.call(Role.Administrator, 'post', '/orientation/territories/roubaix-tourcoing/rule-sets', { label: 'Mal formé', rules: [rule] });
      expect({ rule, status: res.status, code: res.body.error?.code, problems: res.body.error?.details?.problems }).toEqual({ rule, status: 422, code: 'ORIENTATION_RULE_SET_INVALID', problems: [expect.stringMatching(problem)] });
    }
    const conditions: [object, RegExp][] = [
      [{ criterion: 'constructor', in: ['x'] }, /: criterion: one of /],
      [{ criterion: 'toString', in: ['x'] }, /: criterion: one of /],
      [{ criterion: 'availability', in: ['immediate'], fact: 'age', max: 30 }, /: one test per condition/],
      [{ fact: 'age', max: 30, note: 'x' }, /: unknown keys note$/],
      [{ fact: 'blockingBarriers', min: 9 }, /: min and\/or max: whole numbers from 0 to 8$/],
      [{ criterion: 'availability', in: ['near', 'near'] }, /: in: a value given twice$/],
    ];
    for (const condition of conditions) {
      const rules = [{ id: 'une', label: 'Une', when: [condition[0]], then: { dominante: 'emploi', structureKinds: ['france-travail-agency'] } }, catchAll];
      const res = await w.call(Role.Administrator, 'post', '/orientation/territories/roubaix-tourcoing/rule-sets', { label: 'Mal formé', rules });
      expect({ condition: condition[0], status: res.status, problems: res.body.error?.details?.problems }).toEqual({ condition: condition[0], status: 422, problems: [expect.stringMatching(condition[1])] });
    }
    const contradictory = [{ id: 'jamais', label: 'Jamais', when: [{ fact: 'age', min: 60 }, { fact: 'age', max: 30 }], then: { dominante: 'emploi', structureKinds: ['france-travail-agency'] } }, catchAll];
    const never = await w.call(Role.Administrator, 'post', '/orientation/territories/roubaix-tourcoing/rule-sets', { label: 'Contradictoire', rules: contradictory });
    expect([never.status, never.body.error.details.problems]).toEqual([422, ['rules[0].when: age tested more than once (give one condition for each)']]);
    expect(await w.sql(`SELECT id FROM orientation_rule_set WHERE territory_id = 'roubaix-tourcoing'`)).toEqual([]);

    const rules = [
      { id: 'disponible', label: 'Disponible bientôt ou tout de suite', when: [{ criterion: 'availability', in: ['immediate', 'near'] }], then: { dominante: 'emploi', structureKinds: ['france-travail-agency'] }, source: 'choix du territoire 2027' },
      { id: 'autres', label: 'Les autres', when: [], then: { dominante: 'remobilisation', structureKinds: ['maison-nord-emploi'] } },
    ];
    const draft = await w.call(Role.Administrator, 'post', '/orientation/territories/roubaix-tourcoing/rule-sets', { label: 'Roubaix 2027', rules });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 1, status: 'draft' });
    const coordinatorCannot = await w.call(Role.Coordinator, 'post', `/orientation/rule-sets/${draft.body.id}/activate`);
    expect(coordinatorCannot.status).toBe(403);
    const before = await w.call(Role.Referent, 'get', `/beneficiaries/${other}/orientation/proposal`);
    expect(before.body).toMatchObject({ dominante: 'emploi', ruleId: 'emploi', ruleSet: { version: 0 } });

    const active = await w.call(Role.Administrator, 'post', `/orientation/rule-sets/${draft.body.id}/activate`);
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({ status: 'active', version: 1 });
    const after = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/orientation/proposal`);
    expect(after.body).toMatchObject({ dominante: 'emploi', ruleId: 'disponible', source: 'choix du territoire 2027', ruleSet: { id: draft.body.id, version: 1, status: 'active' } });

    const next = await w.call(Role.Administrator, 'post', '/orientation/territories/roubaix-tourcoing/rule-sets', { label: 'Roubaix 2027 bis', rules: [rules[1]] });
    await w.call(Role.Administrator, 'post', `/orientation/rule-sets/${next.body.id}/activate`);
    const list = await w.call(Role.Coordinator, 'get', '/orientation/territories/roubaix-tourcoing/rule-sets');
    expect(list.body.ruleSets.map((s: { version: number; status: string }) => [s.version, s.status])).toEqual([[2, 'active'], [1, 'retired']]);
    expect(list.body.current.id).toBe(next.body.id);
    const reactivate = await w.call(Role.Administrator, 'post', `/orientation/rule-sets/${draft.body.id}/activate`);
    expect(reactivate.status).toBe(409);
  });

  it('target mix and dominante codes: defaults, then the administrator’s', async () => {
    const mix = await w.call(Role.Coordinator, 'get', '/orientation/territories/roubaix-tourcoing/target-mix');
    expect(mix.body).toEqual({ territoryId: 'roubaix-tourcoing', target: { emploi: 50, equilibre: 30, remobilisation: 20 }, source: 'default', version: 0 });
    const wrong = await w.call(Role.Administrator, 'put', '/orientation/territories/roubaix-tourcoing/target-mix', { emploi: 50, equilibre: 30, remobilisation: 30 });
    expect(wrong.status).toBe(422);
    const set = await w.call(Role.Administrator, 'put', '/orientation/territories/roubaix-tourcoing/target-mix', { emploi: 55, equilibre: 25, remobilisation: 20, expectedVersion: 0 });
    expect(set.body).toMatchObject({ target: { emploi: 55, equilibre: 25, remobilisation: 20 }, source: 'configured', version: 1 });

    const codes = { emploi: { franceTravailParcours: 'PRO', casfCategory: 'professionnel' }, equilibre: { franceTravailParcours: 'SOCIOPRO', casfCategory: 'socio-professionnel' }, remobilisation: { franceTravailParcours: 'SOC', casfCategory: 'social' } };
    expect((await w.call(Role.Referent, 'put', '/orientation/dominante-codes/59', codes)).status).toBe(403);
    const put = await w.call(Role.Administrator, 'put', '/orientation/dominante-codes/59', codes);
    expect(put.status).toBe(200);
    const history = await w.call(Role.Referent, 'get', `/beneficiaries/${person}/orientations`);
    expect(history.body.current.codes).toEqual({ franceTravailParcours: 'SOC', casfCategory: 'social', source: 'configured' });
  });

  it('audits reads and writes of the person’s file, and the settings’ changes', async () => {
    const rows = await w.sql<{ action: string; outcome: string }>(`SELECT DISTINCT action, outcome FROM audit_event WHERE $1 = ANY(subject_ids) ORDER BY action`, [person]);
    const allowed = rows.filter((r) => r.outcome === 'allowed').map((r) => r.action);
    expect(allowed).toEqual(
      expect.arrayContaining([
        'diagnostic.list', 'diagnostic.create', 'diagnostic.version.create', 'diagnostic.read', 'diagnostic.version.read', 'diagnostic.compare',
        'orientation.proposal.read', 'orientation.decide', 'orientation.history.read', 'reorientation.request', 'reorientation.decide', 'reorientation.direct',
        'reorientation.list', 'reorientation.pending.list',
      ]),
    );
    const settings = await w.sql<{ action: string }>(`SELECT DISTINCT action FROM audit_event WHERE action LIKE 'orientation.%' AND cardinality(subject_ids) = 0 AND outcome = 'allowed' ORDER BY action`);
    expect(settings.map((s) => s.action)).toEqual(expect.arrayContaining(['orientation.rule-set.create', 'orientation.rule-set.activate', 'orientation.target-mix.set', 'orientation.dominante-codes.set']));
  });

  it('two writers at once: one version and one decision are kept, the other gets 409, nothing duplicated', async () => {
    const d = await w.call(Role.Coordinator, 'post', `/beneficiaries/${stranger}/diagnostics`, { authors: [w.professionalOf(Role.Coordinator), ft], content: aDiagnosticContent() });
    expect(d.status).toBe(201);
    const version = () => w.call(Role.Coordinator, 'post', `/diagnostics/${d.body.diagnosticId}/versions`, { expectedVersion: 1, authors: [w.professionalOf(Role.Coordinator), ft], content: equilibreContent() });
    const versions = await Promise.all([version(), version()]);
    expect(versions.map((r) => r.status).sort()).toEqual([201, 409]);
    const decide = () =>
      w.call(Role.Coordinator, 'post', `/beneficiaries/${stranger}/orientation/decisions`, {
        dominante: 'equilibre', structureKind: 'maison-nord-emploi', diagnosticId: d.body.diagnosticId, diagnosticVersion: 2, deciders: [w.professionalOf(Role.Coordinator)], agreement: 'not-expressed', overrideReason: 'professional-assessment',
      });
    const decisions = await Promise.all([decide(), decide()]);
    expect(decisions.map((r) => r.status).sort()).toEqual([201, 409]);
    const [counts] = await w.sql<{ versions: number; decisions: number; periods: number }>(
      `SELECT (SELECT count(*)::int FROM orientation_diagnostic_version WHERE person_id = $1) AS versions, (SELECT count(*)::int FROM orientation_decision WHERE person_id = $1) AS decisions,
              (SELECT count(*)::int FROM orientation_period WHERE person_id = $1) AS periods`,
      [stranger],
    );
    expect(counts).toEqual({ versions: 2, decisions: 1, periods: 1 });

    // Once the file is anonymised (retention), no version is added to a diagnostic already there.
    await w.sql(`UPDATE beneficiary_person SET anonymised_at = now() WHERE id = $1`, [stranger]);
    try {
      const late = await w.call(Role.Coordinator, 'post', `/diagnostics/${d.body.diagnosticId}/versions`, { expectedVersion: 2, authors: [w.professionalOf(Role.Coordinator), ft], content: aDiagnosticContent() });
      expect([late.status, late.body.error.code, late.body.error.message]).toEqual([422, 'ORIENTATION_DIAGNOSTIC_INVALID', 'This file is anonymised: nothing more is written on it']);
      expect(await w.sql(`SELECT count(*)::int AS n FROM orientation_diagnostic_version WHERE person_id = $1`, [stranger])).toEqual([{ n: 2 }]);
    } finally {
      await w.sql(`UPDATE beneficiary_person SET anonymised_at = NULL WHERE id = $1`, [stranger]);
    }
  });

  it('refuses a referent who is not on the case (403, audited), and roles without the permission', async () => {
    for (const [method, path, body] of [
      ['get', `/beneficiaries/${stranger}/diagnostics`, undefined],
      ['post', `/beneficiaries/${stranger}/diagnostics`, { authors: [referent], content: aDiagnosticContent() }],
      ['get', `/beneficiaries/${stranger}/orientation/proposal`, undefined],
      ['get', `/beneficiaries/${stranger}/orientations`, undefined],
    ] as const) {
      const res = await w.call(Role.Referent, method, path, body);
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect((await w.call(Role.Referent, 'get', `/diagnostics/${diagnosticId}`)).status).toBe(200);
    expect((await w.call(Role.PartnerOperator, 'post', `/diagnostics/${diagnosticId}/versions`, { expectedVersion: 2, authors: [referent, ft], content: aDiagnosticContent() })).status).toBe(403);
    expect((await w.call(Role.ProjectTeam, 'get', `/beneficiaries/${person}/orientation/proposal`)).status).toBe(403);
    const [{ denied }] = await w.sql<{ denied: number }>(`SELECT count(*)::int AS denied FROM audit_event WHERE outcome = 'denied' AND $1 = ANY(subject_ids)`, [stranger]);
    expect(denied).toBe(4);
  });

  it('a person who moved to another territory is proposed by its rule set, and counted in its simulation only', async () => {
    const young = await w.sql<{ id: string }>(
      `SELECT pe.id FROM beneficiary_person pe JOIN beneficiary_path p ON p.person_id = pe.id AND p.status = 'open'
         JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee AND tc.territory_id = 'roubaix-tourcoing'
        WHERE pe.dtnai > '1975-01-01' AND pe.id <> ALL($1::uuid[]) ORDER BY pe.id LIMIT 1`,
      [[person, other, stranger]],
    );
    const mover = young[0].id;
    await w.shareWith(mover, Role.Referent, 'referent');
    const written = await w.call(Role.Coordinator, 'post', `/beneficiaries/${mover}/diagnostics`, { authors: [w.professionalOf(Role.Coordinator), ft], content: aDiagnosticContent() });
    expect(written.status).toBe(201);
    const simulated = async (territoryId: string) => {
      const res = await w.call(Role.Administrator, 'post', `/orientation/territories/${territoryId}/simulations`, {});
      expect(res.status).toBe(200);
      return res.body.people as number;
    };
    expect((await w.call(Role.Referent, 'get', `/beneficiaries/${mover}/orientation/proposal`)).body.territoryId).toBe('roubaix-tourcoing');
    const before = { roubaix: await simulated('roubaix-tourcoing'), lille: await simulated('lille') };

    // They join a household in Lille: a new dossier there, updated last; the Roubaix dossier of their path is not rewritten yet (still attached).
    const [{ dossier_id: oldDossier }] = await w.sql<{ dossier_id: string }>(`SELECT dossier_id FROM beneficiary_path WHERE person_id = $1 AND status = 'open'`, [mover]);
    const [{ insee }] = await w.sql<{ insee: string }>(`SELECT insee FROM access_territory_commune WHERE territory_id = 'lille' ORDER BY insee LIMIT 1`);
    const [{ id: newDossier }] = await w.sql<{ id: string }>(
      `INSERT INTO beneficiary_dossier
       SELECT (jsonb_populate_record(NULL::beneficiary_dossier, to_jsonb(d) || jsonb_build_object('id', gen_random_uuid(), 'numdemrsa', '99' || lpad((random() * 1e9)::bigint::text, 9, '0'),
               'commune_insee', $2::text, 'updated_at', greatest(d.updated_at, now()) + interval '1 minute'))).*
         FROM beneficiary_dossier d WHERE d.id = $1 RETURNING id`,
      [oldDossier, insee],
    );
    await w.sql(
      `INSERT INTO beneficiary_member
       SELECT (jsonb_populate_record(NULL::beneficiary_member, to_jsonb(m) || jsonb_build_object('id', gen_random_uuid(), 'dossier_id', $2::uuid, 'detached_at', NULL))).*
         FROM beneficiary_member m WHERE m.dossier_id = $1 AND m.person_id = $3`,
      [oldDossier, newDossier, mover],
    );

    // The proposal (and so the decision) takes Lille's rule set; each territory's simulation counts them where the proposal does.
    const proposal = await w.call(Role.Referent, 'get', `/beneficiaries/${mover}/orientation/proposal`);
    expect([proposal.status, proposal.body.territoryId]).toEqual([200, 'lille']);
    expect({ roubaix: await simulated('roubaix-tourcoing'), lille: await simulated('lille') }).toEqual({ roubaix: before.roubaix - 1, lille: before.lille + 1 });
  });
  it('compares the age too: a birthday between two versions changes the score with the content unchanged, and says so', async () => {
    const today = parisDateOf(w.clock.now());
    // 59 the day after tomorrow.
    const [{ dtnai }] = await w.sql<{ dtnai: string }>(`SELECT to_char(($1::date + 2) - interval '59 years', 'YYYY-MM-DD') AS dtnai`, [today]);
    await w.sql(`UPDATE beneficiary_person SET dtnai = $2 WHERE id = $1`, [birthday, dtnai]);
    const coordinator = w.professionalOf(Role.Coordinator);
    const content = aDiagnosticContent();
    const first = await w.call(Role.Coordinator, 'post', `/beneficiaries/${birthday}/diagnostics`, { authors: [coordinator, ft], content });
    expect(first.status).toBe(201);
    const now = w.clock.now();
    w.clock.set(new Date(now.getTime() + 3 * 86400_000));
    try {
      const second = await w.call(Role.Coordinator, 'post', `/diagnostics/${first.body.diagnosticId}/versions`, { expectedVersion: 1, authors: [coordinator, ft], content });
      expect(second.status).toBe(201);
      const diff = await w.call(Role.Coordinator, 'get', `/diagnostics/${first.body.diagnosticId}/compare?from=1&to=2`);
      expect({ themes: diff.body.themes, changes: diff.body.changes }).toEqual({ themes: [], changes: [{ field: 'age', before: 58, after: 59 }] });
      expect(diff.body.score.difference).not.toBe(0);
    } finally {
      w.clock.set(now);
    }
  });
});
