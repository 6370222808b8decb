import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from '@rsa/platform';
import type { IntakeChannel } from './caf-file-importer';
import type { ImportReport } from './import-report';

const FILE_STATUSES = ['received', 'processing', 'imported', 'rejected', 'failed'] as const;
const OUTCOMES = ['created', 'updated', 'unchanged', 'rejected'] as const;

/**
 * What an operator watches of an intake that runs unattended at night. Labels are bounded (kind,
 * status, channel, outcome): never a file id, never personal data.
 * - Counters, per import of this process: files by outcome, households and persons by outcome,
 *   entrants, anomalies, and the import's duration.
 * - Gauges read from the registry at each scrape, so they hold whatever process imported the file
 *   (the CLI, another worker) and survive restarts: the header time of the newest file applied, per
 *   kind (alert when the daily file is late), and the files per status (`failed` is a file the
 *   nightly run will try again; `received` for long, an upload the queue lost).
 */
export class IntakeMetrics {
  private readonly logger = new Logger(IntakeMetrics.name);
  private readonly files: Counter<'kind' | 'status' | 'channel'>;
  private readonly households: Counter<'kind' | 'outcome'>;
  private readonly persons: Counter<'kind' | 'outcome'>;
  private readonly entrants: Counter<'kind'>;
  private readonly anomalies: Counter<'kind'>;
  private readonly duration: Histogram<'kind' | 'status'>;

  constructor(
    private readonly pool: Pool,
    metrics: Metrics,
  ) {
    this.files = metrics.counter({ name: 'intake_files_total', help: 'CAF files imported by this process, by kind, outcome (imported, duplicate, rejected, failed) and channel', labelNames: ['kind', 'status', 'channel'] });
    this.households = metrics.counter({ name: 'intake_households_total', help: 'Households of the CAF files imported by this process, by outcome', labelNames: ['kind', 'outcome'] });
    this.persons = metrics.counter({ name: 'intake_persons_total', help: 'Persons of the CAF files imported by this process, by outcome', labelNames: ['kind', 'outcome'] });
    this.entrants = metrics.counter({ name: 'intake_entrants_total', help: 'Paths opened by the CAF files imported by this process', labelNames: ['kind'] });
    this.anomalies = metrics.counter({ name: 'intake_anomalies_total', help: 'Anomalies to review raised by the CAF files imported by this process', labelNames: ['kind'] });
    this.duration = metrics.histogram({
      name: 'intake_import_duration_seconds',
      help: 'Duration of a CAF file import, registry to commit',
      labelNames: ['kind', 'status'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    });
    const read = <T>(query: string) => this.read<T>(query);
    metrics.gauge({
      name: 'intake_newest_flux_timestamp_seconds',
      help: 'Header time (DTCREAFLUX, HEUCREAFLUX) of the newest CAF file applied, by kind, as Unix seconds',
      labelNames: ['kind'],
      async collect() {
        const rows = await read<{ kind: string; at: number }>(
          `SELECT kind, extract(epoch FROM max(flux_at))::float8 AS at FROM intake_file WHERE status = 'imported' AND kind IS NOT NULL GROUP BY kind`,
        );
        this.reset();
        for (const row of rows ?? []) this.set({ kind: row.kind }, row.at);
      },
    });
    metrics.gauge({
      name: 'intake_files',
      help: 'CAF files in the registry, by status',
      labelNames: ['status'],
      async collect() {
        const rows = await read<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM intake_file GROUP BY status`);
        this.reset();
        if (rows === null) return;
        for (const status of FILE_STATUSES) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
      },
    });
  }

  /** Counts one import's outcome, with the duration its report gives. */
  record(report: ImportReport, channel: IntakeChannel): void {
    const kind = report.kind ?? 'unknown';
    this.files.inc({ kind, status: report.status, channel });
    this.duration.observe({ kind, status: report.status }, report.durationMs / 1000);
    if (report.status !== 'imported') return;
    for (const outcome of OUTCOMES) {
      if (report.households[outcome] > 0) this.households.inc({ kind, outcome }, report.households[outcome]);
      if (report.persons[outcome] > 0) this.persons.inc({ kind, outcome }, report.persons[outcome]);
    }
    this.entrants.inc({ kind }, report.entrants);
    this.anomalies.inc({ kind }, report.anomalies);
  }

  /** An import that stopped on an internal error (the file stays `failed`, retried by the next run). */
  failed(channel: IntakeChannel, seconds: number): void {
    this.files.inc({ kind: 'unknown', status: 'failed', channel });
    this.duration.observe({ kind: 'unknown', status: 'failed' }, seconds);
  }

  /** A scrape must answer even when the database does not: those gauges are then left without samples. */
  private async read<T>(query: string): Promise<T[] | null> {
    try {
      return (await this.pool.query(query)).rows as T[];
    } catch (error) {
      this.logger.warn({ msg: 'intake gauges not read', error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }
}
