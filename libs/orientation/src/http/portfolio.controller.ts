import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@rsa/access';
import { Permission, type UserActor } from '@rsa/kernel';
import { Access, SubjectOf } from '@rsa/platform';
import { PortfolioAssignments } from '../application/portfolio-assignments';
import { PortfolioCapacity } from '../application/portfolio-capacity';
import { FirstAppointments } from '../application/portfolio-first-appointments';
import { PortfolioQueries } from '../application/portfolio-queries';
import { PortfolioReviews } from '../application/portfolio-reviews';
import { PortfolioTransfers } from '../application/portfolio-transfers';
import {
  AssignReferentDto, FirstAppointmentOutcomeDto, LoadQueryDto, ReferentSettingDto, ReviewDto, ScheduleFirstAppointmentDto, TERRITORY_PATTERN, TerritoryCapacityDto, TransferDto,
} from './portfolio.dto';

function territory(id: string): string {
  if (!TERRITORY_PATTERN.test(id)) throw new BadRequestException('A territory id is lower case letters, digits and dashes');
  return id;
}

@ApiTags('portfolio')
@ApiBearerAuth()
@Controller()
export class PortfolioController {
  constructor(
    private readonly capacity: PortfolioCapacity,
    private readonly assignments: PortfolioAssignments,
    private readonly firstAppointments: FirstAppointments,
    private readonly queries: PortfolioQueries,
    private readonly transfers: PortfolioTransfers,
    private readonly reviews: PortfolioReviews,
  ) {}

  // ---- capacity

  @Get('portfolio/territories/:territoryId/capacity')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: "A territory's portfolio capacity per dominante (60/70/60 by default) and review interval" })
  territoryCapacity(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.capacity.territory(actor, territory(territoryId));
  }

  @Put('portfolio/territories/:territoryId/capacity')
  @Access(Permission.PortfolioManage)
  @ApiOperation({ summary: "Set a territory's own capacity per dominante (e.g. 50 for all) and review interval" })
  setTerritoryCapacity(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Body() body: TerritoryCapacityDto) {
    return this.capacity.setTerritory(actor, territory(territoryId), body);
  }

  @Get('portfolio/referents/:professionalId')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: "A referent's habilitations, capacity (own and effective), absence and load" })
  referent(@CurrentActor() actor: UserActor, @Param('professionalId', ParseUUIDPipe) professionalId: string) {
    return this.capacity.referent(actor, professionalId);
  }

  @Put('portfolio/referents/:professionalId')
  @Access(Permission.PortfolioManage)
  @ApiOperation({ summary: "Set a referent's own capacity and absence (no new people suggested while absent)" })
  setReferent(@CurrentActor() actor: UserActor, @Param('professionalId', ParseUUIDPipe) professionalId: string, @Body() body: ReferentSettingDto) {
    return this.capacity.setReferent(actor, professionalId, body);
  }

  // ---- suggestion, assignment, first appointment

  @Get('beneficiaries/:personId/referent-suggestion')
  @Access(Permission.PortfolioManage)
  @ApiOperation({ summary: 'The referent to assign (most room in the dominante, in the right structure and territory), explained, with the other candidates' })
  suggestion(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.assignments.suggest(actor, personId);
  }

  @Post('beneficiaries/:personId/referent')
  @Access(Permission.PortfolioManage)
  @ApiOperation({ summary: 'Assign the referent (the suggested one or another; over capacity with a reason) and schedule the first appointment within 5 working days' })
  assign(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string, @Body() body: AssignReferentDto) {
    return this.assignments.assign(actor, personId, body);
  }

  @Get('beneficiaries/:personId/referent')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: "A person's referent and the history of their assignments and first appointments" })
  personReferent(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string) {
    return this.assignments.ofPerson(actor, personId);
  }

  @Post('beneficiaries/:personId/first-appointment')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: 'Schedule the first accompaniment appointment again (after a miss or a cancellation): the referent or a coordinator' })
  scheduleFirstAppointment(@CurrentActor() actor: UserActor, @Param('personId', ParseUUIDPipe) personId: string, @Body() body: ScheduleFirstAppointmentDto) {
    return this.firstAppointments.schedule(actor, personId, body);
  }

  @Post('portfolio/first-appointments/:id/outcome')
  @HttpCode(200)
  @Access(Permission.PortfolioRead)
  @SubjectOf('portfolio_first_appointment')
  @ApiOperation({ summary: 'Record how the first appointment went: honoured, missed, cancelled' })
  firstAppointmentOutcome(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FirstAppointmentOutcomeDto) {
    return this.firstAppointments.recordOutcome(actor, id, body.status);
  }

  @Get('portfolio/territories/:territoryId/first-appointments')
  @Access(Permission.PortfolioManage)
  @ApiOperation({ summary: 'People of the territory whose first accompaniment appointment is overdue or missing' })
  overdue(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.firstAppointments.overdue(actor, territory(territoryId));
  }

  // ---- portfolios and load

  @Get('portfolio/me')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: 'My portfolio: my people (dominante, start, first appointment, over capacity) and those I cover for an absent colleague' })
  mine(@CurrentActor() actor: UserActor) {
    return this.queries.mine(actor);
  }

  @Get('portfolio/referents/:professionalId/people')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: "A referent's people (the referent or the territory's coordinator)" })
  people(@CurrentActor() actor: UserActor, @Param('professionalId', ParseUUIDPipe) professionalId: string) {
    return this.queries.peopleOf(actor, professionalId);
  }

  @Get('portfolio/territories/:territoryId/load')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: 'Load per referent, structure and territory: capacity, use, over-capacity alerts and the trend over the last weeks (no person)' })
  load(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Query() query: LoadQueryDto) {
    return this.queries.load(actor, territory(territoryId), query.weeks);
  }

  // ---- transfers and reviews

  @Post('portfolio/transfers')
  @Access(Permission.PortfolioManage)
  @ApiOperation({ summary: "Transfer some or all of a referent's people to another: permanent, or temporary for an absence until a return day" })
  transfer(@CurrentActor() actor: UserActor, @Body() body: TransferDto) {
    return this.transfers.transfer(actor, body);
  }

  @Get('portfolio/referents/:professionalId/transfers')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: 'Transfers from and to a referent, with their people' })
  transferHistory(@CurrentActor() actor: UserActor, @Param('professionalId', ParseUUIDPipe) professionalId: string) {
    return this.transfers.history(actor, professionalId);
  }

  @Post('portfolio/referents/:professionalId/reviews')
  @Access(Permission.PortfolioManage)
  @ApiOperation({ summary: 'Record a portfolio review: date, participants, a decision per person; the next one is due after the territory interval' })
  review(@CurrentActor() actor: UserActor, @Param('professionalId', ParseUUIDPipe) professionalId: string, @Body() body: ReviewDto) {
    return this.reviews.record(actor, professionalId, body);
  }

  @Get('portfolio/referents/:professionalId/reviews')
  @Access(Permission.PortfolioRead)
  @ApiOperation({ summary: "A referent's portfolio reviews and when the next is due" })
  reviewList(@CurrentActor() actor: UserActor, @Param('professionalId', ParseUUIDPipe) professionalId: string) {
    return this.reviews.list(actor, professionalId);
  }
}
