import type { SqlRunner } from '@rsa/platform';
import { decideEntry, OPEN_RIGHT_SQL, type EntryDecision, type EntryHousehold, type EntryPerson } from '../domain/entry-rule';

/**
 * SQL, for an open path `p` on its dossier `d`: stale, no longer where its person is followed. The
 * dossier's right is not open (an old demand), or the person left it: no longer sent in it
 * (detached), or sent with an end of attachment (DFRATDOS) on or before `date`, a placeholder for
 * the file's date (the entry rule's `left-household`). A stale path gives way to another demand.
 */
export const stalePathSql = (date: string) =>
  `(d.etatdosrsa NOT IN ${OPEN_RIGHT_SQL}
    OR EXISTS (SELECT 1 FROM beneficiary_member pm WHERE pm.dossier_id = p.dossier_id AND pm.person_id = p.person_id
                AND (pm.detached_at IS NOT NULL OR pm.dfratdos <= ${date}::date)))`;

/** A current membership with the entry rule (DOMAIN.md §2) decided on what is stored of it. */
export interface StoredEntry {
  memberId: string;
  personId: string;
  dossierId: string;
  roleRsa: string | null;
  /** The dossier's demand date (DTDEMRSA), YYYY-MM-DD. */
  dtdemrsa: string | null;
  decision: EntryDecision;
}

type Row = {
  member_id: string; person_id: string; dossier_id: string; role_rsa: string | null; dtdemrsa: string | null; toppersdrodevorsa: boolean | null; dfratdos: string | null;
  activites: EntryPerson['activites'] | null; avis_pcg_personne: EntryPerson['avisPcgPersonne']; etatdosrsa: string;
  organisme_prenant: EntryHousehold['organismePrenant']; suspensions_versement: EntryHousehold['suspensionsVersement'] | null;
};

/** Everything decideEntry reads, from the member row and its dossier; memberships still current only. */
const SELECT = `SELECT m.id AS member_id, m.person_id, m.dossier_id, m.role_rsa, m.toppersdrodevorsa, to_char(m.dfratdos, 'YYYY-MM-DD') AS dfratdos,
                       m.blocks->'activites' AS activites, m.blocks->'avisPcgPersonne' AS avis_pcg_personne, d.etatdosrsa, to_char(d.dtdemrsa, 'YYYY-MM-DD') AS dtdemrsa,
                       d.blocks->'organismePrenant' AS organisme_prenant, d.rights_detail->'suspensionsVersement' AS suspensions_versement
                  FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id
                 WHERE m.detached_at IS NULL AND`;

function decided(rows: Row[], date: string): StoredEntry[] {
  return rows.map((m) => {
    const household: EntryHousehold = { etatdosrsa: m.etatdosrsa, organismePrenant: m.organisme_prenant ?? null, suspensionsVersement: m.suspensions_versement ?? [] };
    const person: EntryPerson = {
      roleRsa: m.role_rsa, toppersdrodevorsa: m.toppersdrodevorsa, dfratdos: m.dfratdos, avisPcgPersonne: m.avis_pcg_personne ?? null, activites: m.activites ?? [],
    };
    return { memberId: m.member_id, personId: m.person_id, dossierId: m.dossier_id, roleRsa: m.role_rsa, dtdemrsa: m.dtdemrsa, decision: decideEntry(household, person, date) };
  });
}

/** The members kept out for a reason bounded in time that ends by `date`, decided again on that day. */
export async function entriesDueForRecheck(runner: SqlRunner, date: string): Promise<StoredEntry[]> {
  return decided(await runner.query<Row>(`${SELECT} m.entry_recheck_on <= $1`, [date]), date);
}

/**
 * The current memberships of these persons, decided on `date`: whether each is still someone to
 * convene (a right still open, still in the household, not moved away, not in work, and so on).
 */
export async function currentEntries(runner: SqlRunner, personIds: string[], date: string): Promise<StoredEntry[]> {
  if (personIds.length === 0) return [];
  return decided(await runner.query<Row>(`${SELECT} m.person_id = ANY($1::uuid[])`, [personIds]), date);
}
