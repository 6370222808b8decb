import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Permission, type UserActor } from '@rsa/kernel';
import { CurrentActor } from '@rsa/access';
import { Access } from '@rsa/platform';
import { Retention } from '../application/retention';

class PeriodDto {
  @ApiProperty({ description: 'Months after which the category is anonymised or deleted' }) @IsInt() @Min(1) @Max(240) months!: number;
}

class RunsQueryDto {
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit: number = 20;
}

@ApiTags('retention')
@ApiBearerAuth()
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: Retention) {}

  @Get('policies')
  @Access(Permission.RetentionManage)
  @ApiOperation({ summary: 'Retention period of each category of data' })
  policies(@CurrentActor() actor: UserActor) {
    return this.retention.policies(actor);
  }

  @Put('policies/:category')
  @Access(Permission.RetentionManage)
  @ApiOperation({ summary: 'Change a retention period (raw CAF data may not outlive identities)' })
  setPeriod(@CurrentActor() actor: UserActor, @Param('category') category: string, @Body() body: PeriodDto) {
    return this.retention.setPeriod(actor, category, body.months);
  }

  @Get('runs')
  @Access(Permission.RetentionManage)
  @ApiOperation({ summary: 'The last retention runs and their reports' })
  runs(@CurrentActor() actor: UserActor, @Query() query: RunsQueryDto) {
    return this.retention.runs(actor, query.limit);
  }

  @Post('runs')
  @Access(Permission.RetentionManage)
  @ApiOperation({ summary: 'Start a dry run now: what is past its period, without changing anything' })
  dryRun(@CurrentActor() actor: UserActor) {
    return this.retention.run(actor, { apply: false });
  }
}
