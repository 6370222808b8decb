import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@rsa/access';
import { Permission, type UserActor } from '@rsa/kernel';
import { Access, SubjectOf } from '@rsa/platform';
import { ContractCommands } from '../application/contract-commands';
import { ContractQueries } from '../application/contract-queries';
import { PathExits } from '../application/path-exits';
import { ActionDto, ActionPatchDto, BilanDto, ExitDto, IntensityAdjustmentDto, IntensityQueryDto, MilestoneDto, RenewalDto, SignContractDto } from './contract.dto';

@ApiTags('contract')
@ApiBearerAuth()
@Controller()
export class ContractController {
  constructor(
    private readonly commands: ContractCommands,
    private readonly queries: ContractQueries,
    private readonly exits: PathExits,
  ) {}

  @Post('beneficiaries/:personId/contracts')
  @Access(Permission.ContractWrite)
  @ApiOperation({ summary: 'Draw up a contract (CER, or PPAE when France Travail is the referent) for the current orientation' })
  create(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.commands.create(actor, personId);
  }

  @Get('beneficiaries/:personId/contracts')
  @Access(Permission.ContractRead)
  @ApiOperation({ summary: "A person's contracts, most recent first, with periods, action plan, adjustments, bilans and versions" })
  forPerson(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.queries.forPerson(actor, personId);
  }

  @Get('contracts/:id')
  @Access(Permission.ContractRead)
  @SubjectOf('contract')
  @ApiOperation({ summary: 'A contract with its periods (history), action plan, adjustments, bilans and versions' })
  get(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.get(actor, id);
  }

  @Post('contracts/:id/sign')
  @HttpCode(200)
  @Access(Permission.ContractWrite)
  @SubjectOf('contract')
  @ApiOperation({ summary: 'Sign: the first period by dominante (Emploi 3 months, Équilibre and Remobilisation 6) and the bilan at its end' })
  sign(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SignContractDto) {
    return this.commands.sign(actor, id, body.expectedVersion, body.signedOn);
  }

  @Post('contracts/:id/actions')
  @Access(Permission.ContractWrite)
  @SubjectOf('contract')
  @ApiOperation({ summary: 'Add an action to the plan: category and code, weekly hours, dates, provider' })
  addAction(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ActionDto) {
    const { expectedVersion, ...action } = body;
    return this.commands.addAction(actor, id, expectedVersion, action);
  }

  @Patch('contracts/:id/actions/:actionId')
  @Access(Permission.ContractWrite)
  @SubjectOf('contract')
  @ApiOperation({ summary: 'Change an action: status (in progress, done, cancelled with its reason), hours, dates' })
  changeAction(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Param('actionId', ParseUUIDPipe) actionId: string, @Body() body: ActionPatchDto) {
    const { expectedVersion, ...patch } = body;
    return this.commands.changeAction(actor, id, actionId, expectedVersion, patch);
  }

  @Post('contracts/:id/intensity-adjustments')
  @Access(Permission.ContractWrite)
  @SubjectOf('contract')
  @ApiOperation({ summary: 'Another weekly floor than 15 h for some weeks, with its reason' })
  adjust(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: IntensityAdjustmentDto) {
    return this.commands.adjustIntensity(actor, id, body.expectedVersion, { weeklyHours: body.weeklyHours, reason: body.reason ?? null, from: body.from, to: body.to });
  }

  @Get('contracts/:id/intensity')
  @Access(Permission.ContractRead)
  @SubjectOf('contract')
  @ApiOperation({ summary: "Each week's planned hours, the floor that applies and whether it is met" })
  intensity(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() query: IntensityQueryDto) {
    return this.queries.intensity(actor, id, query);
  }

  @Post('contracts/:id/bilan')
  @Access(Permission.ContractWrite)
  @SubjectOf('contract')
  @ApiOperation({ summary: 'The bilan of the current period (or of an earlier one renewed without it): outcome (renew, reorient, exit) and next steps' })
  bilan(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: BilanDto) {
    return this.commands.recordBilan(actor, id, body.expectedVersion, { heldOn: body.heldOn, outcome: body.outcome, nextSteps: body.nextSteps, periodSeq: body.periodSeq });
  }

  @Post('contracts/:id/renewals')
  @Access(Permission.ContractWrite)
  @SubjectOf('contract')
  @ApiOperation({ summary: 'Renew: the next period by dominante (Emploi and Équilibre + 3 months, Remobilisation + 6), after the bilan' })
  renew(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RenewalDto) {
    return this.commands.renew(actor, id, body.expectedVersion, body.withoutBilanReason ?? null);
  }

  @Post('beneficiaries/:personId/exit')
  @Access(Permission.ContractWrite)
  @ApiOperation({ summary: 'Exit from the path with its reason: the orientation closes and the contract ends' })
  exit(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string, @Body() body: ExitDto) {
    return this.exits.exit(actor, personId, body);
  }

  @Get('beneficiaries/:personId/exits')
  @Access(Permission.ContractRead)
  @ApiOperation({ summary: "A person's exits with the follow-up in employment (1, 3 and 6 months)" })
  exitsOf(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.exits.forPerson(actor, personId);
  }

  @Post('exits/:id/milestones/:milestone')
  @HttpCode(200)
  @Access(Permission.ContractWrite)
  @SubjectOf('path_exit')
  @ApiOperation({ summary: 'Follow-up in employment at 1-month, 3-months or 6-months: still in employment or not' })
  milestone(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Param('milestone') milestone: string, @Body() body: MilestoneDto) {
    return this.exits.recordMilestone(actor, id, milestone, body);
  }
}
