import { Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import type { AuditTrail } from '@rsa/platform';
import type { CafFileImporter, ImportRequest } from './caf-file-importer';
import type { ImportReport } from './import-report';
import type { IntakeMetrics } from './intake-metrics';

const ACTION = 'intake.import';
const WRITE_ACTION = 'intake.import.write';
/** Persons per `intake.import.write` entry: a first stock of the Nord writes some 200,000. */
const WRITE_CHUNK = 5000;

/**
 * An import as a command: the actor must hold `intake:import`, and the import is audited. When the
 * file is applied, its entry is written in the file's own transaction (the write and its trace
 * commit together); a duplicate, a rejected file or a failure is recorded once the outcome is known.
 * The CLI, the worker's job and the nightly run all import through here, and each import is
 * counted in the process's metrics.
 */
export class AuditedImport {
  constructor(
    private readonly importer: CafFileImporter,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly metrics: IntakeMetrics,
  ) {}

  async run(actor: Actor, request: ImportRequest): Promise<ImportReport> {
    await this.policy.require(actor, Permission.IntakeImport, { action: ACTION });
    let recorded = false;
    const started = Date.now();
    const entry = (report: ImportReport) => ({
      actor,
      action: ACTION,
      outcome: report.status === 'rejected' ? ('failed' as const) : ('allowed' as const),
      target: { type: 'intake-file', id: report.fileId },
      detail: {
        status: report.status,
        kind: report.kind,
        channel: request.channel,
        households: report.households,
        persons: report.persons,
        entrants: report.entrants,
        fileError: report.fileError?.code ?? null,
      },
    });
    try {
      const report = await this.importer.import({
        ...request,
        beforeCommit: async (runner, report, written) => {
          await request.beforeCommit?.(runner, report, written);
          await this.audit.record(entry(report), runner);
          // Whose file the import changed, so each person's trail shows it: entries of at most
          // WRITE_CHUNK persons, in the file's transaction.
          let part = 0;
          for await (const subjectIds of written.chunks(WRITE_CHUNK)) {
            part++;
            await this.audit.record(
              { actor, action: WRITE_ACTION, outcome: 'allowed', target: { type: 'intake-file', id: report.fileId }, subjectIds, detail: { part, persons: subjectIds.length } },
              runner,
            );
          }
          recorded = true;
        },
      });
      if (!recorded) await this.audit.record(entry(report));
      this.metrics.record(report, request.channel);
      return report;
    } catch (error) {
      this.metrics.failed(request.channel, (Date.now() - started) / 1000);
      await this.audit
        .record({ actor, action: ACTION, outcome: 'failed', detail: { channel: request.channel, error: 'internal' } })
        .catch(() => undefined);
      throw error;
    }
  }
}
