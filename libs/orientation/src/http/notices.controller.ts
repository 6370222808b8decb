import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentActor } from '@rsa/access';
import { Permission, type UserActor } from '@rsa/kernel';
import { Access, QueryBoolean } from '@rsa/platform';
import { Notices } from '../application/notices';

export class NoticesQueryDto {
  @ApiPropertyOptional({ description: 'Only the notices not read yet' }) @IsOptional() @QueryBoolean() unread?: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

@ApiTags('orientation')
@ApiBearerAuth()
@Controller('orientation/notices')
export class NoticesController {
  constructor(private readonly notices: Notices) {}

  @Get()
  @Access(Permission.OrientationRead)
  @ApiOperation({ summary: 'My notices: réorientations, transfers, capacity, contracts expiring, bilans due (most recent first)' })
  list(@CurrentActor() actor: UserActor, @Query() query: NoticesQueryDto) {
    return this.notices.list(actor, { unreadOnly: query.unread ?? false, limit: query.limit ?? 100 });
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access(Permission.OrientationRead)
  @ApiOperation({ summary: 'Mark one of my notices read' })
  read(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.notices.markRead(actor, id);
  }
}
