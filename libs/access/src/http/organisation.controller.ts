import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UserActor } from '@rsa/kernel';
import { Access } from '@rsa/platform';
import { Organisation } from '../application/organisation';
import { CurrentActor } from './current-actor.decorator';
import { TerritoryIdPipe } from './territory-id.pipe';
import {
  HabilitationDto,
  HabilitationPatchDto,
  ListProfessionalsQueryDto,
  ListStructuresQueryDto,
  ProfessionalDto,
  RevokeHabilitationDto,
  StructureDto,
  StructurePatchDto,
  TerritoryDto,
} from './organisation.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly organisation: Organisation) {}

  @Get('territories')
  @Access(Permission.OrganisationRead)
  @ApiOperation({ summary: 'The territories (Maisons Nord Emploi) and how many communes each serves' })
  territories(@CurrentActor() actor: UserActor) {
    return this.organisation.listTerritories(actor);
  }

  @Get('territories/:id')
  @Access(Permission.OrganisationRead)
  @ApiOperation({ summary: 'A territory with its communes' })
  territory(@CurrentActor() actor: UserActor, @Param('id', TerritoryIdPipe) id: string) {
    return this.organisation.getTerritory(actor, id);
  }

  @Put('territories/:id')
  @Access(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Create or replace a territory and the list of its communes' })
  saveTerritory(@CurrentActor() actor: UserActor, @Param('id', TerritoryIdPipe) id: string, @Body() body: TerritoryDto) {
    return this.organisation.saveTerritory(actor, id, body);
  }

  @Get('structures')
  @Access(Permission.OrganisationRead)
  @ApiOperation({ summary: 'Structures (Département services, France Travail agencies, partners…)' })
  structures(@CurrentActor() actor: UserActor, @Query() query: ListStructuresQueryDto) {
    return this.organisation.listStructures(actor, query);
  }

  @Post('structures')
  @Access(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Create a structure' })
  createStructure(@CurrentActor() actor: UserActor, @Body() body: StructureDto) {
    return this.organisation.createStructure(actor, body);
  }

  @Patch('structures/:id')
  @Access(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Rename, re-code, move or deactivate a structure (deactivation ends its habilitations at once)' })
  updateStructure(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: StructurePatchDto) {
    return this.organisation.updateStructure(actor, id, body);
  }

  @Get('professionals')
  @Access(Permission.OrganisationRead)
  @ApiOperation({ summary: 'Professionals with their habilitations' })
  professionals(@CurrentActor() actor: UserActor, @Query() query: ListProfessionalsQueryDto) {
    return this.organisation.listProfessionals(actor, query);
  }

  @Get('professionals/:id')
  @Access(Permission.OrganisationRead)
  @ApiOperation({ summary: 'One professional with their habilitations' })
  professional(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.organisation.getProfessional(actor, id);
  }

  @Post('professionals')
  @Access(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Create the personal account of a professional (known by the identity provider subject)' })
  createProfessional(@CurrentActor() actor: UserActor, @Body() body: ProfessionalDto) {
    return this.organisation.createProfessional(actor, body);
  }

  @Post('professionals/:id/habilitations')
  @Access(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Habilitate a professional: role, structure, dates (never one’s own)' })
  addHabilitation(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: HabilitationDto) {
    return this.organisation.addHabilitation(actor, id, body);
  }

  @Patch('habilitations/:id')
  @Access(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Change the end date or the granted permissions of a habilitation' })
  updateHabilitation(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: HabilitationPatchDto) {
    return this.organisation.updateHabilitation(actor, id, body);
  }

  @Post('habilitations/:id/revoke')
  @Access(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Revoke a habilitation: refused from the next request on' })
  revokeHabilitation(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RevokeHabilitationDto) {
    return this.organisation.revokeHabilitation(actor, id, body.reasonCode);
  }
}
