import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ANOMALY_RESOLUTIONS } from '../domain/anomaly-resolutions';
import { PATH_STAGES, type PathStage } from '@rsa/beneficiary';

/**
 * The shapes the intake routes answer, for the OpenAPI document only (the handlers return plain
 * objects of the same shape: import-report.ts, intake-queries.ts).
 */

/** The paging envelope of a list of `item`s, named for the OpenAPI document. */
function pageOf<T>(item: Type<T>) {
  class Page {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty() total!: number;
    @ApiProperty() limit!: number;
    @ApiProperty() offset!: number;
  }
  return Page;
}

export class ApiErrorDetail {
  @ApiProperty({ example: 'INTAKE_FILE_NOT_FOUND' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class ApiErrorResponse {
  @ApiProperty({ type: ApiErrorDetail }) error!: ApiErrorDetail;
}

class FileError {
  @ApiProperty({ example: 'COUNT_MISMATCH' }) code!: string;
  @ApiProperty() message!: string;
}

export class UploadAnswer {
  @ApiProperty({ format: 'uuid' }) fileId!: string;
  @ApiProperty({ enum: ['received', 'duplicate', 'rejected'], description: '`rejected`: these bytes were rejected before, for `fileError`' }) status!: string;
  @ApiPropertyOptional({ type: FileError }) fileError?: FileError;
}

class Counts {
  @ApiProperty() total!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() rejected!: number;
}

class RejectSummary {
  @ApiProperty() ordinal!: number;
  @ApiProperty({ nullable: true, type: String }) numdemrsa!: string | null;
  @ApiProperty({ nullable: true, type: String }) matricule!: string | null;
  @ApiProperty({ example: 'InfosFoyerRSA/Personne[1]/Identification/DTNAI' }) path!: string;
  @ApiProperty({ example: 'the value is not a real calendar date (YYYY-MM-DD)' }) message!: string;
}

export class ImportReportView {
  @ApiProperty({ format: 'uuid' }) fileId!: string;
  @ApiProperty({ enum: ['imported', 'duplicate', 'rejected'] }) status!: string;
  @ApiProperty({ enum: ['daily', 'monthly', 'reprise'], nullable: true }) kind!: string | null;
  @ApiProperty({ type: Counts }) households!: Counts;
  @ApiProperty({ type: Counts }) persons!: Counts;
  @ApiProperty() entrants!: number;
  @ApiProperty({ description: 'Anomalies recorded for this file' }) anomalies!: number;
  @ApiProperty({ description: 'Anomalies the file raised again that were already recorded (open, or reviewed other than corrected-by-later-file): not recorded twice' })
  anomaliesAlreadyRecorded!: number;
  @ApiPropertyOptional({ type: [RejectSummary], description: 'Only for who may read rejects (intake:read-raw); at most 1,000, all of them under /rejects' })
  rejects?: RejectSummary[];
  @ApiProperty({ type: FileError, nullable: true }) fileError!: FileError | null;
  @ApiProperty() olderIgnored!: number;
  @ApiProperty() superseded!: number;
  @ApiProperty() notSeenInStock!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'not-subject-to-rights-and-duties': 12 } }) nonEntries!: Record<string, number>;
  @ApiProperty({ type: [String] }) sameHeaderAs!: string[];
  @ApiProperty({ nullable: true, type: String }) duplicateOf!: string | null;
  @ApiProperty() durationMs!: number;
}

export class FileListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() originalName!: string;
  @ApiProperty({ enum: ['received', 'processing', 'imported', 'rejected', 'failed'] }) status!: string;
  @ApiProperty({ enum: ['daily', 'monthly', 'reprise'], nullable: true }) kind!: string | null;
  @ApiProperty({ enum: ['cli', 'api', 'drop'] }) channel!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'The header time (DTCREAFLUX, HEUCREAFLUX)' }) fluxAt!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) errorCode!: string | null;
  @ApiProperty({ nullable: true, type: Number }) households!: number | null;
  @ApiProperty({ nullable: true, type: Number }) entrants!: number | null;
}

export class FilePage extends pageOf(FileListItem) {}

export class FileDetail extends FileListItem {
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'IdentificationFlux as read' }) header!: object | null;
  @ApiProperty({ nullable: true, type: String }) errorMessage!: string | null;
  @ApiProperty({ type: ImportReportView, nullable: true }) report!: ImportReportView | null;
}

class RejectItem extends RejectSummary {
  @ApiProperty() id!: string;
}

export class RejectPage extends pageOf(RejectItem) {}

export class RejectDetail extends RejectItem {
  @ApiProperty({ description: 'The household as the CAF sent it, every NIR masked' }) rawXml!: string;
}

class AnomalyItem {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) fileId!: string;
  @ApiProperty({ example: 'nir-birthdate-conflict' }) kind!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for an anomaly of the whole file' }) numdemrsa!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) personId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) otherPersonId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Positions, codes and ids only' }) detail!: object;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedBy!: string | null;
  @ApiProperty({ nullable: true, enum: ANOMALY_RESOLUTIONS }) resolution!: string | null;
}

export class AnomalyPage extends pageOf(AnomalyItem) {}

export class SameHumanView {
  @ApiProperty({ type: [String], description: 'Every person record now linked as the one human (these two, and any linked to either before)' })
  personIds!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The path that follows the human: of their live paths (else of their open ones), the one their accompaniment went furthest on, then the earliest opened; null when none is open',
  })
  keptPathId!: string | null;
  @ApiProperty({ enum: PATH_STAGES, nullable: true, description: 'How far the accompaniment had gone on the path kept (convened, attended, diagnosed, oriented); null when none is open' })
  keptStage!: PathStage | null;
  @ApiProperty({ type: [String], description: 'Their other open paths, closed (same-person); the planner ends the convocations under way on them' })
  closedPathIds!: string[];
}

export class ResolvedAnomalyView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['resolved'] }) status!: string;
  @ApiProperty({ enum: ANOMALY_RESOLUTIONS }) resolution!: string;
  @ApiProperty({ format: 'date-time' }) resolvedAt!: string;
  @ApiProperty({ example: 'professional:8dde8bfe-76f4-4fb8-981a-a63dd3e4384e' }) resolvedBy!: string;
  @ApiProperty({ type: SameHumanView, nullable: true, description: 'For same-person-caf-notified: the records linked as one human and the paths closed; null otherwise' })
  sameHuman!: SameHumanView | null;
}

export class SameHumanUnlinkView {
  @ApiProperty({ type: String, nullable: true, description: 'The record taken out of the human; null when it was linked to no one (nothing done)' })
  personId!: string | null;
  @ApiProperty({ type: [String], description: 'The records the human still has (a single one is no longer linked)' })
  remainingPersonIds!: string[];
  @ApiProperty({ type: [String], description: 'Records left with no open path: the next import decides their entry again' })
  recheckPersonIds!: string[];
}

export class ReopenedAnomalyView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['open'] }) status!: string;
  @ApiProperty({ enum: ANOMALY_RESOLUTIONS, description: 'The review undone' }) previousResolution!: string;
  @ApiProperty({ type: SameHumanUnlinkView, nullable: true, description: 'For a same-person-caf-notified review undone: the link undone; null otherwise' })
  unlinked!: SameHumanUnlinkView | null;
  @ApiProperty({ description: 'For distinct-persons on a nir-birthdate-conflict: the record is kept out of the path again while the NIR holder is followed' })
  distinctDespiteNirUndone!: boolean;
}

const ERROR_MEANING: Record<number, string> = {
  400: 'Bad request: the error code and message say what to change',
  401: 'No valid bearer token',
  403: 'The role may not do this (ACCESS_FORBIDDEN)',
  404: 'No such file, reject or anomaly',
  409: 'Already done (an anomaly already resolved, or not resolved for a reopening), or an import under way',
  413: 'The upload is larger than INTAKE_MAX_UPLOAD_MB',
};

/** A route's answer and the errors it may give, in the API's error shape. */
export function Answers(status: number, type: Type<unknown>, errors: number[], description = ''): MethodDecorator {
  return applyDecorators(
    ApiResponse({ status, type, description }),
    ...[401, 403, ...errors].map((code) => ApiResponse({ status: code, type: ApiErrorResponse, description: ERROR_MEANING[code] })),
  );
}
