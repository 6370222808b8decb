import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@rsa/access';
import { Permission, type UserActor } from '@rsa/kernel';
import { Access, ParseInt4Pipe, SubjectOf } from '@rsa/platform';
import { Diagnostics } from '../application/diagnostics';
import { CompareQueryDto, NewDiagnosticDto, NextDiagnosticVersionDto } from './orientation.dto';

@ApiTags('diagnostic')
@ApiBearerAuth()
@Controller()
export class DiagnosticController {
  constructor(private readonly diagnostics: Diagnostics) {}

  @Get('beneficiaries/:personId/diagnostics')
  @Access(Permission.DiagnosticRead)
  @ApiOperation({ summary: 'A person’s diagnostics (latest version of each) and the modality advised for a new one, with what it was derived from' })
  list(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.diagnostics.list(actor, personId);
  }

  @Post('beneficiaries/:personId/diagnostics')
  @Access(Permission.DiagnosticWrite)
  @ApiOperation({ summary: 'Open a 360° diagnostic with its first version (content checked: 422 listing the problems; score and profile computed)' })
  create(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string, @Body() body: NewDiagnosticDto) {
    return this.diagnostics.create(actor, personId, body);
  }

  @Post('diagnostics/:id/versions')
  @Access(Permission.DiagnosticWrite)
  @SubjectOf('orientation_diagnostic')
  @ApiOperation({ summary: 'A new version of a diagnostic (expectedVersion: the version read; stale: 409)' })
  addVersion(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: NextDiagnosticVersionDto) {
    return this.diagnostics.addVersion(actor, id, body);
  }

  @Get('diagnostics/:id')
  @Access(Permission.DiagnosticRead)
  @SubjectOf('orientation_diagnostic')
  @ApiOperation({ summary: 'A diagnostic’s latest version' })
  latest(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.diagnostics.latest(actor, id);
  }

  @Get('diagnostics/:id/compare')
  @Access(Permission.DiagnosticRead)
  @SubjectOf('orientation_diagnostic')
  @ApiOperation({ summary: 'What changed between two versions: theme by theme, criterion by criterion, and the score' })
  compare(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() query: CompareQueryDto) {
    return this.diagnostics.compare(actor, id, query.from, query.to);
  }

  @Get('diagnostics/:id/versions/:version')
  @Access(Permission.DiagnosticRead)
  @SubjectOf('orientation_diagnostic')
  @ApiOperation({ summary: 'One version of a diagnostic' })
  version(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Param('version', ParseInt4Pipe) version: number) {
    return this.diagnostics.version(actor, id, version);
  }
}
