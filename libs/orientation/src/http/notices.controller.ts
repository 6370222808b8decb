import { Controller, DefaultValuePipe, Get, HttpCode, Param, ParseBoolPipe, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@rsa/access';
import { Permission, type UserActor } from '@rsa/kernel';
import { Access } from '@rsa/platform';
import { Notices } from '../application/notices';

@ApiTags('orientation')
@ApiBearerAuth()
@Controller('orientation/notices')
export class NoticesController {
  constructor(private readonly notices: Notices) {}

  @Get()
  @Access(Permission.OrientationRead)
  @ApiOperation({ summary: 'My notices: réorientations, transfers, capacity, contracts expiring, bilans due (most recent first)' })
  list(
    @CurrentActor() actor: UserActor,
    @Query('unread', new DefaultValuePipe(false), ParseBoolPipe) unread: boolean,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
  ) {
    return this.notices.list(actor, { unreadOnly: unread, limit: Math.min(Math.max(limit, 1), 500) });
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access(Permission.OrientationRead)
  @ApiOperation({ summary: 'Mark one of my notices read' })
  read(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.notices.markRead(actor, id);
  }
}
