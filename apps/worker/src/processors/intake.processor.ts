import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CafFileImporter, fileExists, IMPORT_FILE_JOB, ImportCafFileCommand, NIGHTLY_DROP_IMPORT_JOB, NightlyIntake, type ImportFileJob, type ImportReport, type NightlyRunResult } from '@rsa/intake';
import { workerActor } from '@rsa/access';
import { ProcessesJob, type JobProcessor } from '@rsa/platform';
import { UnrecoverableError, type Job } from 'bullmq';

/** BullMQ's reason for a job failed after its worker stopped under it too often. */
const STALLED = /stalled more than allowable limit|started more than allowable limit/;

/** Imports an uploaded file. The result kept by BullMQ carries counts, never personal data. */
@ProcessesJob(IMPORT_FILE_JOB)
@Injectable()
export class ImportFileProcessor implements JobProcessor<ImportFileJob> {
  private readonly logger = new Logger(ImportFileProcessor.name);

  constructor(
    private readonly commandBus: CommandBus,
    private readonly importer: CafFileImporter,
  ) {}

  async process(job: Job<ImportFileJob>) {
    let report: ImportReport;
    const path = (await this.importer.storagePathOf(job.data.fileId)) ?? job.data.path;
    try {
      report = await this.commandBus.execute(new ImportCafFileCommand(workerActor('intake-import'), { path, originalName: job.data.originalName, channel: 'api' }));
    } catch (error) {
      if (!(await fileExists(path))) {
        // Retrying cannot bring the bytes back: the registry says what to do, and the job ends here.
        throw new UnrecoverableError(await this.importer.markStoredCopyGone(job.data.fileId));
      }
      // The registry shows the failure (the job is retried; the nightly run takes the file up again).
      await this.importer.markFailed(job.data.fileId, error).catch(() => undefined);
      throw error;
    }
    this.logger.log({ msg: 'intake file processed', fileId: report.fileId, status: report.status, households: report.households, entrants: report.entrants });
    return { fileId: report.fileId, status: report.status, households: report.households.total, entrants: report.entrants, fileError: report.fileError };
  }

  /**
   * A job failed without `process` saying why: the worker stopped under it (killed, out of memory)
   * more often than BullMQ allows. Nothing of the import was committed (one transaction); the
   * registry says `failed` instead of a `processing` nobody runs, so the alert on failed files fires
   * and the nightly run takes it up again. Failures `process` saw are already recorded.
   */
  async onFailed(job: Job<ImportFileJob>, error: Error): Promise<void> {
    if (!STALLED.test(error.message)) return;
    await this.importer.markFailed(
      job.data.fileId,
      'the worker stopped during this import (killed or out of memory) more often than it may; nothing of it was committed: the nightly run takes it up again, or send the file again',
      'WORKER_STOPPED',
    );
  }
}

/** The nightly run: waiting uploads, then the drop folder. */
@ProcessesJob(NIGHTLY_DROP_IMPORT_JOB)
@Injectable()
export class NightlyDropImportProcessor implements JobProcessor {
  private readonly logger = new Logger(NightlyDropImportProcessor.name);

  constructor(private readonly nightly: NightlyIntake) {}

  async process(): Promise<NightlyRunResult> {
    const result = await this.nightly.run(workerActor('intake-import'));
    const failed = [
      ...result.uploads.filter((u) => u.status === 'failed').map((u) => `upload ${u.fileId}: ${u.error ?? 'internal error'}`),
      // Imported but left in the drop folder (permissions) too: someone must see to it.
      ...result.drop.files.filter((f) => f.status === 'failed' || !f.moved).map((f) => `${f.name}: ${f.error ?? 'internal error'}`),
    ];
    const missing = result.uploads.filter((u) => u.status === 'missing').map((u) => u.fileId);
    this.logger.log({ msg: 'nightly intake run', uploads: result.uploads.length, dropped: result.drop.files.length, skipped: result.drop.skipped.length, failed: failed.length, missing });
    // An internal error fails the run: it is retried and shows in the scheduled-run record, naming the files.
    // An upload whose copy is gone is not retried: the registry says to send it again.
    if (failed.length > 0) throw new Error(`${failed.length} file(s) could not be imported or moved out of the drop folder, and stay for the next run: ${failed.join('; ').slice(0, 1500)}`);
    return result;
  }
}
