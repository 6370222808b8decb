import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { promisify } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { gzip } from 'node:zlib';
import type { Pool, PoolClient } from 'pg';
import { isCurrentStock, nirDigestsBehind, type CafSnapshotApplier, type CafSnapshotSource, type KnownDossier, type NirVault, type PreparedHousehold } from '@rsa/beneficiary';
import { ADVISORY_LOCKS, AppConfig, bulk, byteaValue, insertSql, sqlRunnerOf, type SqlRunner } from '@rsa/platform';
import { addDays, Clock, maskTypedNirs, parisDateOf, parisTimeOf, parisWallClockToDate } from '@rsa/kernel';
import type { FileFaultCode, FluxHeader } from '../domain/household-record';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';
import { FileFaultError, readVrsb, repeatedNumdemrsas, type BlockCandidate } from '../infrastructure/vrsb';
import { anomaliesNotRecorded } from './anomaly-repeats';
import { duplicateReport, emptyReport, REPORT_REJECT_LIMIT, type ImportReport, type RejectSummary } from './import-report';

const gzipAsync = promisify(gzip);

const ANOMALY_INSERT = insertSql('intake_anomaly', [
  { name: 'file_id', type: 'uuid' },
  { name: 'kind', type: 'varchar' },
  { name: 'numdemrsa', type: 'varchar' },
  { name: 'person_id', type: 'uuid' },
  { name: 'other_person_id', type: 'uuid' },
  { name: 'detail', type: 'jsonb' },
]);

const REJECT_INSERT = insertSql('intake_reject', [
  { name: 'file_id', type: 'uuid' },
  { name: 'ordinal', type: 'integer' },
  { name: 'numdemrsa', type: 'varchar' },
  { name: 'matricule', type: 'varchar' },
  { name: 'path', type: 'varchar' },
  { name: 'message', type: 'text' },
  { name: 'raw_xml', type: 'bytea' },
]);

/** Households applied per batch: large enough to amortise round trips, small enough to stay flat in memory. */
export const BATCH_SIZE = 500;
/**
 * Batch objects live across awaits, so V8 promotes them and lets old garbage grow to several times the
 * live set (~60 MB) before a full collection. When the process runs with `--expose-gc` (the CLI, the
 * worker and the benchmark do), a full collection once the heap has grown by this much since the last
 * one keeps the peak near the live set, for a few milliseconds each: cheaper than a heap cap, which
 * makes V8 collect far more often. A batch of new households grows the heap by about 15 MB; a batch
 * of households already known byte for byte (a re-sent stock), by almost nothing, and then no
 * collection is forced.
 */
const GC_AFTER_GROWTH_BYTES = 48 * 1024 * 1024;
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * One import at a time: files must apply in header order and a household must never be written by
 * two imports at once (nor by the retention job). A transaction-scoped advisory lock does it
 * without a lock table.
 */
const INTAKE_LOCK_KEY = ADVISORY_LOCKS.beneficiaryWrites;

export type IntakeChannel = 'cli' | 'api' | 'drop';

export interface ImportRequest {
  path: string;
  originalName?: string;
  channel: IntakeChannel;
  /** Where the bytes are kept for replay, when not at `path`. */
  storagePath?: string;
  onProgress?: (progress: { bytesRead: number; totalBytes: number; households: number }) => void;
  /** Runs inside the file's transaction just before it commits (the audit entries of the import). */
  beforeCommit?: (runner: SqlRunner, report: ImportReport, written: WrittenPersons) => Promise<void>;
}

/**
 * The persons whose file the import changed (members of rewritten dossiers, those detached, paths
 * opened, dossiers signalled not seen in stock), read in chunks of ids, in the file's transaction.
 */
export interface WrittenPersons {
  chunks(size: number): AsyncIterable<string[]>;
}

/** Where an import gathers the persons it wrote: a temporary table of its transaction, so a large stock costs no memory. */
const WRITTEN = 'intake_written_person';

function writtenPersonsOf(runner: SqlRunner): WrittenPersons {
  return {
    async *chunks(size: number) {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await runner.query<{ id: string }>(`SELECT person_id AS id FROM ${WRITTEN} WHERE person_id > $1 ORDER BY person_id LIMIT ${size}`, [after]);
        if (rows.length === 0) return;
        yield rows.map((r) => r.id);
        after = rows[rows.length - 1].id;
      }
    },
  };
}

/** The registry's answer for some bytes: a new row, a row still to process, or a duplicate of a finished file. */
export interface Registration {
  fileId: string;
  duplicateOf: string | null;
  /** When the first file with these bytes was rejected: its fault. */
  rejectedWith: ImportReport['fileError'];
  kind: ImportReport['kind'];
  size: number;
  created: boolean;
  storagePath: string;
}

type RawEntry = { numdemrsa: string; ordinal: number; xml: string; sha256: string };
type Batch = {
  /** Households to write, prepared as they were read (CafSnapshotApplier.prepare). */
  items: PreparedHousehold[];
  raws: RawEntry[];
  rejects: (RejectSummary & { rawXml: string })[];
  /** Households the reader recognised as byte-identical to what their dossier holds. */
  known: (KnownDossier & { persons: number })[];
};
const emptyBatch = (): Batch => ({ items: [], raws: [], rejects: [], known: [] });
/** One household as read, before it is placed in a batch. */
type Entry =
  | { type: 'item'; prepared: PreparedHousehold; raw: RawEntry }
  | { type: 'reject'; reject: RejectSummary & { rawXml: string }; persons: number }
  | { type: 'known'; known: KnownDossier & { persons: number } };
const batchSize = (b: Batch): number => b.items.length + b.rejects.length + b.known.length;

/** Whether a stored copy is still where the registry says (an upload's, a dropped file's). */
export function fileExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function sha256OfFile(path: string): Promise<string> {
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) digest.update(chunk as Buffer);
  return digest.digest('hex');
}

/**
 * Faults that are not a file's last word: a file refused as dated in the future is examined again
 * once its date has come. Every other rejection is for what the bytes are.
 */
const PASSING_FAULTS: readonly FileFaultCode[] = ['FUTURE_DATED'];

/** Whether a registry row is a file's last word: imported, or rejected for what its bytes are. */
function isFinal(row: { status: string; error_code: string | null }): boolean {
  return row.status === 'imported' || (row.status === 'rejected' && !PASSING_FAULTS.includes(row.error_code as FileFaultCode));
}
/** isFinal, in SQL. */
const FINAL_SQL = `(status = 'imported' OR (status = 'rejected' AND COALESCE(error_code, '') NOT IN (${PASSING_FAULTS.map((c) => `'${c}'`).join(', ')})))`;

/** A registry row's fault, when the file was rejected. */
function rejectionOf(row: { status: string; error_code: string | null; error_message: string | null }): ImportReport['fileError'] {
  return row.status === 'rejected' && row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null;
}

/** When the file was made: HEUCREAFLUX in the zone it gives, Paris time when it gives none. */
export function headerInstant(header: FluxHeader): Date {
  if (header.heuCreaFluxZone) return new Date(`${header.dtCreaFlux}T${header.heuCreaFlux}${header.heuCreaFluxZone}`);
  return parisWallClockToDate(header.dtCreaFlux, header.heuCreaFlux);
}

/**
 * How recent a file's data is, which a dossier compares with what it holds. A daily file tells the
 * situation when it was made; a monthly file, made early in the next month, tells it at the end of
 * the month it covers (DTREF, CAF-FORMAT §3), and so does a reprise file with its DTREF: the daily
 * files made since are newer, and it must not roll their changes back (a right closed on the 2nd
 * shown open again).
 * Files are still applied in header order; only their data's age differs.
 */
export function dataInstant(header: FluxHeader): Date {
  const created = headerInstant(header);
  if (header.kind === 'daily' || header.dtRef === null) return created;
  const endOfPeriod = parisWallClockToDate(addDays(header.dtRef, 1), '00:00:00');
  return endOfPeriod < created ? endOfPeriod : created;
}

/**
 * Imports one CAF beneficiary file (VRSB0801): registry and duplicate check, then the whole file in
 * one transaction: a file-level fault (found possibly at the very end: count, truncation) rolls back
 * everything; record-level faults reject one household and the rest goes on.
 */
export class CafFileImporter {
  constructor(
    private readonly pool: Pool,
    private readonly applier: CafSnapshotApplier,
    /** Seals the raw XML kept for replay (raw batches, rejects): it holds NIRs, names and addresses. */
    private readonly vault: NirVault,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * A header later than now (a year typed wrong: 2062) cannot be a file the CAF has made. Applied,
   * it would give its dossiers data "newer" than every genuine file after it, which would then be
   * ignored for them: refused with the whole file, beyond a margin for clocks.
   */
  private refuseFutureDated(createdAt: Date): void {
    const now = this.clock.now();
    if (createdAt.getTime() - now.getTime() <= this.config.intake.headerMaxAheadMs) return;
    throw new FileFaultError(
      'FUTURE_DATED',
      `IdentificationFlux dates the file ${parisDateOf(createdAt)} ${parisTimeOf(createdAt)} (DTCREAFLUX, HEUCREAFLUX, Paris time), ` +
        `after now (${parisDateOf(now)} ${parisTimeOf(now)}): a file cannot be made in the future; ask the CAF for the file with its real date`,
    );
  }

  async import(request: ImportRequest): Promise<ImportReport> {
    const started = Date.now();
    const registered = await this.registerFile(request);
    const size = registered.size;
    if (registered.duplicateOf) return duplicateReport(registered.duplicateOf, registered.kind, Date.now() - started, registered.rejectedWith);
    const fileId = registered.fileId;
    const client = await this.pool.connect();
    const report = emptyReport(fileId, 'imported');
    let header: FluxHeader | null = null;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [INTAKE_LOCK_KEY]);
      // Another import of the same bytes may have finished while this one waited for the lock.
      const [current] = (await client.query(`SELECT status, kind, error_code, error_message FROM intake_file WHERE id = $1`, [fileId])).rows;
      if (current && isFinal(current)) {
        await client.query('ROLLBACK');
        return duplicateReport(fileId, current.kind, Date.now() - started, rejectionOf(current));
      }
      if (await nirDigestsBehind(sqlRunnerOf(client), this.vault)) {
        throw new IntakeError(
          IntakeErrorCode.NirKeysNotRotated,
          'the NIR look-up key (NIR_HASH_KEY) is not the one the stored NIRs are indexed under: run nir:rotate to the end, then import again ' +
            '(nothing was applied; the file is kept and tried again)',
        );
      }
      // Outside the file's transaction, so the registry shows the import under way; a process that
      // dies leaves it `processing`, which the next run (or the same bytes again) takes up.
      await this.pool.query(`UPDATE intake_file SET status = 'processing', started_at = clock_timestamp() WHERE id = $1`, [fileId]);
      header = await this.run(client, request, fileId, size, report, (read) => {
        header = read;
      });
      report.durationMs = Date.now() - started;
      await client.query(
        `UPDATE intake_file SET status = 'imported', kind = $2, header = $3, flux_at = $4, report = $5, finished_at = clock_timestamp(),
                error_code = NULL, error_message = NULL WHERE id = $1`,
        [fileId, header.kind, header, headerInstant(header), report],
      );
      await request.beforeCommit?.(sqlRunnerOf(client), report, writtenPersonsOf(sqlRunnerOf(client)));
      await client.query('COMMIT');
      return report;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (!(error instanceof FileFaultError)) {
        await this.pool.query(
          `UPDATE intake_file SET status = 'failed', error_code = $4, error_message = $2, started_at = $3, finished_at = clock_timestamp() WHERE id = $1`,
          [fileId, error instanceof Error ? error.message.slice(0, 2000) : String(error), new Date(started), error instanceof IntakeError ? error.code : 'INTERNAL'],
        );
        throw error;
      }
      const rejected = emptyReport(fileId, 'rejected');
      rejected.kind = report.kind;
      rejected.fileError = { code: error.code, message: error.detail };
      rejected.durationMs = Date.now() - started;
      await this.pool.query(
        `UPDATE intake_file SET status = 'rejected', kind = $2, header = $3, flux_at = $4, error_code = $5, error_message = $6, report = $7,
                started_at = $8, finished_at = clock_timestamp() WHERE id = $1`,
        [fileId, rejected.kind, header, header ? headerInstant(header) : null, error.code, error.detail, rejected, new Date(started)],
      );
      return rejected;
    } finally {
      client.release();
    }
  }

  /**
   * A file's import failed before the importer could say why (its stored bytes gone, the worker's
   * attempts spent): the registry says so, instead of a `received` that promises an import.
   */
  async markFailed(fileId: string, error: unknown, code = error instanceof IntakeError ? error.code : 'INTERNAL'): Promise<void> {
    await this.pool.query(
      `UPDATE intake_file SET status = 'failed', error_code = $3, error_message = $2, finished_at = clock_timestamp()
        WHERE id = $1 AND status IN ('received', 'processing', 'failed')`,
      [fileId, (error instanceof Error ? error.message : String(error)).slice(0, 2000), code],
    );
  }

  /**
   * An upload whose stored copy is gone (the storage folder cleaned, a disk lost): marked `failed`
   * with `STORED_COPY_GONE` and a message that says what to do; nothing can import it but the same
   * bytes sent again. Returns the message.
   */
  async markStoredCopyGone(fileId: string): Promise<string> {
    const message = 'the stored copy of this upload is gone: send the file again';
    await this.markFailed(fileId, message, 'STORED_COPY_GONE');
    return message;
  }

  /** Where the registry keeps a file's bytes now (a re-sent copy may have replaced the first). */
  async storagePathOf(fileId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ path: string | null }>(`SELECT storage_path AS path FROM intake_file WHERE id = $1`, [fileId]);
    return rows[0]?.path ?? null;
  }

  /** A re-sent copy of a file not imported yet takes the place of a stored copy that is gone. */
  async adoptCopy(fileId: string, path: string): Promise<void> {
    await this.pool.query(`UPDATE intake_file SET storage_path = $2 WHERE id = $1 AND NOT ${FINAL_SQL}`, [fileId, path]);
  }

  /**
   * Records the file by its SHA-256. The same bytes again are a duplicate of the first file once it
   * was imported or rejected; a row left `received`, `processing` or `failed` (an upload waiting for
   * the worker, a crash), or refused as dated in the future, is processed again under the same id.
   */
  async registerFile(request: ImportRequest): Promise<Registration> {
    const { size } = await stat(request.path);
    return this.register(request, await sha256OfFile(request.path), size);
  }

  private async register(request: ImportRequest, sha256: string, size: number): Promise<Registration> {
    const [existing] = (await this.pool.query(`SELECT id, status, kind, storage_path, error_code, error_message FROM intake_file WHERE sha256 = $1`, [sha256])).rows;
    if (existing) {
      const final = isFinal(existing);
      return {
        fileId: existing.id, duplicateOf: final ? existing.id : null, rejectedWith: final ? rejectionOf(existing) : null, kind: existing.kind, size, created: false, storagePath: existing.storage_path,
      };
    }
    const id = randomUUID();
    const inserted = await this.pool.query(
      `INSERT INTO intake_file (id, sha256, original_name, size_bytes, storage_path, channel, status, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'received', now()) ON CONFLICT (sha256) DO NOTHING`,
      [id, sha256, storedName(request.originalName ?? basename(request.path)), size, request.storagePath ?? request.path, request.channel],
    );
    // Lost a race with the same bytes arriving through another channel: take that row's answer.
    if (inserted.rowCount === 0) return this.register(request, sha256, size);
    return { fileId: id, duplicateOf: null, rejectedWith: null, kind: null, size, created: true, storagePath: request.storagePath ?? request.path };
  }

  /** `onHeader` keeps the header for the registry even when the file is rejected later. */
  private async run(
    client: PoolClient,
    request: ImportRequest,
    fileId: string,
    totalBytes: number,
    report: ImportReport,
    onHeader: (header: FluxHeader) => void,
  ): Promise<FluxHeader> {
    let bytesRead = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytesRead += chunk.length;
        callback(null, chunk);
      },
    });
    // 64 KiB reads: the reader cuts larger chunks anyway, and big read buffers only inflate RSS.
    const input = createReadStream(request.path, { highWaterMark: 64 * 1024 }).pipe(counter);

    const sql = sqlRunnerOf(client);
    let header: FluxHeader | null = null;
    let source: CafSnapshotSource | null = null;
    const outcomes = new Map<string, 'created' | 'updated' | 'unchanged' | 'older'>();
    let householdsRead = 0;
    let rawSeq = 0;
    let current: Batch = emptyBatch();
    // The reader asks about a NUMDEMRSA at most once per file and never for a dossier the file has
    // already carried (ReadVrsbOptions.knownBlocks), so the look-up never concerns a dossier this
    // file has written: it runs on a connection of its own, outside the transaction, in parallel with
    // the batches (imports are serialised, so what it reads is what the dossier held before the file).
    const lookup = await this.pool.connect();
    const lookupSql = sqlRunnerOf(lookup);
    // What the look-up found for the blocks the reader will skip, by SHA-256, until their event comes.
    const knownBySha = new Map<string, KnownDossier>();
    const knownBlocks = async (candidates: BlockCandidate[]): Promise<Set<string>> => {
      const found = await this.applier.findKnownBlocks(lookupSql, candidates);
      for (const [sha256, dossier] of found) knownBySha.set(sha256, dossier);
      return new Set(found.keys());
    };

    let heapAfterCollection = getHeapStatistics().used_heap_size;
    const apply = async (batch: Batch): Promise<void> => {
      if (!source) return;
      if (collectGarbage && getHeapStatistics().used_heap_size - heapAfterCollection > GC_AFTER_GROWTH_BYTES) {
        collectGarbage();
        heapAfterCollection = getHeapStatistics().used_heap_size;
      }
      const result = await this.applier.applyBatch(sql, source, batch.items);
      if (result.writtenPersonIds.length > 0) {
        await sql.query(`INSERT INTO ${WRITTEN} SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`, [result.writtenPersonIds]);
      }
      const touched = await this.applier.touchKnown(sql, source, batch.known);
      report.persons.unchanged += batch.known.reduce((n, k) => n + k.persons, 0);
      const changed = new Set<string>();
      for (const o of [...result.outcomes, ...touched]) {
        const before = outcomes.get(o.numdemrsa);
        // Same NUMDEMRSA again later in the file: the last occurrence wins, the household counts once.
        outcomes.set(o.numdemrsa, before === 'created' ? 'created' : o.outcome);
        if (o.outcome === 'created' || o.outcome === 'updated') changed.add(o.numdemrsa);
      }
      report.persons.created += result.persons.created;
      report.persons.updated += result.persons.updated;
      report.persons.unchanged += result.persons.unchanged;
      report.entrants += result.entrants;
      for (const [reason, n] of Object.entries(result.nonEntries)) report.nonEntries[reason] = (report.nonEntries[reason] ?? 0) + (n ?? 0);
      const anomalies = await anomaliesNotRecorded(sql, result.anomalies);
      report.anomalies += anomalies.length;
      report.anomaliesAlreadyRecorded += result.anomalies.length - anomalies.length;
      await bulk(
        sql,
        ANOMALY_INSERT,
        anomalies.map((a) => ({ file_id: fileId, kind: a.kind, numdemrsa: a.numdemrsa, person_id: a.personId, other_person_id: a.otherPersonId, detail: a.detail })),
      );
      await this.applier.markCarriedByStock(sql, source, batch.rejects.flatMap((r) => (r.numdemrsa === null ? [] : [r.numdemrsa])));
      await bulk(
        sql,
        REJECT_INSERT,
        batch.rejects.map((r) => ({
          file_id: fileId, ordinal: r.ordinal, numdemrsa: r.numdemrsa, matricule: r.matricule, path: r.path.slice(0, 300), message: r.message,
          raw_xml: byteaValue(this.vault.sealBytes(Buffer.from(r.rawXml, 'utf8'))),
        })),
      );
      await this.storeRaw(client, fileId, rawSeq++, batch.raws.filter((r) => changed.has(r.numdemrsa)));
    };

    // One batch is applied while the next one is read: parsing and SQL overlap on the two cores, and
    // at most two batches are held at a time.
    let chain: Promise<void> = Promise.resolve();
    const flush = async () => {
      const batch = current;
      current = emptyBatch();
      const previous = chain;
      chain = previous.then(() => apply(batch));
      // Observed here so a failing batch is never an unhandled rejection; it is still awaited below.
      chain.catch(() => undefined);
      await previous;
    };

    // A NUMDEMRSA sent more than once: its occurrences are held back, each replacing the previous one,
    // and only the last goes into a batch (CAF-FORMAT §11: the last wins). The earlier ones are never
    // written, so they open no path and leave no history, whichever batch they fell in.
    const repeated = await repeatedNumdemrsas(createReadStream(request.path, { highWaterMark: 1 << 20 }));
    const held = new Map<string, Entry>();
    const place = (entry: Entry): void => {
      if (entry.type === 'item') {
        current.items.push(entry.prepared);
        current.raws.push(entry.raw);
      } else if (entry.type === 'known') {
        current.known.push(entry.known);
      } else {
        current.rejects.push(entry.reject);
        const { rawXml: _rawXml, ...summary } = entry.reject;
        if (report.rejects.length < REPORT_REJECT_LIMIT) report.rejects.push(summary);
        report.households.rejected++;
        report.persons.rejected += entry.persons;
      }
    };
    const admit = (numdemrsa: string | null, entry: Entry): void => {
      const remaining = numdemrsa === null ? undefined : repeated.get(numdemrsa);
      if (numdemrsa === null || remaining === undefined) return place(entry);
      if (held.has(numdemrsa)) report.superseded++;
      if (remaining > 1) {
        repeated.set(numdemrsa, remaining - 1);
        held.set(numdemrsa, entry);
        return;
      }
      repeated.delete(numdemrsa);
      held.delete(numdemrsa);
      place(entry);
    };

    let ended = false;
    await sql.query(`CREATE TEMP TABLE ${WRITTEN} (person_id uuid PRIMARY KEY) ON COMMIT DROP`);
    try {
      // No dossier stored yet (a first stock on an empty base): no block can be known, nothing to pre-scan.
      const [{ any }] = await sql.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM beneficiary_dossier) AS any`);
      for await (const event of readVrsb(input, { knownBlocks: any ? knownBlocks : undefined })) {
        if (event.type === 'header') {
          header = event.header;
          onHeader(header);
          report.kind = header.kind;
          // The registry orders files by their header; dossiers compare the age of the data.
          const createdAt = headerInstant(header);
          this.refuseFutureDated(createdAt);
          const [{ newer }] =
            header.kind === 'monthly'
              ? await sql.query<{ newer: boolean }>(`SELECT EXISTS (SELECT 1 FROM intake_file WHERE kind = 'monthly' AND status = 'imported' AND flux_at > $1) AS newer`, [createdAt])
              : [{ newer: false }];
          source = { fileId, fluxAt: dataInstant(header), fluxDate: header.dtCreaFlux, kind: header.kind, newerStockApplied: newer };
          await this.flagSameHeader(sql, fileId, header, createdAt, report);
        } else if (event.type === 'household') {
          householdsRead++;
          const item = event.item;
          if (item.ok) {
            admit(item.record.numdemrsa, {
              type: 'item',
              prepared: this.applier.prepare({ record: item.record, rawHash: event.sha256 }),
              raw: { numdemrsa: item.record.numdemrsa, ordinal: item.ordinal, xml: item.rawXml, sha256: event.sha256 },
            });
          } else {
            admit(item.fault.numdemrsa, {
              type: 'reject',
              reject: { ordinal: item.ordinal, ...item.fault, rawXml: item.rawXml },
              persons: (item.rawXml.match(/<Personne[\s>]/g) ?? []).length,
            });
          }
        } else if (event.type === 'known-household') {
          householdsRead++;
          const dossier = knownBySha.get(event.sha256) as KnownDossier;
          knownBySha.delete(event.sha256);
          admit(dossier.numdemrsa, { type: 'known', known: { ...dossier, persons: event.persons } });
        } else {
          // Occurrences the census counted but the parser did not see as such (a value it read
          // differently): the last one held is still the last one read.
          for (const entry of held.values()) place(entry);
          held.clear();
          ended = true;
        }
        if (batchSize(current) >= BATCH_SIZE) await flush();
        if (householdsRead % 500 === 0) request.onProgress?.({ bytesRead, totalBytes, households: householdsRead });
      }
      if (batchSize(current) > 0) await flush();
    } finally {
      lookup.release();
      input.destroy();
      // Never leave a batch running on the connection when the reader fails: the caller rolls back next.
      await chain.catch(() => undefined);
    }
    await chain;
    if (!header || !source || !ended) throw new FileFaultError('TRUNCATED', 'the file ended before its footer');
    const complete: FluxHeader = header;
    const applied: CafSnapshotSource = source;

    for (const outcome of outcomes.values()) {
      if (outcome === 'older') {
        report.olderIgnored++;
        report.households.unchanged++;
      } else report.households[outcome]++;
    }
    report.households.total = outcomes.size + report.households.rejected;
    report.persons.total = report.persons.created + report.persons.updated + report.persons.unchanged + report.persons.rejected;
    report.entrants += await this.applier.recheckEntries(sql, applied, report.nonEntries);
    // A late monthly file (older than a stock already applied) does not say what the stock holds now.
    if (isCurrentStock(applied)) {
      const signalled = await this.applier.reconcileStock(sql, applied, complete.dtRef ?? complete.dtCreaFlux);
      report.notSeenInStock = signalled.length;
      if (signalled.length > 0) {
        await sql.query(
          `INSERT INTO ${WRITTEN} SELECT DISTINCT person_id FROM beneficiary_member WHERE dossier_id = ANY($1::uuid[]) AND detached_at IS NULL ON CONFLICT DO NOTHING`,
          [signalled],
        );
      }
    }
    // Paths opened for people the file did not rewrite (an exclusion that ended: recheckEntries).
    await sql.query(`INSERT INTO ${WRITTEN} SELECT person_id FROM beneficiary_path WHERE opened_by_file_id = $1 ON CONFLICT DO NOTHING`, [fileId]);
    request.onProgress?.({ bytesRead: totalBytes, totalBytes, households: householdsRead });
    return complete;
  }

  /**
   * Another file already imported under this very header but with other bytes (CAF-FORMAT §13
   * rec. 2): the CAF re-sent a corrected file, or two files were mixed up. This one is applied as
   * any other (its data is not older than that file's), and a file-level anomaly asks an operator to
   * look at both.
   */
  private async flagSameHeader(sql: SqlRunner, fileId: string, header: FluxHeader, fluxAt: Date, report: ImportReport): Promise<void> {
    const rows = await sql.query<{ id: string }>(
      `SELECT id FROM intake_file
        WHERE flux_at = $2 AND status = 'imported' AND id <> $1
          AND header->>'applieme' = $3 AND header->>'numVersionApplieme' = $4 AND header->>'typeFlux' = $5 AND header->>'natFlux' = $6
          AND header->>'dtCreaFlux' = $7 AND header->>'heuCreaFlux' = $8 AND header->>'dtRef' IS NOT DISTINCT FROM $9
        ORDER BY finished_at, id`,
      [fileId, fluxAt, header.applieme, header.numVersionApplieme, header.typeFlux, header.natFlux, header.dtCreaFlux, header.heuCreaFlux, header.dtRef],
    );
    if (rows.length === 0) return;
    report.sameHeaderAs = rows.map((r) => r.id);
    report.anomalies++;
    await bulk(sql, ANOMALY_INSERT, [
      { file_id: fileId, kind: 'same-header-other-bytes', numdemrsa: null, person_id: null, other_person_id: null, detail: { otherFileIds: report.sameHeaderAs } },
    ]);
  }

  private async storeRaw(client: PoolClient, fileId: string, seq: number, raws: RawEntry[]): Promise<void> {
    if (raws.length === 0) return;
    const entries: object[] = [];
    const parts: Buffer[] = [];
    let offset = 0;
    for (const raw of raws) {
      const bytes = Buffer.from(raw.xml, 'utf8');
      entries.push({ numdemrsa: raw.numdemrsa, ordinal: raw.ordinal, sha256: raw.sha256, start: offset, end: offset + bytes.length });
      parts.push(bytes);
      offset += bytes.length;
    }
    // gzip runs on libuv's thread pool: the main thread keeps parsing meanwhile. Then sealed, at rest
    // like the NIRs it holds (one AES-GCM pass over the compressed batch).
    const gz = this.vault.sealBytes(await gzipAsync(Buffer.concat(parts), { level: 1 }));
    await client.query(`INSERT INTO intake_raw_batch (file_id, seq, gz, entries) VALUES ($1, $2, $3, $4)`, [fileId, seq, gz, JSON.stringify(entries)]);
  }
}

/**
 * A file's name as the registry keeps it (for good: the registry outlives retention): whoever
 * named it may have put a NIR in it (`dupont_1880459000073.RCV`, `dupont_1_88_04_59…`), masked as
 * anything else a caller typed.
 */
function storedName(name: string): string {
  return maskTypedNirs(name).slice(0, 255);
}
