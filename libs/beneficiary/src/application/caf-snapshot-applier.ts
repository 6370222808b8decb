import { randomUUID } from 'node:crypto';
import { addDays, checkNir, maskRawNir, sha256Hex, type NirCheck } from '@rsa/kernel';
import type { HouseholdRecord, PersonRecord, PlainBlock } from '../domain/caf-household';
import { decideEntry, OPEN_RIGHT_SQL, OPEN_RIGHT_STATES, type EntryDecision, type NonEntryReason } from '../domain/entry-rule';
import { currentEntries, entriesDueForRecheck, stalePathSql, type StoredEntry } from './stored-entry';
import { linkedRecords } from './same-human';
import { identityKey } from '../domain/identity-key';
import { dossierTransitions, enteredRightsAndDuties } from '../domain/rights-transition';
import { bulk, byteaValue, insertSql, updateSql, type BulkColumn, type SqlRunner } from '@rsa/platform';
import type { NirVault } from '../infrastructure/nir-vault';

/** Which file a batch of snapshots comes from. */
export interface CafSnapshotSource {
  fileId: string;
  /**
   * How recent the file's data is: DTCREAFLUX + HEUCREAFLUX, or for a monthly or reprise file the
   * end of the period it covers (DTREF) when that is earlier. Data older than what a dossier holds is ignored.
   */
  fluxAt: Date;
  /** DTCREAFLUX (YYYY-MM-DD): the notification date that starts the 15-day convocation clock. */
  fluxDate: string;
  kind: 'daily' | 'monthly' | 'reprise';
  /**
   * A monthly file older than a stock already applied (it arrived late): it still updates the dossiers
   * it is the newest for, but it says nothing about what the stock holds now.
   */
  newerStockApplied?: boolean;
}

/** Whether a file tells which dossiers the CAF's stock holds: a monthly file, the newest applied. */
export function isCurrentStock(source: CafSnapshotSource): boolean {
  return source.kind === 'monthly' && source.newerStockApplied !== true;
}

export type HouseholdOutcome = 'created' | 'updated' | 'unchanged' | 'older';

/** A dossier whose stored raw block matched the file's, byte for byte. */
export interface KnownDossier {
  dossierId: string;
  numdemrsa: string;
  lastFluxAt: Date;
}

/** A household as read from the file, with the SHA-256 of its raw XML block. */
export interface SnapshotItem {
  record: HouseholdRecord;
  rawHash: string;
}

/** What a person of the file gives, worked out without the database (CafSnapshotApplier.prepare). */
interface PersonDraft {
  person: PersonRecord;
  nir: NirCheck;
  nirHash: string | null;
  /** The NIR sealed by the vault, as a bytea literal; null without a valid NIR. */
  nirSealed: string | null;
  key: string;
  identityHash: string;
  memberHash: string;
  /** The person's Rattachement blocks as stored: each NIR masked. */
  rattachements: PlainBlock[];
}

/** A household with everything that does not depend on the database already worked out. */
export interface PreparedHousehold {
  record: HouseholdRecord;
  rawHash: string;
  /** SHA-256 of the mapped record: tells a new layout of the same content from a change. */
  payloadHash: string;
  persons: PersonDraft[];
}

export type AnomalyKind =
  | 'nir-birthdate-conflict'
  | 'identity-nir-conflict'
  | 'ambiguous-identity'
  | 'invalid-nir'
  | 'duplicate-person-in-household'
  /** The CAF changed the NIR of someone of the dossier (same identity): the same person, NIR updated. */
  | 'nir-changed-in-dossier'
  /** The same NIR in the dossier under another name and birth date (corrected both, or NIRs swapped). */
  | 'identity-changed-in-dossier'
  | 'unknown-code';

/** Something a person should look at; stored by the caller with the file it came from. */
export interface AnomalyDraft {
  kind: AnomalyKind;
  numdemrsa: string;
  personId: string | null;
  otherPersonId: string | null;
  /** Never a NIR or a name: positions, codes and ids only. */
  detail: Record<string, unknown>;
}

export interface ApplyBatchResult {
  outcomes: { numdemrsa: string; outcome: HouseholdOutcome; persons: number }[];
  persons: { created: number; updated: number; unchanged: number };
  entrants: number;
  nonEntries: Partial<Record<NonEntryReason, number>>;
  anomalies: AnomalyDraft[];
  /** Every person whose file the batch changed (members of rewritten dossiers, those detached): for the audit trail. */
  writtenPersonIds: string[];
}

/** Days between the notification and the convocation deadline (DOMAIN.md §2.2, L1718). */
export const CONVOCATION_DELAY_DAYS = 15;

const OPEN: ReadonlySet<string> = new Set(OPEN_RIGHT_STATES);
type PathRow = ReturnType<typeof pathRow>;

interface ExistingDossier {
  id: string;
  numdemrsa: string;
  payload_hash: string;
  raw_hash: string | null;
  etatdosrsa: string;
  newer: boolean;
}

interface ExistingMember {
  id: string;
  dossier_id: string;
  person_id: string;
  payload_hash: string;
  hist_etatdosrsa: string | null;
  hist_toppersdrodevorsa: boolean | null;
  toppersdrodevorsa: boolean | null;
  detached_at: Date | null;
  nir_hash: string | null;
  nir_encrypted: Buffer | null;
  identity_key: string;
}

/**
 * A NIA, the temporary number given to someone born abroad until INSEE certifies them (first digit 7
 * or 8): the CAF replaces it with the definitive NIR later, for the same person.
 */
function isTemporaryNir(nir13: string | null): boolean {
  return nir13 !== null && (nir13[0] === '7' || nir13[0] === '8');
}

/** Two identity keys (NOMNAI|PRENOM|DTNAI|RGNAI) that differ in name and in birth date alike. */
function otherNameAndBirth(a: string, b: string): boolean {
  const [nameA, firstA, birthA] = a.split('|');
  const [nameB, firstB, birthB] = b.split('|');
  return (nameA !== nameB || firstA !== firstB) && birthA !== birthB;
}

/** A household the batch writes: new, or changed since what its dossier holds. */
interface Rewrite {
  record: HouseholdRecord;
  persons: PersonDraft[];
  payloadHash: string;
  rawHash: string;
  dossierId: string;
  previous: ExistingDossier | null;
}

interface Candidate {
  id: string;
  nir_hash: string | null;
  identity_key: string;
  dtnai: string;
  typedtnai: string | null;
  identity_hash: string;
  /** An operator found this record a person of its own, though another holds its NIR (see same-human.ts). */
  distinct_despite_nir: boolean;
}

interface Incoming extends PersonDraft {
  household: HouseholdRecord;
  dossierId: string;
  personId: string;
  member: ExistingMember | null;
  newPerson: boolean;
  identityChanged: boolean;
  /** Whether the person enters the path on this file's date (DOMAIN.md §2). */
  entry: EntryDecision;
  /**
   * The person this one repeats within the household (same NIR or identity twice: a CAF error),
   * kept apart as a person of their own and flagged; the human is convened once.
   */
  duplicateOf: string | null;
  /** Another person holds this NIR too (another birth date: `nir-birthdate-conflict`). */
  nirShared: boolean;
  /** Reviewed as a person of its own though another record holds its NIR: the NIR rule leaves it be. */
  distinctDespiteNir: boolean;
}

/** `1988-04-02` vs a partly fictitious date (TYPEDTNAI J/O): compare only what is real (§5.9). */
function sameBirthDate(a: { dtnai: string; typedtnai: string | null }, b: { dtnai: string; typedtnai: string | null }): boolean {
  if (a.dtnai === b.dtnai) return true;
  const precision = a.typedtnai === 'O' || b.typedtnai === 'O' ? 4 : a.typedtnai === 'J' || b.typedtnai === 'J' ? 7 : 10;
  return precision < 10 && a.dtnai.slice(0, precision) === b.dtnai.slice(0, precision);
}

const DOSSIER_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'uuid' },
  { name: 'numdemrsa', type: 'varchar' },
  { name: 'matricule', type: 'varchar' },
  { name: 'fonorg', type: 'varchar' },
  { name: 'numorg', type: 'varchar' },
  { name: 'typeparte', type: 'varchar' },
  { name: 'ideparte', type: 'varchar' },
  { name: 'dtdemrsa', type: 'date' },
  { name: 'etatdosrsa', type: 'varchar' },
  { name: 'rights_detail', type: 'jsonb' },
  { name: 'sitfam', type: 'varchar' },
  { name: 'ddsitfam', type: 'date' },
  { name: 'topsansdomfixe', type: 'boolean' },
  { name: 'topfoydrodevorsa', type: 'boolean' },
  { name: 'oridemrsa', type: 'varchar' },
  { name: 'commune_insee', type: 'varchar' },
  { name: 'addresses', type: 'jsonb' },
  { name: 'blocks', type: 'jsonb' },
  { name: 'evenements', type: 'jsonb' },
  { name: 'unknown_codes', type: 'jsonb' },
  { name: 'payload_hash', type: 'varchar' },
  { name: 'raw_hash', type: 'varchar' },
  { name: 'first_file_id', type: 'uuid' },
  { name: 'first_flux_date', type: 'date' },
];
const DOSSIER_UPSERT = insertSql('beneficiary_dossier', DOSSIER_COLUMNS, {
  onConflict: '(numdemrsa)',
  update: DOSSIER_COLUMNS.map((c) => c.name).filter((n) => !['id', 'numdemrsa', 'first_file_id', 'first_flux_date'].includes(n)),
  assign: { updated_at: 'now()' },
});

const SEEN_UPSERT = insertSql(
  'beneficiary_dossier_seen',
  [
    { name: 'dossier_id', type: 'uuid' },
    { name: 'last_flux_at', type: 'timestamptz' },
    { name: 'last_file_id', type: 'uuid' },
    { name: 'last_stock_file_id', type: 'uuid' },
    { name: 'not_seen_in_stock_since', type: 'date' },
  ],
  {
    onConflict: '(dossier_id)',
    update: ['last_flux_at', 'last_file_id'],
    // A rewrite by a monthly file also says "seen in this stock"; a daily file leaves that alone.
    assign: {
      last_stock_file_id: 'COALESCE(EXCLUDED."last_stock_file_id", beneficiary_dossier_seen."last_stock_file_id")',
      not_seen_in_stock_since: 'CASE WHEN EXCLUDED."last_stock_file_id" IS NULL THEN beneficiary_dossier_seen."not_seen_in_stock_since" END',
    },
  },
);

const PERSON_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'uuid' },
  { name: 'nir_encrypted', type: 'bytea' },
  { name: 'nir_hash', type: 'varchar' },
  { name: 'nir_status', type: 'varchar' },
  { name: 'identity_key', type: 'varchar' },
  { name: 'identity_hash', type: 'varchar' },
  { name: 'qual', type: 'varchar' },
  { name: 'nom', type: 'varchar' },
  { name: 'nomnai', type: 'varchar' },
  { name: 'prenom', type: 'varchar' },
  { name: 'prenom2', type: 'varchar' },
  { name: 'prenom3', type: 'varchar' },
  { name: 'nomcomnai', type: 'varchar' },
  { name: 'dtnai', type: 'date' },
  { name: 'typedtnai', type: 'varchar' },
  { name: 'rgnai', type: 'varchar' },
  { name: 'sexe', type: 'varchar' },
  { name: 'topvaliec', type: 'boolean' },
  { name: 'identity_flux_at', type: 'timestamptz' },
];
const PERSON_INSERT = insertSql('beneficiary_person', PERSON_COLUMNS);
/**
 * An existing person's identity as the CAF now gives it; the NIR is only replaced by a valid one.
 * A person is shared by dossiers: a file older than the one that last gave their identity (a late
 * file bringing a new dossier for them) leaves it as it is.
 */
const PERSON_UPDATE = updateSql(
  'beneficiary_person',
  PERSON_COLUMNS[0],
  PERSON_COLUMNS.slice(1),
  // A line without a valid NIR (another dossier's, a later file's) keeps the NIR held, and so its
  // status: `absent` beside a NIR still sealed would tell the file's reader there is none.
  {
    nir_encrypted: 'COALESCE(x."nir_encrypted", t."nir_encrypted")',
    nir_hash: 'COALESCE(x."nir_hash", t."nir_hash")',
    nir_status: 'CASE WHEN x."nir_hash" IS NULL AND t."nir_hash" IS NOT NULL THEN t."nir_status" ELSE x."nir_status" END',
    updated_at: 'now()',
  },
  't."identity_flux_at" IS NULL OR t."identity_flux_at" <= x."identity_flux_at"',
);

const MEMBER_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'uuid' },
  { name: 'dossier_id', type: 'uuid' },
  { name: 'person_id', type: 'uuid' },
  { name: 'role_rsa', type: 'varchar' },
  { name: 'role_pfa', type: 'varchar' },
  { name: 'topchapers_rsa', type: 'boolean' },
  { name: 'toprespdos', type: 'boolean' },
  { name: 'ddratdos', type: 'date' },
  { name: 'dfratdos', type: 'date' },
  { name: 'numdemrsaprece', type: 'varchar' },
  { name: 'idassedic', type: 'varchar' },
  { name: 'toppersdrodevorsa', type: 'boolean' },
  { name: 'toppersentdrodevorsa', type: 'boolean' },
  { name: 'mtpersressmenrsa', type: 'numeric' },
  { name: 'blocks', type: 'jsonb' },
  { name: 'payload_hash', type: 'varchar' },
  { name: 'hist_etatdosrsa', type: 'varchar' },
  { name: 'hist_toppersdrodevorsa', type: 'boolean' },
  { name: 'detached_at', type: 'timestamptz' },
  { name: 'detached_by_file_id', type: 'uuid' },
  { name: 'entry_recheck_on', type: 'date' },
];
const MEMBER_UPSERT = insertSql('beneficiary_member', MEMBER_COLUMNS, {
  onConflict: '(dossier_id, person_id)',
  update: MEMBER_COLUMNS.map((c) => c.name).filter((n) => !['id', 'dossier_id', 'person_id'].includes(n)),
  assign: { updated_at: 'now()' },
});

const HISTORY_INSERT = insertSql('beneficiary_rights_history', [
  { name: 'person_id', type: 'uuid' },
  { name: 'dossier_id', type: 'uuid' },
  { name: 'etatdosrsa', type: 'varchar' },
  { name: 'toppersdrodevorsa', type: 'boolean' },
  { name: 'file_id', type: 'uuid' },
  { name: 'flux_date', type: 'date' },
]);

const EVENT_INSERT = insertSql('beneficiary_rights_event', [
  { name: 'kind', type: 'varchar' },
  { name: 'dossier_id', type: 'uuid' },
  { name: 'person_id', type: 'uuid' },
  { name: 'etat_before', type: 'varchar' },
  { name: 'etat_after', type: 'varchar' },
  { name: 'file_id', type: 'uuid' },
  { name: 'flux_date', type: 'date' },
]);

const PATH_INSERT = insertSql(
  'beneficiary_path',
  [
    { name: 'id', type: 'uuid' },
    { name: 'person_id', type: 'uuid' },
    { name: 'dossier_id', type: 'uuid' },
    { name: 'origin', type: 'varchar' },
    { name: 'role_rsa', type: 'varchar' },
    { name: 'notification_date', type: 'date' },
    { name: 'convocation_deadline', type: 'date' },
    { name: 'opened_by_file_id', type: 'uuid' },
  ],
  { onConflict: `(person_id) WHERE status = 'open'`, returning: 'person_id' },
);

const MEMBER_RECHECK_UPDATE = updateSql('beneficiary_member', { name: 'id', type: 'uuid' }, [{ name: 'entry_recheck_on', type: 'date' }], { updated_at: 'now()' });

/**
 * A path opened by a file: the notification date is the file's, and starts the 15-day convocation
 * clock; `flux` from a daily file, `stock` from a monthly or reprise one, unless `origin` says.
 */
function pathRow(source: CafSnapshotSource, personId: string, dossierId: string, roleRsa: string, origin?: 'flux' | 'stock') {
  return {
    id: randomUUID(),
    person_id: personId,
    dossier_id: dossierId,
    origin: origin ?? (source.kind === 'daily' ? 'flux' : 'stock'),
    role_rsa: roleRsa,
    notification_date: source.fluxDate,
    convocation_deadline: addDays(source.fluxDate, CONVOCATION_DELAY_DAYS),
    opened_by_file_id: source.fileId,
  };
}

/**
 * Applies CAF household snapshots to the beneficiary tables, one batch at a time, inside the
 * caller's transaction (the intake commits a whole file or nothing). Set-based: a handful of
 * statements per batch whatever its size.
 *
 * Rules (CAF-FORMAT §13.3-13.5, issue "Foundation and CAF file intake" §3):
 * - dossier by NUMDEMRSA; unchanged payloads are only marked as seen; data from a file older than
 *   the dossier's newest is ignored;
 * - person by valid NIR (13 chars, key computed), else (NOMNAI, PRENOM, DTNAI, RGNAI); across
 *   dossiers by NIR + birth date; conflicts are anomalies and create a separate person;
 * - repeated blocks are replaced with the snapshot; a person missing from a newer version of the
 *   dossier is detached;
 * - (ETATDOSRSA, TOPPERSDRODEVORSA) history appended on change, rights events derived, and a path
 *   opened for each new entrant.
 */
export class CafSnapshotApplier {
  constructor(private readonly vault: NirVault) {}

  /**
   * The part of applying a household that needs no database: the payload's hash and, for each person,
   * the NIR check, its look-up digest and sealed value, the identity key and the hashes that tell a
   * change. Pure and synchronous, a fraction of a millisecond: the importer calls it as each household
   * is read, so this work runs while PostgreSQL writes the previous batch instead of lengthening the
   * chain of batches written one after the other.
   */
  prepare({ record, rawHash }: SnapshotItem): PreparedHousehold {
    const persons = record.persons.map((person): PersonDraft => {
      const nir = checkNir(person.nir);
      const valid = nir.valid && nir.nir13 ? nir.nir13 : null;
      const nirHash = valid ? this.vault.lookupHash(valid) : null;
      const identity = {
        qual: person.qual, nom: person.nom, nomnai: person.nomnai, prenom: person.prenom, prenom2: person.prenom2, prenom3: person.prenom3,
        nomcomnai: person.nomcomnai, dtnai: person.dtnai, typedtnai: person.typedtnai, rgnai: person.rgnai, sexe: person.sexe,
        topvaliec: person.topvaliec, nirHash,
      };
      const { index: _index, ...memberPayload } = person;
      return {
        person, nir, nirHash,
        nirSealed: valid ? byteaValue(this.vault.encrypt(valid)) : null,
        key: identityKey(person),
        identityHash: sha256Hex(JSON.stringify(identity)),
        rattachements: person.rattachements.length === 0 ? person.rattachements : person.rattachements.map((r) => this.withoutClearNir(r)),
        memberHash: sha256Hex(JSON.stringify({ ...memberPayload, etat: record.etatdosrsa })),
      };
    });
    return { record, rawHash, payloadHash: sha256Hex(JSON.stringify(record)), persons };
  }

  /**
   * A Rattachement block may carry the NIR of the parent a child is attached to: never stored in
   * clear, kept masked (the block names that parent by birth name, first name and birth date too,
   * and the parent's own NIR is sealed on their person).
   */
  private withoutClearNir(rattachement: PlainBlock): PlainBlock {
    const raw = rattachement['NIR'];
    if (typeof raw !== 'string') return rattachement;
    return { ...rattachement, NIR: maskRawNir(raw) };
  }

  async applyBatch(runner: SqlRunner, source: CafSnapshotSource, batch: PreparedHousehold[]): Promise<ApplyBatchResult> {
    // Same NUMDEMRSA twice in one batch: the last one wins (the CAF's own rule, CAF-FORMAT §11).
    const latest = new Map<string, PreparedHousehold>();
    for (const household of batch) {
      latest.delete(household.record.numdemrsa);
      latest.set(household.record.numdemrsa, household);
    }
    const items = [...latest.values()];
    const records = items.map((i) => i.record);
    const result: ApplyBatchResult = { outcomes: [], persons: { created: 0, updated: 0, unchanged: 0 }, entrants: 0, nonEntries: {}, anomalies: [], writtenPersonIds: [] };

    const existingRows = await runner.query<ExistingDossier>(
      `SELECT d.id, d.numdemrsa, d.payload_hash, d.raw_hash, d.etatdosrsa, s.last_flux_at > $2 AS newer
         FROM beneficiary_dossier d JOIN beneficiary_dossier_seen s ON s.dossier_id = d.id WHERE d.numdemrsa = ANY($1::varchar[])`,
      [records.map((r) => r.numdemrsa), source.fluxAt],
    );
    const existing = new Map(existingRows.map((row) => [row.numdemrsa, row]));

    const toWrite: Rewrite[] = [];
    const seenOnly: string[] = [];
    const older: { dossierId: string; prepared: PreparedHousehold }[] = [];
    for (const prepared of items) {
      const { record, rawHash } = prepared;
      const previous = existing.get(record.numdemrsa) ?? null;
      // The same bytes as last time keep the hash they were stored with.
      const payloadHash = previous && previous.raw_hash === rawHash ? previous.payload_hash : prepared.payloadHash;
      if (previous?.newer) {
        result.outcomes.push({ numdemrsa: record.numdemrsa, outcome: 'older', persons: record.persons.length });
        result.persons.unchanged += record.persons.length;
        seenOnly.push(previous.id);
        older.push({ dossierId: previous.id, prepared });
      } else if (previous && previous.payload_hash === payloadHash) {
        result.outcomes.push({ numdemrsa: record.numdemrsa, outcome: 'unchanged', persons: record.persons.length });
        result.persons.unchanged += record.persons.length;
        seenOnly.push(previous.id);
      } else {
        result.outcomes.push({ numdemrsa: record.numdemrsa, outcome: previous ? 'updated' : 'created', persons: record.persons.length });
        toWrite.push({ record, persons: prepared.persons, payloadHash, rawHash, dossierId: previous?.id ?? randomUUID(), previous });
      }
    }

    if (seenOnly.length > 0) await this.markSeen(runner, source, seenOnly);
    if (older.length > 0) await this.earlierNotifications(runner, source, older, []);
    if (toWrite.length === 0) return result;

    await bulk(runner, DOSSIER_UPSERT, toWrite.map((w) => this.dossierRow(source, w.record, w.payloadHash, w.rawHash, w.dossierId)));
    await bulk(
      runner,
      SEEN_UPSERT,
      toWrite.map((w) => ({
        dossier_id: w.dossierId,
        last_flux_at: source.fluxAt.toISOString(),
        last_file_id: source.fileId,
        last_stock_file_id: isCurrentStock(source) ? source.fileId : null,
        not_seen_in_stock_since: null,
      })),
    );

    const incoming = await this.resolvePersons(runner, source.fluxDate, toWrite, result.anomalies);
    await this.writePersons(runner, source, incoming, result);
    const detached = await this.detachDeparted(runner, source, toWrite, incoming);
    result.writtenPersonIds = [...new Set([...incoming.map((i) => i.personId), ...detached])];
    await this.recordRights(runner, source, toWrite, incoming);
    await this.openPaths(runner, source, incoming, detached, result);

    for (const { record } of toWrite) {
      for (const unknown of record.unknownCodes) {
        result.anomalies.push({
          kind: 'unknown-code',
          numdemrsa: record.numdemrsa,
          personId: unknown.personIndex === null ? null : (incoming.find((i) => i.household === record && i.person.index === unknown.personIndex)?.personId ?? null),
          otherPersonId: null,
          detail: { path: unknown.path, element: unknown.element, value: unknown.value },
        });
      }
    }
    return result;
  }

  /**
   * After a monthly (stock) file: dossiers it did not carry get a "not seen in stock" date, a signal
   * to reconcile and never a closure (CAF-FORMAT §13.5). Dossiers first seen after the stock's
   * reference date could not be in it and are left alone. Returns the dossiers newly signalled.
   */
  async reconcileStock(runner: SqlRunner, source: CafSnapshotSource, dtref: string): Promise<string[]> {
    const rows = await runner.query(
      `UPDATE beneficiary_dossier_seen s SET not_seen_in_stock_since = $2
         FROM beneficiary_dossier d
        WHERE d.id = s.dossier_id AND s.last_stock_file_id IS DISTINCT FROM $1 AND s.not_seen_in_stock_since IS NULL AND d.first_flux_date <= $3
        RETURNING s.dossier_id`,
      [source.fileId, source.fluxDate, dtref],
    );
    return rows.map((r) => r.dossier_id as string);
  }

  /**
   * Households the reader recognised as byte-identical to what their dossier holds (never mapped):
   * only marked as seen. Each one is unchanged, or older when the dossier already holds data from a
   * newer file.
   */
  async touchKnown(runner: SqlRunner, source: CafSnapshotSource, known: KnownDossier[]): Promise<{ numdemrsa: string; outcome: HouseholdOutcome }[]> {
    if (known.length === 0) return [];
    await this.markSeen(runner, source, known.map((k) => k.dossierId));
    const isOlder = (k: KnownDossier) => k.lastFluxAt.getTime() > source.fluxAt.getTime();
    const older = known.filter(isOlder);
    if (older.length > 0) await this.earlierNotifications(runner, source, [], older.map((k) => k.dossierId));
    return known.map((k) => ({ numdemrsa: k.numdemrsa, outcome: isOlder(k) ? 'older' : 'unchanged' }));
  }

  /**
   * A daily file applied after a newer one (it arrived late) is ignored for what its dossiers hold,
   * but it still tells when the CAF notified the people it shows entering: an open flux path a newer
   * file opened for them takes its earlier date, and its 15 days count from it (DOMAIN.md §2: from
   * the notification). Who enters is decided on the late file's own record (`mapped`); a household
   * byte-identical to what its dossier holds (`sameAsStored`, which the reader did not map) shows the
   * situation that opened its paths, so they all do. Returns nothing: the paths change in place.
   */
  private async earlierNotifications(
    runner: SqlRunner,
    source: CafSnapshotSource,
    mapped: { dossierId: string; prepared: PreparedHousehold }[],
    sameAsStored: string[],
  ): Promise<void> {
    if (source.kind !== 'daily') return;
    const people = mapped.flatMap(({ dossierId, prepared }) =>
      prepared.persons
        .filter((p) => decideEntry(prepared.record, p.person, source.fluxDate).enters)
        .map((p) => ({ dossier_id: dossierId, nir_hash: p.nirHash, identity_key: p.key })),
    );
    if (people.length === 0 && sameAsStored.length === 0) return;
    await runner.query(
      `UPDATE beneficiary_path p SET notification_date = $3, convocation_deadline = $4
        WHERE p.status = 'open' AND p.origin = 'flux' AND p.notification_date > $3
          AND (p.dossier_id = ANY($2::uuid[])
               OR EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS x(dossier_id uuid, nir_hash text, identity_key text)
                            JOIN beneficiary_person pe ON pe.id = p.person_id
                           WHERE x.dossier_id = p.dossier_id AND (pe.nir_hash = x.nir_hash OR (x.nir_hash IS NULL AND pe.identity_key = x.identity_key))))`,
      [JSON.stringify(people), sameAsStored, source.fluxDate, addDays(source.fluxDate, CONVOCATION_DELAY_DAYS)],
    );
  }

  /**
   * Which of these blocks are byte-identical to the block their dossier last applied (by SHA-256):
   * the reader may skip them, and the answer carries what touchKnown needs. The caller guarantees
   * each NUMDEMRSA is asked once per file (a dossier sent twice must go through the normal path).
   */
  async findKnownBlocks(runner: SqlRunner, blocks: { numdemrsa: string; sha256: string }[]): Promise<Map<string, KnownDossier>> {
    if (blocks.length === 0) return new Map();
    const rows = await runner.query<{ raw_hash: string; id: string; numdemrsa: string; last_flux_at: Date }>(
      `SELECT d.raw_hash, d.id, d.numdemrsa, s.last_flux_at
         FROM beneficiary_dossier d JOIN jsonb_to_recordset($1::jsonb) AS x(numdemrsa varchar, sha256 varchar)
           ON d.numdemrsa = x.numdemrsa AND d.raw_hash = x.sha256
         JOIN beneficiary_dossier_seen s ON s.dossier_id = d.id`,
      [JSON.stringify(blocks)],
    );
    return new Map(rows.map((r) => [r.raw_hash, { dossierId: r.id, numdemrsa: r.numdemrsa, lastFluxAt: r.last_flux_at }]));
  }

  /**
   * A current stock's households that were rejected: the stock did carry their dossiers, so they are
   * not "not seen in stock". Their data was not applied, so nothing else of the dossier changes.
   */
  async markCarriedByStock(runner: SqlRunner, source: CafSnapshotSource, numdemrsas: string[]): Promise<void> {
    if (!isCurrentStock(source) || numdemrsas.length === 0) return;
    await runner.query(
      `UPDATE beneficiary_dossier_seen s SET last_stock_file_id = $2, not_seen_in_stock_since = NULL
         FROM beneficiary_dossier d WHERE d.id = s.dossier_id AND d.numdemrsa = ANY($1::varchar[])`,
      [numdemrsas, source.fileId],
    );
  }

  private async markSeen(runner: SqlRunner, source: CafSnapshotSource, dossierIds: string[]): Promise<void> {
    const stock = isCurrentStock(source);
    await runner.query(
      `UPDATE beneficiary_dossier_seen
          SET last_flux_at = GREATEST(last_flux_at, $2), last_file_id = CASE WHEN last_flux_at <= $2 THEN $3 ELSE last_file_id END
              ${stock ? ', last_stock_file_id = $3, not_seen_in_stock_since = NULL' : ''}
        WHERE dossier_id = ANY($1::uuid[])`,
      [dossierIds, source.fluxAt, source.fileId],
    );
  }

  private dossierRow(source: CafSnapshotSource, r: HouseholdRecord, payloadHash: string, rawHash: string, id: string): object {
    const current = r.addresses.find((a) => Number(a.rgadr) === 1) ?? r.addresses[0];
    return {
      id,
      numdemrsa: r.numdemrsa,
      matricule: r.matricule,
      fonorg: r.fonorg,
      numorg: r.numorg,
      typeparte: r.typeparte,
      ideparte: r.ideparte,
      dtdemrsa: r.dtdemrsa,
      etatdosrsa: r.etatdosrsa,
      rights_detail: {
        refus: r.refus,
        suspensionsDroit: r.suspensionsDroit,
        suspensionsVersement: r.suspensionsVersement,
        finDroit: r.finDroit,
        finDroitMoisAnterieur: r.finDroitMoisAnterieur,
      },
      sitfam: r.sitfam,
      ddsitfam: r.ddsitfam,
      topsansdomfixe: r.topsansdomfixe,
      topfoydrodevorsa: r.topfoydrodevorsa,
      oridemrsa: r.oridemrsa,
      commune_insee: current?.numcom ?? null,
      addresses: r.addresses,
      blocks: {
        regagrifam: r.regagrifam,
        nbenfautcha: r.nbenfautcha,
        dtoridemrsa: r.dtoridemrsa,
        demandeRmi: r.demandeRmi,
        organismeCedant: r.organismeCedant,
        organismePrenant: r.organismePrenant,
        specificiteDom: r.specificiteDom,
        montantsCalculDroit: r.montantsCalculDroit,
        detailsCalculDroit: r.detailsCalculDroit,
        avisPcgDroit: r.avisPcgDroit,
        controle: r.controle,
        anomalies: r.anomalies,
      },
      evenements: r.evenements,
      unknown_codes: r.unknownCodes,
      payload_hash: payloadHash,
      raw_hash: rawHash,
      first_file_id: source.fileId,
      first_flux_date: source.fluxDate,
    };
  }

  private async resolvePersons(runner: SqlRunner, fluxDate: string, toWrite: Rewrite[], anomalies: AnomalyDraft[]): Promise<Incoming[]> {
    const drafts = toWrite.flatMap(({ record, dossierId, persons }) => persons.map((draft) => ({ ...draft, household: record, dossierId })));

    const existingDossierIds = toWrite.filter((w) => w.previous).map((w) => w.dossierId);
    const members = existingDossierIds.length
      ? await runner.query<ExistingMember>(
          `SELECT m.id, m.dossier_id, m.person_id, m.payload_hash, m.hist_etatdosrsa, m.hist_toppersdrodevorsa, m.toppersdrodevorsa,
                  m.detached_at, p.nir_hash, p.nir_encrypted, p.identity_key
             FROM beneficiary_member m JOIN beneficiary_person p ON p.id = m.person_id
            WHERE m.dossier_id = ANY($1::uuid[])`,
          [existingDossierIds],
        )
      : [];
    const membersByDossier = new Map<string, ExistingMember[]>();
    for (const m of members) membersByDossier.set(m.dossier_id, [...(membersByDossier.get(m.dossier_id) ?? []), m]);

    const candidates = await runner.query<Candidate>(
      `SELECT id, nir_hash, identity_key, to_char(dtnai, 'YYYY-MM-DD') AS dtnai, typedtnai, identity_hash, distinct_despite_nir
         FROM beneficiary_person WHERE nir_hash = ANY($1::varchar[]) OR identity_key = ANY($2::varchar[])`,
      [[...new Set(drafts.flatMap((d) => (d.nirHash ? [d.nirHash] : [])))], [...new Set(drafts.map((d) => d.key))]],
    );
    const byNir = new Map<string, Candidate[]>();
    const byKey = new Map<string, Candidate[]>();
    const index = (c: Candidate) => {
      if (c.nir_hash) byNir.set(c.nir_hash, [...(byNir.get(c.nir_hash) ?? []), c]);
      byKey.set(c.identity_key, [...(byKey.get(c.identity_key) ?? []), c]);
    };
    candidates.forEach(index);
    const candidateById = new Map(candidates.map((c) => [c.id, c]));

    const usedMembers = new Set<string>();
    const usedInHousehold = new Map<HouseholdRecord, Map<string, string>>();
    const result: Incoming[] = [];
    for (const d of drafts) {
      // The person's id is known only at the end of the matching: anomalies wait for it here.
      const pending: AnomalyDraft[] = [];
      const flag = (kind: AnomalyKind, otherPersonId: string | null, detail: Record<string, unknown> = {}) =>
        pending.push({ kind, numdemrsa: d.household.numdemrsa, personId: null, otherPersonId, detail: { personIndex: d.person.index, ...detail } });
      if (d.nir.reason === 'bad-key' || d.nir.reason === 'bad-shape') flag('invalid-nir', null, { reason: d.nir.reason });

      // 1. The same person already in this dossier: same NIR; or, by identity, one who had no NIR or a
      //    NIA the CAF now replaces with the definitive NIR (the NIR is then updated, no conflict); or,
      //    by identity still, one whose NIR the CAF changed, when no one else holds the new one: the
      //    same person (NOMNAI, PRENOM, DTNAI and RGNAI tell twins apart) with a corrected NIR, updated
      //    and flagged for review, never a second person convened again.
      const free = (membersByDossier.get(d.dossierId) ?? []).filter((m) => !usedMembers.has(m.id));
      let own = d.nirHash ? free.find((m) => m.nir_hash === d.nirHash) : free.find((m) => m.identity_key === d.key);
      // The same NIR under another name and another birth date: the CAF corrected both, or gave this
      // NIR to someone else (two members' NIRs swapped). Kept as the NIR says, flagged for review.
      if (own && d.nirHash && own.identity_key !== d.key && otherNameAndBirth(own.identity_key, d.key)) flag('identity-changed-in-dossier', null);
      if (!own && d.nirHash) {
        own = free.find(
          (m) =>
            m.identity_key === d.key &&
            (m.nir_hash === null || (!isTemporaryNir(d.nir.nir13) && m.nir_encrypted !== null && isTemporaryNir(this.vault.decrypt(m.nir_encrypted)))),
        );
        if (!own) {
          const holders = byNir.get(d.nirHash) ?? [];
          own = free.find((m) => m.identity_key === d.key && m.nir_hash !== null && !holders.some((c) => c.id !== m.person_id));
          if (own) flag('nir-changed-in-dossier', null);
        }
      }
      let personId: string | null = own?.person_id ?? null;
      let matched: Candidate | null = null;
      if (own) usedMembers.add(own.id);

      // 2. The same person elsewhere: NIR + birth date, else identity key.
      if (!personId) {
        const byThisNir = d.nirHash ? (byNir.get(d.nirHash) ?? []) : [];
        if (byThisNir.length > 0) {
          matched = byThisNir.find((c) => sameBirthDate(c, d.person)) ?? null;
          if (!matched) {
            flag('nir-birthdate-conflict', byThisNir[0].id);
          }
        } else {
          const sameKey = byKey.get(d.key) ?? [];
          const withoutNir = sameKey.filter((c) => c.nir_hash === null);
          const otherNir = sameKey.filter((c) => c.nir_hash !== null && c.nir_hash !== d.nirHash);
          if (d.nirHash && withoutNir.length === 0 && otherNir.length > 0) {
            flag('identity-nir-conflict', otherNir[0].id);
          } else {
            const pool = d.nirHash ? withoutNir : sameKey;
            if (pool.length === 1) matched = pool[0];
            else if (pool.length > 1) {
              flag('ambiguous-identity', pool[0].id, { candidates: pool.length });
            }
          }
        }
        personId = matched?.id ?? null;
      }

      const used = usedInHousehold.get(d.household) ?? new Map<string, string>();
      usedInHousehold.set(d.household, used);
      // Who each line of the household is, by NIR (else identity): a line written again is a repeat,
      // whether it matched the same person (first time) or the separate person an earlier file kept
      // for the repeat (every file after).
      const signature = d.nirHash ? `nir:${d.nirHash}` : `key:${d.key}`;
      let duplicateOf: string | null = null;
      if (personId && [...used.values()].includes(personId)) {
        duplicateOf = personId;
        personId = null;
        matched = null;
      } else if (used.has(signature) && used.get(signature) !== personId) {
        duplicateOf = used.get(signature) as string;
      }
      if (duplicateOf) flag('duplicate-person-in-household', duplicateOf);

      const newPerson = personId === null;
      const id = personId ?? randomUUID();
      if (!used.has(signature)) used.set(signature, id);
      else used.set(`person:${id}`, id);
      for (const anomaly of pending) anomalies.push({ ...anomaly, personId: id });
      if (newPerson) index({ id, nir_hash: d.nirHash, identity_key: d.key, dtnai: d.person.dtnai, typedtnai: d.person.typedtnai, identity_hash: d.identityHash, distinct_despite_nir: false });

      const knownIdentityHash = matched?.identity_hash ?? candidateById.get(id)?.identity_hash ?? null;
      result.push({
        ...d,
        personId: id,
        member: own ?? null,
        newPerson,
        identityChanged: !newPerson && knownIdentityHash !== d.identityHash,
        entry: decideEntry(d.household, d.person, fluxDate),
        duplicateOf,
        distinctDespiteNir: candidateById.get(id)?.distinct_despite_nir ?? false,
        // Reviewed as distinct (both ways): neither kept out by the other nor keeping them out.
        nirShared: d.nirHash !== null && !candidateById.get(id)?.distinct_despite_nir && (byNir.get(d.nirHash) ?? []).some((c) => c.id !== id && !c.distinct_despite_nir),
      });
    }
    return result;
  }

  private async writePersons(runner: SqlRunner, source: CafSnapshotSource, incoming: Incoming[], result: ApplyBatchResult): Promise<void> {
    const personRow = (i: Incoming) => ({
      id: i.personId,
      nir_encrypted: i.nirSealed,
      nir_hash: i.nirHash,
      nir_status: i.nir.valid ? 'valid' : i.nir.reason === 'empty' ? 'absent' : 'invalid',
      identity_key: i.key,
      identity_hash: i.identityHash,
      qual: i.person.qual,
      nom: i.person.nom,
      nomnai: i.person.nomnai,
      prenom: i.person.prenom,
      prenom2: i.person.prenom2,
      prenom3: i.person.prenom3,
      nomcomnai: i.person.nomcomnai,
      dtnai: i.person.dtnai,
      typedtnai: i.person.typedtnai,
      rgnai: i.person.rgnai,
      sexe: i.person.sexe,
      topvaliec: i.person.topvaliec,
      identity_flux_at: source.fluxAt.toISOString(),
    });
    const created = new Map<string, Incoming>();
    const changed = new Map<string, Incoming>();
    for (const i of incoming) {
      if (i.newPerson) created.set(i.personId, i);
      else if (i.identityChanged) changed.set(i.personId, i);
    }
    await bulk(runner, PERSON_INSERT, [...created.values()].map(personRow));
    await bulk(runner, PERSON_UPDATE, [...changed.values()].map(personRow));

    const members = incoming.map((i) => ({
      id: i.member?.id ?? randomUUID(),
      dossier_id: i.dossierId,
      person_id: i.personId,
      role_rsa: i.person.roleRsa,
      role_pfa: i.person.rolePfa,
      topchapers_rsa: i.person.topchapersRsa,
      toprespdos: i.person.toprespdos,
      ddratdos: i.person.ddratdos,
      dfratdos: i.person.dfratdos,
      numdemrsaprece: i.person.numdemrsaprece,
      idassedic: i.person.idassedic,
      toppersdrodevorsa: i.person.toppersdrodevorsa,
      toppersentdrodevorsa: i.person.toppersentdrodevorsa,
      mtpersressmenrsa: i.person.mtpersressmenrsa,
      blocks: {
        topchapersPfa: i.person.topchapersPfa,
        mtpersabaneursa: i.person.mtpersabaneursa,
        activites: i.person.activites,
        rattachements: i.rattachements,
        ressources: i.person.ressources,
        pensionAlimentaire: i.person.pensionAlimentaire,
        grossesse: i.person.grossesse,
        informationsAgricoles: i.person.informationsAgricoles,
        avisPcgPersonne: i.person.avisPcgPersonne,
        avisCgssDomPersonne: i.person.avisCgssDomPersonne,
      },
      payload_hash: i.memberHash,
      hist_etatdosrsa: i.household.etatdosrsa,
      hist_toppersdrodevorsa: i.person.toppersdrodevorsa,
      detached_at: null,
      detached_by_file_id: null,
      entry_recheck_on: i.entry.enters ? null : i.entry.recheckOn,
    }));
    await bulk(runner, MEMBER_UPSERT, members);

    for (const i of incoming) {
      if (i.newPerson) result.persons.created++;
      else if (i.identityChanged || !i.member || i.member.payload_hash !== i.memberHash || i.member.detached_at !== null) result.persons.updated++;
      else result.persons.unchanged++;
    }
  }

  private async detachDeparted(
    runner: SqlRunner,
    source: CafSnapshotSource,
    toWrite: { dossierId: string; previous: ExistingDossier | null }[],
    incoming: Incoming[],
  ): Promise<string[]> {
    const kept = new Set(incoming.map((i) => `${i.dossierId}:${i.personId}`));
    const rewritten = toWrite.filter((w) => w.previous).map((w) => w.dossierId);
    if (rewritten.length === 0) return [];
    const rows = await runner.query<{ person_id: string }>(
      `UPDATE beneficiary_member SET detached_at = now(), detached_by_file_id = $2, updated_at = now()
        WHERE dossier_id = ANY($1::uuid[]) AND detached_at IS NULL AND NOT ((dossier_id::text || ':' || person_id::text) = ANY($3::text[]))
        RETURNING person_id`,
      [rewritten, source.fileId, [...kept]],
    );
    return rows.map((r) => r.person_id);
  }

  private async recordRights(
    runner: SqlRunner,
    source: CafSnapshotSource,
    toWrite: { record: HouseholdRecord; dossierId: string; previous: ExistingDossier | null }[],
    incoming: Incoming[],
  ): Promise<void> {
    const history = incoming
      .filter((i) => !i.member || i.member.hist_etatdosrsa !== i.household.etatdosrsa || i.member.hist_toppersdrodevorsa !== i.person.toppersdrodevorsa)
      .map((i) => ({
        person_id: i.personId,
        dossier_id: i.dossierId,
        etatdosrsa: i.household.etatdosrsa,
        toppersdrodevorsa: i.person.toppersdrodevorsa,
        file_id: source.fileId,
        flux_date: source.fluxDate,
      }));
    await bulk(runner, HISTORY_INSERT, history);

    const base = { file_id: source.fileId, flux_date: source.fluxDate };
    type EventRow = { kind: string; dossier_id: string; person_id: string | null; etat_before: string | null; etat_after: string; file_id: string; flux_date: string };
    // Events tell what changed, dated by the file that says it. A stock (monthly, reprise) seeing a
    // dossier or a member for the first time says what already was, not when it began: a
    // "right opened" on the day of the first stock import would be wrong for the whole caseload
    // (and for any delay measured from it). A daily file's first sight is a new right or a new member.
    const firstSightTells = source.kind === 'daily';
    const events: EventRow[] = toWrite.flatMap(({ record, dossierId, previous }) =>
      previous === null && !firstSightTells
        ? []
        : dossierTransitions(previous?.etatdosrsa ?? null, record.etatdosrsa).map((kind) => ({
            kind, dossier_id: dossierId, person_id: null, etat_before: previous?.etatdosrsa ?? null, etat_after: record.etatdosrsa, ...base,
          })),
    );
    // Subject to rights and duties means with an open right too: one flagged while the right was not
    // open (being examined, say) enters them when it opens.
    const etatBefore = new Map(toWrite.map(({ dossierId, previous }) => [dossierId, previous?.etatdosrsa ?? null]));
    for (const i of incoming) {
      if (!i.member && !firstSightTells) continue;
      const before = etatBefore.get(i.dossierId) ?? null;
      const subjectBefore = before !== null && OPEN.has(before) ? i.member?.toppersdrodevorsa : false;
      if (OPEN.has(i.household.etatdosrsa) && enteredRightsAndDuties(subjectBefore, i.person.toppersdrodevorsa)) {
        events.push({ kind: 'entered-rights-and-duties', dossier_id: i.dossierId, person_id: i.personId, etat_before: null, etat_after: i.household.etatdosrsa, ...base });
      }
    }
    await bulk(runner, EVENT_INSERT, events);
  }

  private async openPaths(runner: SqlRunner, source: CafSnapshotSource, incoming: Incoming[], detached: string[], result: ApplyBatchResult): Promise<void> {
    const rows = new Map<string, PathRow>();
    const repeats: (Incoming & { duplicateOf: string })[] = [];
    const entering: Incoming[] = [];
    for (const i of incoming) {
      if (i.person.roleRsa !== 'DEM' && i.person.roleRsa !== 'CJT') continue;
      const decision = i.entry;
      if (!decision.enters) {
        result.nonEntries[decision.reason] = (result.nonEntries[decision.reason] ?? 0) + 1;
        continue;
      }
      if (i.duplicateOf !== null) {
        repeats.push(i as Incoming & { duplicateOf: string });
        continue;
      }
      if (rows.has(i.personId)) continue;
      entering.push(i);
      rows.set(i.personId, pathRow(source, i.personId, i.dossierId, i.person.roleRsa as string));
    }
    for (const personId of await this.keptOutByNirHolders(runner, source, entering, result.nonEntries)) rows.delete(personId);
    // A person written twice in a household is one human: the repeat enters only when the first
    // occurrence has no path (it is a child's line, say, while the repeat is the demandeur's).
    // A path the human already has counts when it is live: on this dossier, or on one not stale
    // (its right open, and the person still in it). One left on a dossier whose right is no longer
    // open, or that they left, is the old demand's: the repeat's line enters for the new one, and that
    // path is closed like any other (closeForNewDemand).
    const stale: { person_id: string; dossier_id: string }[] = [];
    if (repeats.length > 0) {
      const open = await runner.query<{ person_id: string; dossier_id: string; live: boolean }>(
        `SELECT p.person_id, p.dossier_id, NOT ${stalePathSql('$2')} AS live
           FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
          WHERE p.status = 'open' AND p.person_id = ANY($1::uuid[])`,
        [[...new Set(repeats.flatMap((r) => [r.duplicateOf, r.personId]))], source.fluxDate],
      );
      const convened = new Set(rows.keys());
      for (const i of repeats) {
        const paths = open.filter((p) => p.person_id === i.duplicateOf || p.person_id === i.personId);
        const live = paths.some((p) => p.live || p.dossier_id === i.dossierId);
        if (convened.has(i.duplicateOf) || live) {
          result.nonEntries['duplicate-in-household'] = (result.nonEntries['duplicate-in-household'] ?? 0) + 1;
          continue;
        }
        convened.add(i.duplicateOf);
        stale.push(...paths.filter((p) => p.person_id === i.duplicateOf).map((p) => ({ person_id: p.person_id, dossier_id: i.dossierId })));
        rows.set(i.personId, pathRow(source, i.personId, i.dossierId, i.person.roleRsa as string));
      }
    }
    result.entrants += await this.enter(runner, source, [...rows.values()], stale, result.nonEntries);
    result.entrants += await this.moveToOtherDemand(runner, source, incoming, detached, result.nonEntries);
  }

  /**
   * A NIR is one person's. Of these entrants (in order), those kept apart under a NIR another person
   * already holds (another birth date: `nir-birthdate-conflict`, to review) who do not enter, that
   * person having a live path (open and not stale: on a dossier whose right is open and that they
   * are still in), or entering before them here: the human is convened once. Counted as
   * `same-nir-to-review`. Almost never the case: the look-up runs only for NIRs the matching saw held
   * by someone else (`nirShared`).
   */
  private async keptOutByNirHolders(
    runner: SqlRunner,
    source: CafSnapshotSource,
    entrants: { personId: string; nirHash: string | null; nirShared: boolean; distinctDespiteNir: boolean }[],
    nonEntries: ApplyBatchResult['nonEntries'] | undefined,
  ): Promise<Set<string>> {
    const kept = new Set<string>();
    const shared = entrants.filter((i) => i.nirShared);
    if (shared.length === 0) return kept;
    // From the persons holding these NIRs to their path, one look-up each (LATERAL … LIMIT 1): within
    // a stock's one transaction the statistics are stale, and a join would scan every open path per batch.
    const holders = await runner.query<{ person_id: string; nir_hash: string }>(
      `SELECT pe.id AS person_id, pe.nir_hash FROM beneficiary_person pe
         CROSS JOIN LATERAL (SELECT 1 FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
                              WHERE p.person_id = pe.id AND p.status = 'open' AND NOT ${stalePathSql('$2')} LIMIT 1) live
        WHERE pe.nir_hash = ANY($1::varchar[]) AND NOT pe.distinct_despite_nir`,
      [[...new Set(shared.map((i) => i.nirHash as string))], source.fluxDate],
    );
    const heldBy = new Map<string, Set<string>>();
    for (const h of holders) heldBy.set(h.nir_hash, (heldBy.get(h.nir_hash) ?? new Set()).add(h.person_id));
    // In order: the first holder of a NIR who enters keeps it.
    for (const i of entrants) {
      if (i.nirHash === null) continue;
      const others = [...(heldBy.get(i.nirHash) ?? [])].filter((id) => id !== i.personId);
      if (i.nirShared && others.length > 0) {
        kept.add(i.personId);
        if (nonEntries) nonEntries['same-nir-to-review'] = (nonEntries['same-nir-to-review'] ?? 0) + 1;
      } else if (!i.distinctDespiteNir) {
        heldBy.set(i.nirHash, (heldBy.get(i.nirHash) ?? new Set()).add(i.personId));
      }
    }
    return kept;
  }

  /**
   * Someone with two dossiers at once (a new demand sent while the old one was still open, or a
   * dossier of their own while still in the old household): the new dossier's line could not enter,
   * their path being live on the old one. When this file ends the old dossier's right, or takes them
   * out of it, the path moves to the other demand: a membership that now lets them in,
   * decided on what is stored of it (the CAF may never send that dossier again), enters with this
   * file's date, and the old path is closed (closeForNewDemand). The other demand may be held by
   * another record of the same human (same-human.ts): their memberships are looked at too, the
   * person's own first, then the latest demand (DTDEMRSA: where the human lives now). Looked up
   * from the persons of dossiers whose right this batch leaves not open and those it detaches,
   * through the open-path index.
   */
  private async moveToOtherDemand(
    runner: SqlRunner,
    source: CafSnapshotSource,
    incoming: Incoming[],
    detached: string[],
    nonEntries: ApplyBatchResult['nonEntries'],
  ): Promise<number> {
    const ended = incoming.filter((i) => !OPEN.has(i.household.etatdosrsa) && (i.person.roleRsa === 'DEM' || i.person.roleRsa === 'CJT'));
    const left = incoming.filter((i) => !i.entry.enters && i.entry.reason === 'left-household');
    if (ended.length === 0 && left.length === 0 && detached.length === 0) return 0;
    const stranded = await runner.query<{ person_id: string; dossier_id: string }>(
      `SELECT p.person_id, p.dossier_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
        WHERE p.status = 'open' AND p.person_id = ANY($1::uuid[]) AND ${stalePathSql('$2')}`,
      [[...new Set([...ended.map((i) => i.personId), ...left.map((i) => i.personId), ...detached])], source.fluxDate],
    );
    if (stranded.length === 0) return 0;
    const pathDossier = new Map(stranded.map((s) => [s.person_id, s.dossier_id]));
    // Whose path each record would take over: its own, else its human's stranded record's.
    const heirOf = new Map(stranded.map((s) => [s.person_id, s.person_id]));
    for (const [personId, link] of await linkedRecords(runner, [...pathDossier.keys()], source.fluxDate)) {
      for (const other of link.others) if (!heirOf.has(other)) heirOf.set(other, personId);
    }
    const entries = await currentEntries(runner, [...heirOf.keys()], source.fluxDate);
    const own = (e: { personId: string }) => (heirOf.get(e.personId) === e.personId ? 0 : 1);
    // The person's own memberships first, then the latest demand (where the human lives now), then a fixed order.
    const order = (a: StoredEntry, b: StoredEntry) =>
      own(a) - own(b) || (b.dtdemrsa ?? '').localeCompare(a.dtdemrsa ?? '') || a.dossierId.localeCompare(b.dossierId) || a.personId.localeCompare(b.personId);
    const rows = new Map<string, PathRow>();
    for (const e of entries.sort(order)) {
      const from = heirOf.get(e.personId) as string;
      if (!e.decision.enters || e.dossierId === pathDossier.get(from) || rows.has(from)) continue;
      if (e.roleRsa !== 'DEM' && e.roleRsa !== 'CJT') continue;
      rows.set(from, pathRow(source, e.personId, e.dossierId, e.roleRsa));
    }
    return this.enter(runner, source, [...rows.values()], [], nonEntries);
  }

  /**
   * Opens these paths, after closing the stale ones they replace (closeForNewDemand, and `stale`:
   * paths of repeats' first lines, closed for the repeat's dossier). One human under several
   * records (same-human.ts) gets one path: a record does not enter while another of them has a live
   * path, only the first of them in `paths` does, and the stale paths of the others are closed for
   * it. Returns how many opened: the partial unique index leaves out anyone who still has an open path.
   */
  private async enter(
    runner: SqlRunner,
    source: CafSnapshotSource,
    paths: PathRow[],
    stale: { person_id: string; dossier_id: string }[] = [],
    nonEntries?: ApplyBatchResult['nonEntries'],
  ): Promise<number> {
    if (paths.length === 0) return 0;
    const links = await linkedRecords(runner, paths.map((p) => p.person_id), source.fluxDate);
    if (links.size > 0) {
      const humans = new Set<string>();
      const entering: PathRow[] = [];
      for (const row of paths) {
        const link = links.get(row.person_id);
        if (link && (link.heldElsewhere || humans.has(link.humanId))) {
          if (nonEntries) nonEntries['same-human-elsewhere'] = (nonEntries['same-human-elsewhere'] ?? 0) + 1;
          continue;
        }
        if (link) {
          humans.add(link.humanId);
          stale = [...stale, ...link.others.map((other) => ({ person_id: other, dossier_id: row.dossier_id }))];
        }
        entering.push(row);
      }
      paths = entering;
      if (paths.length === 0) return 0;
    }
    await this.closeForNewDemand(runner, source, [...paths, ...stale]);
    return (await bulk(runner, PATH_INSERT, paths)).length;
  }

  /**
   * Someone who comes back to the RSA with a new demand (a new dossier, CAF-FORMAT §13.3) while
   * their open path belongs to a dossier whose right is no longer open: that path is closed
   * (`new-demand`), so the new demand opens one and starts its own 15-day clock. So is a path on a
   * dossier the person left (`left-household`: a conjoint who separated and now has a dossier of
   * their own, perhaps in another territory). A path on a dossier still open that they are still
   * in (two dossiers at once, a right suspended) stays as it is.
   */
  private async closeForNewDemand(runner: SqlRunner, source: CafSnapshotSource, entrants: { person_id: string; dossier_id: string }[]): Promise<void> {
    if (entrants.length === 0) return;
    await runner.query(
      `UPDATE beneficiary_path p SET status = 'closed', closed_at = now(),
              close_reason = CASE WHEN d.etatdosrsa NOT IN ${OPEN_RIGHT_SQL} THEN 'new-demand' ELSE 'left-household' END
         FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, dossier_id uuid), beneficiary_dossier d
        WHERE p.person_id = x.person_id AND p.status = 'open' AND p.dossier_id <> x.dossier_id
          AND d.id = p.dossier_id AND ${stalePathSql('$2')}`,
      [JSON.stringify(entrants.map((e) => ({ person_id: e.person_id, dossier_id: e.dossier_id }))), source.fluxDate],
    );
  }

  /**
   * People kept out for a reason bounded in time (an exclusion or an activity with an end date) are
   * decided again once it ends, on their stored situation: the CAF sends nothing new when only time
   * passed (a re-sent household is unchanged, a daily file may not carry it at all). Those who now
   * enter get a path dated by this file, unless another record holding their NIR has a live path
   * (`same-nir-to-review`, as when a file carries them: the operator's review of the anomaly says
   * whether they are one human). Runs once per file, after its households; returns the entrants.
   */
  async recheckEntries(runner: SqlRunner, source: CafSnapshotSource, nonEntries?: ApplyBatchResult['nonEntries']): Promise<number> {
    const due = await entriesDueForRecheck(runner, source.fluxDate);
    if (due.length === 0) return 0;
    const entering = due.filter((e) => e.decision.enters);
    await bulk(runner, MEMBER_RECHECK_UPDATE, due.map((e) => ({ id: e.memberId, entry_recheck_on: e.decision.enters ? null : e.decision.recheckOn })));
    // The stored persons, as the matching sees them when a file carries them: a NIR held by another record is shared.
    const persons = new Map(
      (
        await runner.query<{ id: string; nir_hash: string | null; distinct_despite_nir: boolean }>(
          `SELECT id, nir_hash, distinct_despite_nir FROM beneficiary_person WHERE id = ANY($1::uuid[])`,
          [[...new Set(entering.map((e) => e.personId))]],
        )
      ).map((p) => [p.id, { personId: p.id, nirHash: p.nir_hash, nirShared: p.nir_hash !== null && !p.distinct_despite_nir, distinctDespiteNir: p.distinct_despite_nir }]),
    );
    const nirEntrants = entering.flatMap((e) => persons.get(e.personId) ?? []);
    const held = await this.keptOutByNirHolders(runner, source, nirEntrants, nonEntries);
    // A new entrant whatever the file (`flux`): they enter because time passed or a review said so,
    // not because a stock describes them, and the planner convenes them within 15 days (a stock path
    // would wait for a reprise campaign).
    const paths = entering.filter((e) => !held.has(e.personId)).map((e) => pathRow(source, e.personId, e.dossierId, e.roleRsa as string, 'flux'));
    // Someone back with a new demand, kept out for a time, enters now: their old demand's path goes.
    return this.enter(runner, source, paths, [], nonEntries);
  }
}
