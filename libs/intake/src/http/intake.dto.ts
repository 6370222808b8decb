import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}

export class ListFilesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['received', 'processing', 'imported', 'rejected', 'failed'] })
  @IsOptional() @IsIn(['received', 'processing', 'imported', 'rejected', 'failed'])
  status?: string;
}
