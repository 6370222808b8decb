import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { InYearRange } from '@rsa/platform';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Entries concerning this beneficiary (person id), lists included' }) @IsOptional() @IsUUID() subjectId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorProfessionalId?: string;
  @ApiPropertyOptional({ example: 'beneficiary.read' }) @IsOptional() @Matches(/^[a-z][a-z0-9.-]{1,79}$|^http\.[A-Z]+ \S{1,70}$/) action?: string;
  @ApiPropertyOptional({ enum: ['allowed', 'denied', 'failed'] }) @IsOptional() @IsIn(['allowed', 'denied', 'failed']) outcome?: 'allowed' | 'denied' | 'failed';
  @ApiPropertyOptional() @IsOptional() @IsISO8601() @InYearRange() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() @InYearRange() to?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,18}$/) afterSeq?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit: number = 100;
}
