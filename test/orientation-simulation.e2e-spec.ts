import { ageOn, DEFAULT_RULE_SET, Diagnostics, factsOf, mixOf, propose, aDiagnosticContent, type DiagnosticContent, type Dominante, type Rule } from '@rsa/orientation';
import { Permission, Role, systemActor } from '@rsa/kernel';
import { createTestDatabase, drawDiagnosticContent, Rng, type TestDatabase } from '@rsa/testing';
import { buildOrientationWorld, type OrientationWorld } from './support/orientation-world';

/** What the domain's engine says on the same contents, computed here without the API. */
function expectedCounts(rules: Rule[], people: { content: DiagnosticContent; age: number }[]) {
  const dominantes: Dominante[] = [];
  const perRule = new Map<string, number>();
  for (const p of people) {
    const proposal = propose({ rules }, p.content, factsOf(p.content, p.age));
    dominantes.push(proposal.dominante);
    perRule.set(proposal.ruleId, (perRule.get(proposal.ruleId) ?? 0) + 1);
  }
  return { dominantes, perRule };
}

describe('orientation simulation over a territory’s diagnosed population (e2e)', () => {
  let db: TestDatabase;
  let w: OrientationWorld;
  /** The latest content of each Roubaix-Tourcoing person diagnosed, with their age on the diagnostic's day. */
  const diagnosed: { personId: string; content: DiagnosticContent; age: number }[] = [];
  const day = '2026-12-08';
  let lilleDiagnosed = 0;

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    w = await buildOrientationWorld(db, `${day}T10:00:00+01:00`);
    const { personIds } = await w.importDaily(900, 'orientation-simulation', '2026-12-08');
    const lille = (
      await w.sql<{ person_id: string }>(
        `SELECT DISTINCT m.person_id FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id
           JOIN access_territory_commune tc ON tc.insee = d.commune_insee AND tc.territory_id = 'lille' WHERE m.detached_at IS NULL ORDER BY m.person_id LIMIT 20`,
      )
    ).map((r) => r.person_id);
    const births = new Map(
      (await w.sql<{ id: string; dtnai: string }>(`SELECT id, to_char(dtnai, 'YYYY-MM-DD') AS dtnai FROM beneficiary_person WHERE id = ANY($1::uuid[])`, [personIds])).map((r) => [r.id, r.dtnai]),
    );
    // Written through the service, as the professionals' binôme would through the API.
    const writer = systemActor('test:simulation', 'cli', [Permission.DiagnosticWrite]);
    const diagnostics = w.app.get(Diagnostics);
    const authors = [w.professionalOf(Role.Referent), w.professionalOf(Role.FtCounsellor)];
    const rng = Rng.of('orientation-simulation');
    for (const personId of personIds) {
      const first = drawDiagnosticContent(rng);
      const created = await diagnostics.create(writer, personId, { authors, content: first });
      let latest = first;
      // Some are updated: the simulation reads the latest version.
      if (rng.chance(0.25)) {
        latest = drawDiagnosticContent(rng);
        await diagnostics.addVersion(writer, created.diagnosticId, { expectedVersion: 1, authors, content: latest });
      }
      diagnosed.push({ personId, content: latest, age: ageOn(births.get(personId) as string, day) });
    }
    // People of another territory, diagnosed too: they must not count in Roubaix-Tourcoing.
    for (const personId of lille) await diagnostics.create(writer, personId, { authors, content: aDiagnosticContent() });
    lilleDiagnosed = lille.length;
  }, 240_000);
  afterAll(async () => {
    await w?.close();
    await db?.drop();
  });

  it('generated a few hundred diagnosed people in Roubaix-Tourcoing, and some elsewhere', () => {
    expect(diagnosed.length).toBeGreaterThanOrEqual(200);
    expect(lilleDiagnosed).toBeGreaterThan(0);
  });

  it('reports with the référentiel the mix the domain’s engine gives on the same contents, against Roubaix’s 50/30/20', async () => {
    const res = await w.call(Role.Coordinator, 'post', '/orientation/territories/roubaix-tourcoing/simulations', {});
    expect(res.status).toBe(200);
    const { dominantes, perRule } = expectedCounts(DEFAULT_RULE_SET.rules, diagnosed);
    const expected = mixOf(dominantes, { emploi: 50, equilibre: 30, remobilisation: 20 });
    expect(res.body).toMatchObject({
      territoryId: 'roubaix-tourcoing',
      ruleSet: { id: null, version: 0, label: 'référentiel' },
      people: diagnosed.length,
      counts: expected.counts,
      mix: expected.mix,
      target: { emploi: 50, equilibre: 30, remobilisation: 20 },
      gap: expected.gap,
      targetSource: 'default',
    });
    expect(res.body.perRule).toEqual(DEFAULT_RULE_SET.rules.map((r) => ({ ruleId: r.id, label: r.label, dominante: r.then.dominante, people: perRule.get(r.id) ?? 0 })));
    // Every dominante is represented: the generated population is varied enough to test the mix.
    for (const d of ['emploi', 'equilibre', 'remobilisation'] as const) expect(expected.counts[d]).toBeGreaterThan(0);
  });

  it('simulates a draft rule set without activating it, and writes nothing', async () => {
    const rules: Rule[] = [
      {
        id: 'emploi-large',
        label: 'Disponible et motivé, deux freins bloquants au plus',
        when: [
          { criterion: 'availability', in: ['immediate', 'near'] },
          { criterion: 'motivation', in: ['work-and-support'] },
          { fact: 'blockingBarriers', max: 2 },
        ],
        then: { dominante: 'emploi', structureKinds: ['france-travail-agency'] },
      },
      { id: 'sante', label: 'Santé bloquante', when: [{ theme: 'sante', levels: ['blocking'] }], then: { dominante: 'remobilisation', structureKinds: ['departement-service'] } },
      { id: 'autres', label: 'Les autres', when: [], then: { dominante: 'equilibre', structureKinds: ['maison-nord-emploi'] } },
    ];
    const draft = await w.call(Role.Administrator, 'post', '/orientation/territories/roubaix-tourcoing/rule-sets', { label: 'Brouillon 2027', rules });
    expect(draft.status).toBe(201);
    const res = await w.call(Role.ProjectTeam, 'post', '/orientation/territories/roubaix-tourcoing/simulations', { ruleSetId: draft.body.id });
    expect(res.status).toBe(200);
    const { dominantes, perRule } = expectedCounts(rules, diagnosed);
    const expected = mixOf(dominantes, { emploi: 50, equilibre: 30, remobilisation: 20 });
    expect(res.body).toMatchObject({ ruleSet: { id: draft.body.id, version: 1, status: 'draft' }, people: diagnosed.length, counts: expected.counts, mix: expected.mix, gap: expected.gap });
    expect(res.body.perRule.map((r: { ruleId: string; people: number }) => [r.ruleId, r.people])).toEqual(rules.map((r) => [r.id, perRule.get(r.id) ?? 0]));

    const [written] = await w.sql<{ decisions: number; periods: number; active: number }>(
      `SELECT (SELECT count(*)::int FROM orientation_decision) AS decisions, (SELECT count(*)::int FROM orientation_period) AS periods,
              (SELECT count(*)::int FROM orientation_rule_set WHERE status = 'active') AS active`,
    );
    expect(written).toEqual({ decisions: 0, periods: 0, active: 0 });
    const current = await w.call(Role.Administrator, 'post', '/orientation/territories/roubaix-tourcoing/simulations', {});
    expect(current.body.ruleSet).toMatchObject({ version: 0 });
  });

  it('gives aggregates only, to the roles that simulate, on their own territory', async () => {
    const res = await w.call(Role.Coordinator, 'post', '/orientation/territories/roubaix-tourcoing/simulations', {});
    expect(JSON.stringify(res.body)).not.toMatch(new RegExp(diagnosed.slice(0, 20).map((d) => d.personId).join('|')));
    expect((await w.call(Role.Referent, 'post', '/orientation/territories/roubaix-tourcoing/simulations', {})).status).toBe(403);
    expect((await w.call(Role.Coordinator, 'post', '/orientation/territories/lille/simulations', {})).status).toBe(403);
    expect(res.body.durationMs).toBeLessThan(5000);
  });
});
