import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@rsa/access';
import { Permission, type UserActor } from '@rsa/kernel';
import { Access, SubjectOf } from '@rsa/platform';
import { DEPARTEMENT_PATTERN, DominanteCodes } from '../application/dominante-codes';
import { OrientationDecisions } from '../application/orientation-decisions';
import { Reorientations } from '../application/reorientations';
import { RuleSets } from '../application/rule-sets';
import { Simulations } from '../application/simulations';
import { TargetMixes } from '../application/target-mixes';
import {
  DecisionDto,
  DirectReorientationDto,
  DominanteCodesDto,
  ReorientationDecisionDto,
  ReorientationRequestDto,
  RuleSetDto,
  SimulationDto,
  TargetMixDto,
  TERRITORY_PATTERN,
} from './orientation.dto';

function territory(id: string): string {
  if (!TERRITORY_PATTERN.test(id)) throw new BadRequestException('A territory id is lower case letters, digits and dashes');
  return id;
}

function departement(code: string): string {
  if (!DEPARTEMENT_PATTERN.test(code)) throw new BadRequestException('A département is its code: 59, 2A, 974…');
  return code;
}

@ApiTags('orientation')
@ApiBearerAuth()
@Controller()
export class OrientationController {
  constructor(
    private readonly ruleSets: RuleSets,
    private readonly mixes: TargetMixes,
    private readonly simulations: Simulations,
    private readonly decisions: OrientationDecisions,
    private readonly reorientations: Reorientations,
    private readonly codes: DominanteCodes,
  ) {}

  // ---- territory settings: rule sets, target mix, simulation

  @Get('orientation/territories/:territoryId/rule-sets')
  @Access(Permission.OrientationSimulate)
  @ApiOperation({ summary: 'A territory’s rule sets (every version) and the one it applies now (the référentiel, version 0, without an active one)' })
  listRuleSets(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.ruleSets.list(actor, territory(territoryId));
  }

  @Post('orientation/territories/:territoryId/rule-sets')
  @Access(Permission.OrientationRules)
  @ApiOperation({ summary: 'A draft rule set: the territory’s next version (checked: a catch-all last; 422 listing the problems)' })
  createRuleSet(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Body() body: RuleSetDto) {
    return this.ruleSets.create(actor, territory(territoryId), body);
  }

  @Get('orientation/rule-sets/:id')
  @Access(Permission.OrientationSimulate)
  @ApiOperation({ summary: 'One rule set' })
  ruleSet(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.ruleSets.get(actor, id);
  }

  @Post('orientation/rule-sets/:id/activate')
  @HttpCode(200)
  @Access(Permission.OrientationRules)
  @ApiOperation({ summary: 'Activate a draft: the territory’s active rule set is retired in the same transaction' })
  activate(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.ruleSets.activate(actor, id);
  }

  @Get('orientation/territories/:territoryId/target-mix')
  @Access(Permission.OrientationSimulate)
  @ApiOperation({ summary: 'The territory’s target mix of dominantes (configured, the experiment’s default, or none)' })
  targetMix(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.mixes.get(actor, territory(territoryId));
  }

  @Put('orientation/territories/:territoryId/target-mix')
  @Access(Permission.OrientationRules)
  @ApiOperation({ summary: 'Set the territory’s target mix (percentages adding up to 100)' })
  setTargetMix(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Body() body: TargetMixDto) {
    const { expectedVersion, ...mix } = body;
    return this.mixes.set(actor, territory(territoryId), mix, expectedVersion);
  }

  @Post('orientation/territories/:territoryId/simulations')
  @HttpCode(200)
  @Access(Permission.OrientationSimulate)
  @ApiOperation({ summary: 'Run a rule set (the current one or a draft) over the territory’s diagnosed population, writing nothing: the mix against the target, people per rule' })
  simulate(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Body() body: SimulationDto) {
    return this.simulations.run(actor, territory(territoryId), body);
  }

  // ---- one person: proposal, decision, periods

  @Get('beneficiaries/:personId/orientation/proposal')
  @Access(Permission.OrientationRead)
  @ApiOperation({ summary: 'The territory’s rule set applied to the person’s latest diagnostic version: dominante, structure kinds, the rule and why (and why not the others)' })
  proposal(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.decisions.proposal(actor, personId);
  }

  @Post('beneficiaries/:personId/orientation/decisions')
  @Access(Permission.OrientationDecide)
  @ApiOperation({ summary: 'The orientation decision: accept or override the proposal (with a reason), the person’s agreement; opens the orientation period' })
  decide(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string, @Body() body: DecisionDto) {
    return this.decisions.decide(actor, personId, body);
  }

  @Get('beneficiaries/:personId/orientations')
  @Access(Permission.OrientationRead)
  @ApiOperation({ summary: 'The current orientation period and the history of periods with their decisions and dominante codes' })
  orientations(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.decisions.orientations(actor, personId);
  }

  // ---- réorientation

  @Post('beneficiaries/:personId/reorientation-requests')
  @Access(Permission.OrientationDecide)
  @ApiOperation({ summary: 'Ask for a réorientation (the EP reviews it when the rule says so); notifies the referent, the requester and the coordinators' })
  requestReorientation(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string, @Body() body: ReorientationRequestDto) {
    return this.reorientations.request(actor, personId, body);
  }

  @Get('beneficiaries/:personId/reorientation-requests')
  @Access(Permission.OrientationRead)
  @ApiOperation({ summary: 'A person’s réorientation requests, most recent first' })
  personRequests(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.reorientations.listForPerson(actor, personId);
  }

  @Get('orientation/territories/:territoryId/reorientation-requests')
  @Access(Permission.ReorientationDecide)
  @ApiOperation({ summary: 'The territory’s pending réorientation requests, oldest first (coordinators)' })
  pendingRequests(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.reorientations.pendingForTerritory(actor, territory(territoryId));
  }

  @Post('reorientation-requests/:id/decision')
  @HttpCode(200)
  @Access(Permission.ReorientationDecide)
  @SubjectOf('orientation_reorientation_request')
  @ApiOperation({ summary: 'Accept or refuse a réorientation request (EP cases: the EP’s day and opinion); accepted closes the current period and opens the new one' })
  decideReorientation(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReorientationDecisionDto) {
    return this.reorientations.decide(actor, id, body);
  }

  @Post('beneficiaries/:personId/reorientations')
  @Access(Permission.ReorientationDecide)
  @ApiOperation({ summary: 'A direct réorientation: closes the current period, opens the new one, and closes the person’s pending requests' })
  reorient(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string, @Body() body: DirectReorientationDto) {
    return this.reorientations.direct(actor, personId, body);
  }

  // ---- dominante codes

  @Get('orientation/dominante-codes/:departement')
  @Access()
  @ApiOperation({ summary: 'Each dominante’s France Travail parcours code and CASF category in a département (OrientationRead, OrientationRules or OrientationSimulate)' })
  dominanteCodes(@CurrentActor() actor: UserActor, @Param('departement') code: string) {
    return this.codes.get(actor, departement(code));
  }

  @Put('orientation/dominante-codes/:departement')
  @Access(Permission.OrientationRules)
  @ApiOperation({ summary: 'Set a département’s dominante codes' })
  setDominanteCodes(@CurrentActor() actor: UserActor, @Param('departement') code: string, @Body() body: DominanteCodesDto) {
    return this.codes.set(actor, departement(code), body);
  }
}
