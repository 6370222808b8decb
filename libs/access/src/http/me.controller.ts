import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserActor } from '@rsa/kernel';
import { Access } from '@rsa/platform';
import { CurrentActor } from './current-actor.decorator';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  /** What the web UI needs to show the right screens: who, which habilitation, what they may do. */
  @Get()
  @Access()
  @ApiOperation({ summary: 'The authenticated professional, their habilitation and permissions' })
  me(@CurrentActor() actor: UserActor) {
    return {
      professionalId: actor.professionalId,
      habilitationId: actor.habilitationId,
      role: actor.role,
      structureId: actor.structureId,
      territoryIds: actor.territoryIds,
      scope: actor.scope,
      permissions: [...actor.permissions].sort(),
      mfa: actor.mfa,
    };
  }
}
