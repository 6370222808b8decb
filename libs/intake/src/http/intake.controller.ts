import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {} from 'multer';
import { unlink } from 'node:fs/promises';
import { CafFileImporter } from '../application/caf-file-importer';
import { IntakeQueries } from '../application/intake-queries';
import { IMPORT_FILE_JOB, importFileJobId } from '../application/intake-jobs';
import { JobProducer } from '@rsa/platform';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';
import { ListFilesQueryDto, PageQueryDto } from './intake.dto';

@ApiTags('intake')
@Controller('intake/files')
export class IntakeController {
  constructor(
    private readonly importer: CafFileImporter,
    private readonly queries: IntakeQueries,
    private readonly jobs: JobProducer,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Upload a CAF beneficiary file (VRSB0801); it is streamed to disk and imported by the worker' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file'))
  async upload(@UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw new IntakeError(IntakeErrorCode.UploadMissing, 'Send the file as multipart/form-data in the field "file"');
    if (file.size === 0) {
      await unlink(file.path).catch(() => undefined);
      throw new IntakeError(IntakeErrorCode.UploadEmpty, 'The uploaded file is empty');
    }
    const registered = await this.importer.registerFile({ path: file.path, originalName: file.originalname, channel: 'api' });
    // Bytes already known: this upload's copy is not needed, the registry keeps the first one.
    if (!registered.created) await unlink(file.path).catch(() => undefined);
    if (registered.duplicateOf) return { fileId: registered.duplicateOf, status: 'duplicate' };
    // Same job id for the same file: queuing it again (a re-upload while it waits) is a no-op.
    await this.jobs.enqueue(
      IMPORT_FILE_JOB,
      { fileId: registered.fileId, path: registered.storagePath, originalName: file.originalname },
      { jobId: importFileJobId(registered.fileId) },
    );
    return { fileId: registered.fileId, status: 'received' };
  }

  @Get()
  @ApiOperation({ summary: 'List received files, newest first' })
  list(@Query() query: ListFilesQueryDto) {
    return this.queries.listFiles(query);
  }

  @Get(':id')
  @ApiOperation({ summary: "A file's status, header and import report" })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.queries.getFile(id);
  }

  @Get(':id/rejects')
  @ApiOperation({ summary: "The households of a file that were rejected, with the reason (without their XML)" })
  rejects(@Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto) {
    return this.queries.listRejects(id, page);
  }

  @Get(':id/rejects/:rejectId')
  @ApiOperation({ summary: 'One rejected household with its raw XML, to replay it or send it back to the CAF' })
  reject(@Param('id', ParseUUIDPipe) id: string, @Param('rejectId') rejectId: string) {
    if (!/^\d{1,18}$/.test(rejectId)) throw new IntakeError(IntakeErrorCode.RejectNotFound, 'No such reject for this file', { rejectId });
    return this.queries.getReject(id, rejectId);
  }

  @Get(':id/anomalies')
  @ApiOperation({ summary: 'Identity conflicts and unknown codes found in a file, to review' })
  anomalies(@Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto) {
    return this.queries.listAnomalies(id, page);
  }
}
