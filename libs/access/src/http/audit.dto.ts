import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { InYearRange } from '@rsa/platform';

/**
 * A day (`2026-12-01`, a Paris day: `from` its start, `to` its end) or a moment with its offset: ISO 8601's
 * basic, week and ordinal forms (`20261204`, `2026-W49`, `2026-338`) are refused, not misread.
 */
const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const DAY_OR_INSTANT_MESSAGE = '$property must be a day (YYYY-MM-DD) or a date and time with its offset';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Entries concerning this beneficiary (person id), lists included' }) @IsOptional() @IsUUID() subjectId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorProfessionalId?: string;
  @ApiPropertyOptional({ example: 'beneficiary.read' }) @IsOptional() @Matches(/^[a-z][a-z0-9.-]{1,79}$|^http\.[A-Z]+ \S{1,70}$/) action?: string;
  @ApiPropertyOptional({ enum: ['allowed', 'denied', 'failed'] }) @IsOptional() @IsIn(['allowed', 'denied', 'failed']) outcome?: 'allowed' | 'denied' | 'failed';
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @Matches(DAY_OR_INSTANT, { message: DAY_OR_INSTANT_MESSAGE }) @IsISO8601({ strict: true }) @InYearRange() from?: string;
  @ApiPropertyOptional({ example: '2026-12-04T18:00:00+01:00' }) @IsOptional() @Matches(DAY_OR_INSTANT, { message: DAY_OR_INSTANT_MESSAGE }) @IsISO8601({ strict: true }) @InYearRange() to?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,18}$/) afterSeq?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit: number = 100;
}
