import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsDayOrInstant } from '@rsa/platform';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Entries concerning this beneficiary (person id), lists included' }) @IsOptional() @IsUUID() subjectId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorProfessionalId?: string;
  @ApiPropertyOptional({ example: 'beneficiary.read' }) @IsOptional() @Matches(/^[a-z][a-z0-9.-]{1,79}$|^http\.[A-Z]+ \S{1,70}$/) action?: string;
  @ApiPropertyOptional({ enum: ['allowed', 'denied', 'failed'] }) @IsOptional() @IsIn(['allowed', 'denied', 'failed']) outcome?: 'allowed' | 'denied' | 'failed';
  /** A Paris day (`from` its start, `to` its end, the day included) or a moment with its offset. */
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsDayOrInstant() from?: string;
  @ApiPropertyOptional({ example: '2026-12-04T18:00:00+01:00' }) @IsOptional() @IsDayOrInstant() to?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,18}$/) afterSeq?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit: number = 100;
}
