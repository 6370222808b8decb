import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { INT4_MAX } from '@rsa/platform';
import { ANOMALY_RESOLUTIONS } from '../domain/anomaly-resolutions';

const LIMIT = { message: 'limit must be a whole number from 1 to 500' };
const OFFSET = { message: 'offset must be a whole number, 0 or more' };

export class PageQueryDto {
  @ApiPropertyOptional({ type: Number, default: 50, minimum: 1, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt(LIMIT) @Min(1, LIMIT) @Max(500, LIMIT)
  limit = 50;

  @ApiPropertyOptional({ type: Number, default: 0, minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt(OFFSET) @Min(0, OFFSET) @Max(INT4_MAX)
  offset = 0;
}

export class ListFilesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['received', 'processing', 'imported', 'rejected', 'failed'] })
  @IsOptional() @IsIn(['received', 'processing', 'imported', 'rejected', 'failed'])
  status?: string;
}

export class AnomalyQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], default: 'open' })
  @IsOptional() @IsIn(['open', 'resolved'])
  status?: string;

  @ApiPropertyOptional({ description: 'An anomaly kind, e.g. nir-birthdate-conflict, unknown-code, same-header-other-bytes' })
  @IsOptional() @IsString() @Matches(/^[a-z-]{1,32}$/)
  kind?: string;
}

export class ResolveAnomalyDto {
  @ApiProperty({ enum: ANOMALY_RESOLUTIONS, description: 'What the review found (a code, no free text)' })
  @IsString()
  resolution!: string;
}
