import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {} from 'multer';
import { Permission, type UserActor } from '@rsa/kernel';
import { CurrentActor } from '@rsa/access';
import { Access, BodyTypes } from '@rsa/platform';
import { IntakeQueries } from '../application/intake-queries';
import { IntakeUploads } from '../application/intake-uploads';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';
import { ListFilesQueryDto, PageQueryDto } from './intake.dto';
import { AnomalyPage, Answers, FileDetail, FilePage, RejectDetail, RejectPage, UploadAnswer } from './intake.responses';
import { UploadRefusals } from './upload-refusals.interceptor';

/** multer reads a file name's UTF-8 bytes as Latin-1 (`rÃ©Ã©dition.xml`): read them back as UTF-8 when they are. */
function utf8Name(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

@ApiTags('intake')
@ApiBearerAuth()
@Controller('intake/files')
export class IntakeController {
  constructor(
    private readonly uploads: IntakeUploads,
    private readonly queries: IntakeQueries,
  ) {}

  @Post()
  @HttpCode(202)
  @Access(Permission.IntakeUpload)
  @ApiOperation({ summary: 'Upload a CAF beneficiary file (VRSB0801); it is streamed to disk and imported by the worker' })
  @BodyTypes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(UploadRefusals, FileInterceptor('file'))
  @Answers(202, UploadAnswer, [400, 413], 'Registered by its SHA-256: `received` (queued), `duplicate` or `rejected` (bytes already answered)')
  upload(@CurrentActor() actor: UserActor, @UploadedFile() file: Express.Multer.File | undefined) {
    return this.uploads.receive(actor, file && { path: file.path, originalName: utf8Name(file.originalname), size: file.size });
  }

  @Get()
  @Access(Permission.IntakeRead)
  @ApiOperation({ summary: 'List received files, newest first' })
  @Answers(200, FilePage, [400])
  list(@CurrentActor() actor: UserActor, @Query() query: ListFilesQueryDto) {
    return this.queries.listFiles(actor, query);
  }

  @Get(':id')
  @Access(Permission.IntakeRead)
  @ApiOperation({ summary: "A file's status, header and import report" })
  @Answers(200, FileDetail, [400, 404])
  get(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.getFile(actor, id);
  }

  @Get(':id/rejects')
  @Access(Permission.IntakeReadRaw)
  @ApiOperation({ summary: 'The households of a file that were rejected, with the reason (without their XML)' })
  @Answers(200, RejectPage, [400, 404])
  rejects(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto) {
    return this.queries.listRejects(actor, id, page);
  }

  @Get(':id/rejects/:rejectId')
  @Access(Permission.IntakeReadRaw)
  @ApiOperation({ summary: 'One rejected household with its raw XML, to replay it or send it back to the CAF (audited)' })
  @Answers(200, RejectDetail, [400, 404])
  reject(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Param('rejectId') rejectId: string) {
    if (!/^\d{1,18}$/.test(rejectId)) throw new IntakeError(IntakeErrorCode.RejectNotFound, 'No such reject for this file', { rejectId });
    return this.queries.getReject(actor, id, rejectId);
  }

  @Get(':id/anomalies')
  @Access(Permission.IntakeReadRaw)
  @ApiOperation({ summary: 'Identity conflicts and unknown codes found in a file, to review' })
  @Answers(200, AnomalyPage, [400, 404])
  anomalies(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto) {
    return this.queries.listAnomalies(actor, id, page);
  }
}
