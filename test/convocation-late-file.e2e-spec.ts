import { ConvocationPlanner } from '@rsa/convocation';
import { generateHouseholds, type GenHousehold } from '@rsa/testing';
import { convocationWorldHooks, type ConvocationWorld } from './support/convocation-world';

/**
 * Daily files that arrive out of order: the 11 June file imported before the 10 June one. The late
 * file's data is older than what its dossiers hold and is ignored, but the people it shows entering
 * were notified on the 10th: their 15 days count from it, not from the file that came first.
 */
describe('a daily file that arrives after a newer one (e2e)', () => {
  let w: ConvocationWorld;
  const households = [...generateHouseholds('late-file', 40, { kind: 'daily', referenceDate: '2027-06-10' })];

  convocationWorldHooks('2027-06-12T02:30:00+02:00', { territoryIds: ['roubaix-tourcoing', 'lille'], from: '2027-06-14', to: '2027-07-30' }, (world) => {
    w = world;
  });

  const pathsOf = (numdemrsa: string) =>
    w.sql<{ person_id: string; notified: string; deadline: string }>(
      `SELECT p.person_id, to_char(p.notification_date, 'YYYY-MM-DD') AS notified, to_char(p.convocation_deadline, 'YYYY-MM-DD') AS deadline
         FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE d.numdemrsa = $1 AND p.status = 'open' ORDER BY p.person_id`,
      [numdemrsa],
    );
  const trackDeadlines = (numdemrsa: string) =>
    w.sql<{ deadline: string }>(
      `SELECT to_char(t.deadline, 'YYYY-MM-DD') AS deadline FROM convocation_track t JOIN beneficiary_path p ON p.id = t.path_id JOIN beneficiary_dossier d ON d.id = p.dossier_id
        WHERE d.numdemrsa = $1 ORDER BY t.person_id`,
      [numdemrsa],
    );

  it('counts the 15 days from the earlier file, for households sent again unchanged or changed, and the convocation keeps to it', async () => {
    const newer = await w.importHouseholds('d-11', 'late-file', '2027-06-11', households);
    expect(newer.status).toBe('imported');
    const entering: GenHousehold[] = [];
    for (const h of households) if ((await pathsOf(h.demandeRsa.numdemrsa)).length > 0) entering.push(h);
    expect(entering.length).toBeGreaterThanOrEqual(3);
    const [same, changed, untouched] = entering;
    await w.app.get(ConvocationPlanner).registerNewPaths(w.clock.now());
    expect(await trackDeadlines(same.demandeRsa.numdemrsa)).toEqual((await pathsOf(same.demandeRsa.numdemrsa)).map(() => ({ deadline: '2027-06-26' })));

    // The 10 June file comes in late: one household as it was sent on the 11th (byte for byte), one
    // that changed between the two files (its street number).
    const moved: GenHousehold = { ...changed, addresses: changed.addresses.map((a, i) => (i === 0 ? { ...a, numvoie: a.numvoie === '99' ? '98' : '99' } : a)) };
    const late = await w.importHouseholds('d-10', 'late-file', '2027-06-10', [same, moved]);
    expect(late).toMatchObject({ status: 'imported', entrants: 0 });
    expect(late.households).toMatchObject({ total: 2, created: 0, updated: 0 });
    for (const h of [same, changed]) {
      const paths = await pathsOf(h.demandeRsa.numdemrsa);
      expect(paths.length).toBeGreaterThan(0);
      for (const p of paths) expect(p).toMatchObject({ notified: '2027-06-10', deadline: '2027-06-25' });
    }
    // Its older data stays ignored: the street number is the 11th's.
    const [address] = await w.sql<{ numvoie: string }>(`SELECT addresses->0->>'numvoie' AS numvoie FROM beneficiary_dossier WHERE numdemrsa = $1`, [changed.demandeRsa.numdemrsa]);
    expect(address.numvoie).toBe(changed.addresses[0].numvoie);
    // A household the late file did not carry keeps its date.
    for (const p of await pathsOf(untouched.demandeRsa.numdemrsa)) expect(p).toMatchObject({ notified: '2027-06-11', deadline: '2027-06-26' });

    // The planner's tracks, not convened yet, take the earlier deadline.
    await w.app.get(ConvocationPlanner).registerNewPaths(w.clock.now());
    for (const h of [same, changed]) expect((await trackDeadlines(h.demandeRsa.numdemrsa)).every((t) => t.deadline === '2027-06-25')).toBe(true);
    expect((await trackDeadlines(untouched.demandeRsa.numdemrsa)).every((t) => t.deadline === '2027-06-26')).toBe(true);
  });
});
