import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UserActor } from '@rsa/kernel';
import { CurrentActor } from '@rsa/access';
import { Access, SubjectOf } from '@rsa/platform';
import { AnomalyReview } from '../application/anomaly-review';
import { IntakeQueries } from '../application/intake-queries';
import { AnomalyQueueQueryDto, ResolveAnomalyDto } from './intake.dto';
import { AnomalyPage, Answers, ReopenedAnomalyView, ResolvedAnomalyView } from './intake.responses';

/** The review queue of intake anomalies, across files (a file's own list is under /intake/files/:id/anomalies). */
@ApiTags('intake')
@ApiBearerAuth()
@Controller('intake/anomalies')
export class IntakeAnomaliesController {
  constructor(
    private readonly queries: IntakeQueries,
    private readonly review: AnomalyReview,
  ) {}

  @Get()
  @Access(Permission.IntakeReadRaw)
  @ApiOperation({ summary: 'Anomalies to review across files, oldest first (open by default)' })
  @Answers(200, AnomalyPage, [400])
  queue(@CurrentActor() actor: UserActor, @Query() query: AnomalyQueueQueryDto) {
    return this.queries.anomalyQueue(actor, query);
  }

  @Post(':anomalyId/resolve')
  @HttpCode(200)
  @Access(Permission.IntakeReview)
  @SubjectOf('intake_anomaly', { param: 'anomalyId', columns: ['person_id', 'other_person_id'] })
  @ApiOperation({
    summary: 'Mark an anomaly reviewed, with what was found (audited)',
    description:
      'Changes no beneficiary data, except same-person-caf-notified on an anomaly naming two person records: they are linked as one human, ' +
      'followed on one path (the other open paths are closed). That one is refused (409 INTAKE_IMPORT_UNDER_WAY) while a CAF file is being imported.',
  })
  @Answers(200, ResolvedAnomalyView, [400, 404, 409, 422])
  resolve(@CurrentActor() actor: UserActor, @Param('anomalyId') anomalyId: string, @Body() body: ResolveAnomalyDto) {
    return this.review.resolve(actor, anomalyId, body.resolution);
  }

  @Post(':anomalyId/reopen')
  @HttpCode(200)
  @Access(Permission.IntakeReview)
  @SubjectOf('intake_anomaly', { param: 'anomalyId', columns: ['person_id', 'other_person_id'] })
  @ApiOperation({
    summary: 'Undo a review that got it wrong: the anomaly is open again (audited)',
    description:
      'A same-person-caf-notified link is undone for the anomaly\'s record: a human of its own again; whoever of the records is left without an open path ' +
      'is decided again at the next import. A distinct-persons finding on a nir-birthdate-conflict is undone too. 409 INTAKE_ANOMALY_NOT_RESOLVED on an open anomaly, ' +
      '409 INTAKE_IMPORT_UNDER_WAY while a CAF file is being imported.',
  })
  @Answers(200, ReopenedAnomalyView, [400, 404, 409])
  reopen(@CurrentActor() actor: UserActor, @Param('anomalyId') anomalyId: string) {
    return this.review.reopen(actor, anomalyId);
  }
}
