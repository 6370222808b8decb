import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UserActor } from '@rsa/kernel';
import { CurrentActor } from '@rsa/access';
import { Access, SubjectOf } from '@rsa/platform';
import { AgendaCommands } from '../application/agenda-commands';
import { AppointmentCommands } from '../application/appointment-commands';
import { Campaigns } from '../application/campaigns';
import { ConvocationQueries } from '../application/convocation-queries';
import {
  AgendaDto,
  AlertsQueryDto,
  AttendanceDto,
  BookDto,
  CampaignDto,
  CancelDto,
  ClosureDto,
  MoveDto,
  PlaceDto,
  PolicyDto,
  SlotGenerationDto,
  PlaceDayQueryDto,
  SlotsQueryDto,
  TERRITORY_PATTERN,
} from './convocation.dto';

function territory(id: string): string {
  if (!TERRITORY_PATTERN.test(id)) throw new BadRequestException('A territory id is lower case letters, digits and dashes');
  return id;
}

@ApiTags('convocation')
@ApiBearerAuth()
@Controller()
export class ConvocationController {
  constructor(
    private readonly agenda: AgendaCommands,
    private readonly appointments: AppointmentCommands,
    private readonly queries: ConvocationQueries,
    private readonly campaigns: Campaigns,
  ) {}

  // ---- places, agendas, slots, policy

  @Get('convocation/territories/:territoryId/places')
  @Access(Permission.AppointmentRead)
  @ApiOperation({ summary: 'Places of a territory, with their opening hours' })
  places(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.agenda.listPlaces(actor, territory(territoryId));
  }

  @Post('convocation/places')
  @Access(Permission.AgendaManage)
  @ApiOperation({ summary: 'A place where appointments happen (a Maison Nord Emploi site or a partner’s)' })
  createPlace(@CurrentActor() actor: UserActor, @Body() body: PlaceDto) {
    return this.agenda.createPlace(actor, body);
  }

  @Post('convocation/places/:placeId/closures')
  @Access(Permission.AgendaManage)
  @ApiOperation({ summary: 'Close a place for some days: no more slots there, and the appointments to move' })
  closure(@CurrentActor() actor: UserActor, @Param('placeId', ParseUUIDPipe) placeId: string, @Body() body: ClosureDto) {
    return this.agenda.addClosure(actor, placeId, body);
  }

  @Post('convocation/places/:placeId/agendas')
  @Access(Permission.AgendaManage)
  @ApiOperation({ summary: 'An agenda: a kind of appointment at a place, its duration, capacity and expected professionals' })
  createAgenda(@CurrentActor() actor: UserActor, @Param('placeId', ParseUUIDPipe) placeId: string, @Body() body: AgendaDto) {
    return this.agenda.createAgenda(actor, placeId, body);
  }

  @Post('convocation/agendas/:agendaId/slots')
  @Access(Permission.AgendaManage)
  @ApiOperation({ summary: 'Generate slots on the working days of a period, inside opening hours' })
  generate(@CurrentActor() actor: UserActor, @Param('agendaId', ParseUUIDPipe) agendaId: string, @Body() body: SlotGenerationDto) {
    return this.agenda.generateSlots(actor, agendaId, body);
  }

  @Post('convocation/slots/:slotId/cancel')
  @HttpCode(200)
  @Access(Permission.AgendaManage)
  @ApiOperation({ summary: 'Cancel a slot nobody is booked on' })
  cancelSlot(@CurrentActor() actor: UserActor, @Param('slotId', ParseUUIDPipe) slotId: string) {
    return this.agenda.cancelSlot(actor, slotId);
  }

  @Get('convocation/places/:placeId/appointments')
  @Access(Permission.AppointmentRead)
  @ApiOperation({
    summary: "A place's appointments of a day: who is expected, to record attendance",
    description: 'For the professionals of the structure that runs the place, and for those who work its territory. Names only.',
  })
  placeDay(@CurrentActor() actor: UserActor, @Param('placeId', ParseUUIDPipe) placeId: string, @Query() query: PlaceDayQueryDto) {
    return this.queries.placeDay(actor, placeId, query.day);
  }

  @Get('convocation/territories/:territoryId/slots')
  @Access(Permission.AppointmentRead)
  @ApiOperation({ summary: 'Slots of a territory in a period (to book or move an appointment)' })
  slots(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Query() query: SlotsQueryDto) {
    return this.agenda.listSlots(actor, territory(territoryId), query);
  }

  @Get('convocation/territories/:territoryId/policy')
  @Access(Permission.AppointmentRead)
  @ApiOperation({ summary: 'How the territory convenes: invite first, relances, reminders, sending hours' })
  policy(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.agenda.getPolicy(actor, territory(territoryId));
  }

  @Put('convocation/territories/:territoryId/policy')
  @Access(Permission.ConvocationManage)
  @ApiOperation({ summary: 'Change how the territory convenes' })
  setPolicy(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Body() body: PolicyDto) {
    return this.agenda.setPolicy(actor, territory(territoryId), body);
  }

  // ---- alerts and figures

  @Get('convocation/territories/:territoryId/alerts')
  @Access(Permission.ConvocationManage)
  @ApiOperation({ summary: 'No slot within the deadline, people we cannot reach, people for the EP review' })
  alerts(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Query() query: AlertsQueryDto) {
    return this.queries.alerts(actor, territory(territoryId), query);
  }

  @Post('convocation/alerts/:alertId/resolve')
  @HttpCode(200)
  @Access(Permission.ConvocationManage)
  @SubjectOf('convocation_alert', { param: 'alertId' })
  @ApiOperation({ summary: 'Mark an alert as dealt with' })
  resolve(@CurrentActor() actor: UserActor, @Param('alertId', ParseUUIDPipe) alertId: string) {
    return this.queries.resolveAlert(actor, alertId);
  }

  @Get('convocation/territories/:territoryId/figures')
  @Access(Permission.ConvocationManage)
  @ApiOperation({ summary: 'Where people stand, the 15-day rule kept or not, messages sent' })
  figures(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.queries.figures(actor, territory(territoryId));
  }

  // ---- a person's appointments

  @Get('beneficiaries/:id/convocations')
  @Access(Permission.AppointmentRead)
  @ApiOperation({ summary: "A person's convocations: appointments with their history, messages with their receipts" })
  forPerson(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.forPerson(actor, id);
  }

  @Post('convocation/paths/:pathId/appointments')
  @Access(Permission.AppointmentManage)
  @SubjectOf('beneficiary_path', { param: 'pathId' })
  @ApiOperation({ summary: 'Book a slot for a person waiting to be convened (an invitation answered)' })
  book(@CurrentActor() actor: UserActor, @Param('pathId', ParseUUIDPipe) pathId: string, @Body() body: BookDto) {
    return this.appointments.book(actor, pathId, body.slotId);
  }

  @Post('convocation/appointments/:id/move')
  @HttpCode(200)
  @Access(Permission.AppointmentManage)
  @SubjectOf('convocation_appointment')
  @ApiOperation({ summary: 'Move an appointment: the person gets the new date, reminders follow' })
  move(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: MoveDto) {
    return this.appointments.move(actor, id, body.slotId, body.reasonCode);
  }

  @Post('convocation/appointments/:id/cancel')
  @HttpCode(200)
  @Access(Permission.AppointmentManage)
  @SubjectOf('convocation_appointment')
  @ApiOperation({ summary: 'Cancel an appointment (the person is convened again unless no longer needed)' })
  cancel(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelDto) {
    return this.appointments.cancel(actor, id, body.reasonCode);
  }

  @Post('convocation/appointments/:id/confirm')
  @HttpCode(200)
  @Access(Permission.AppointmentManage)
  @SubjectOf('convocation_appointment')
  @ApiOperation({ summary: 'The person confirmed they will come' })
  confirm(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.appointments.confirm(actor, id);
  }

  @Post('convocation/appointments/:id/attendance')
  @HttpCode(200)
  @Access(Permission.AppointmentManage)
  @SubjectOf('convocation_appointment')
  @ApiOperation({ summary: 'Record attendance: honoured, absent (relance, then EP review) or excused (a new convocation)' })
  attendance(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AttendanceDto) {
    return this.appointments.recordAttendance(actor, id, body.attendance, body.reasonCode ?? null);
  }

  // ---- stock reprise campaigns

  @Post('convocation/campaigns')
  @Access(Permission.ConvocationManage)
  @ApiOperation({ summary: 'A stock reprise campaign: a segment, a priority rule, a monthly pace' })
  createCampaign(@CurrentActor() actor: UserActor, @Body() body: CampaignDto) {
    return this.campaigns.create(actor, body);
  }

  @Get('convocation/territories/:territoryId/campaigns')
  @Access(Permission.ConvocationManage)
  @ApiOperation({ summary: "A territory's campaigns and their progress" })
  listCampaigns(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.campaigns.list(actor, territory(territoryId));
  }

  @Get('convocation/campaigns/:id')
  @Access(Permission.ConvocationManage)
  @ApiOperation({ summary: "A campaign's progress: members, released, convened, honoured, this month against its pace" })
  campaign(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.progress(actor, id);
  }
}
