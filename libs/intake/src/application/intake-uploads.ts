import { unlink } from 'node:fs/promises';
import { Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import type { AuditTrail, JobProducer } from '@rsa/platform';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';
import { fileExists, type CafFileImporter } from './caf-file-importer';
import { IMPORT_FILE_JOB, importFileJobId } from './intake-jobs';

export interface ReceivedUpload {
  /** Where the upload was streamed to. */
  path: string;
  originalName: string;
  size: number;
}

export interface UploadAnswer {
  fileId: string;
  /** `rejected`: these bytes were rejected before, for `fileError`; re-sending them changes nothing. */
  status: 'received' | 'duplicate' | 'rejected';
  fileError?: { code: string; message: string };
}

/**
 * A CAF file sent through the API: registered by its SHA-256 (the same bytes again are the same file)
 * and queued for the worker with a deterministic job id. The registry row is the durable
 * obligation: the nightly run sweeps uploads the queue lost.
 */
export class IntakeUploads {
  constructor(
    private readonly importer: CafFileImporter,
    private readonly jobs: JobProducer,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
  ) {}

  async receive(actor: Actor, upload: ReceivedUpload | undefined): Promise<UploadAnswer> {
    const action = 'intake.upload';
    try {
      await this.policy.require(actor, Permission.IntakeUpload, { action });
    } catch (error) {
      if (upload) await unlink(upload.path).catch(() => undefined);
      throw error;
    }
    if (!upload) throw new IntakeError(IntakeErrorCode.UploadMissing, 'Send the file as multipart/form-data in the field "file"');
    if (upload.size === 0) {
      await unlink(upload.path).catch(() => undefined);
      throw new IntakeError(IntakeErrorCode.UploadEmpty, 'The uploaded file is empty');
    }
    const registered = await this.importer.registerFile({ path: upload.path, originalName: upload.originalName, channel: 'api' });
    // Bytes already known: this upload's copy is not needed, the registry keeps the first one, unless
    // that one is gone and the file is still to import.
    let path = registered.storagePath;
    if (!registered.created && !registered.duplicateOf && !(await fileExists(registered.storagePath))) {
      await this.importer.adoptCopy(registered.fileId, upload.path);
      path = upload.path;
    } else if (!registered.created) {
      await unlink(upload.path).catch(() => undefined);
    }
    // Bytes that were rejected are answered `rejected` again, with the first fault, as the CLI does:
    // an operator re-sending a bad file must not read a success.
    const status = registered.duplicateOf ? (registered.rejectedWith ? 'rejected' : 'duplicate') : 'received';
    const fileId = registered.duplicateOf ?? registered.fileId;
    if (!registered.duplicateOf) {
      // Same job id for the same file: a re-upload while it waits or runs changes nothing; after a job
      // whose attempts were spent on a file still not imported, the re-send retries it.
      await this.jobs.requeue(
        IMPORT_FILE_JOB,
        { fileId: registered.fileId, path, originalName: upload.originalName, requestedBy: actor.kind === 'user' ? actor.professionalId : null },
        importFileJobId(registered.fileId),
      );
    }
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'intake-file', id: fileId }, detail: { status, sizeBytes: upload.size } });
    return registered.rejectedWith && registered.duplicateOf ? { fileId, status, fileError: registered.rejectedWith } : { fileId, status };
  }
}
