import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { ACCOMPANYING_ROLES } from '@rsa/kernel';
import { IsCalendarDay, QueryBoolean } from '@rsa/platform';
import { APPOINTMENT_KINDS, RECEPTIONS, type AppointmentKind, type Reception } from '../domain/appointment';
import { SENDING_DAYTIME } from '../domain/policy';
import { CANCEL_REASONS, EXCUSE_REASONS, type CancelReason } from '../application/appointment-commands';
import { CAMPAIGN_PRIORITIES, CAMPAIGN_SEGMENTS, type CampaignPriority, type CampaignSegment } from '../application/campaigns';
import { ALERT_KINDS, type AlertKind } from '../application/convocation-queries';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A time of day within SENDING_DAYTIME (HH:MM compares as text). */
const IsDaytime = () =>
  ValidateBy({
    name: 'isDaytime',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value >= SENDING_DAYTIME.from && value <= SENDING_DAYTIME.until,
      defaultMessage: (args) => `${args?.property ?? 'the time'} must be between ${SENDING_DAYTIME.from} and ${SENDING_DAYTIME.until}`,
    },
  });
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const TERRITORY = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** Why an appointment moves: codes, not free text. */
export const MOVE_REASONS = ['person-request', 'call-centre', 'place-closed', 'professional-absent', 'error'] as const;

export class OpeningHoursDto {
  @ApiProperty({ description: '1 Monday … 7 Sunday' }) @IsInt() @Min(1) @Max(7) weekday!: number;
  @ApiProperty({ example: '09:00' }) @Matches(TIME) from!: string;
  @ApiProperty({ example: '12:30' }) @Matches(TIME) to!: string;
}

export class PlaceDto {
  @ApiProperty({ example: 'roubaix-tourcoing' }) @Matches(TERRITORY) territoryId!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() structureId?: string;
  @ApiProperty({ example: 'Maison Nord Emploi de Roubaix' }) @IsString() @Length(1, 160) name!: string;
  @ApiProperty({ example: ['12 rue de la Gare'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(4) @IsString({ each: true }) @Length(1, 80, { each: true }) addressLines!: string[];
  @ApiProperty({ example: '59100' }) @Matches(/^\d{5}$/) postcode!: string;
  @ApiProperty({ example: 'Roubaix' }) @IsString() @Length(1, 80) city!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) accessInformation?: string;
  @ApiProperty({ example: '03 20 00 00 00' }) @Matches(/^[0-9 +.]{8,20}$/) contactPhone!: string;
  @ApiProperty({ example: 'du lundi au vendredi, de 9 h à 17 h' }) @IsString() @Length(1, 120) contactHours!: string;
  @ApiProperty({ type: [OpeningHoursDto] }) @IsArray() @ArrayMaxSize(14) @ValidateNested({ each: true }) @Type(() => OpeningHoursDto) openingHours!: OpeningHoursDto[];
}

export class ClosureDto {
  @ApiProperty({ example: '2026-12-24' }) @IsCalendarDay() fromDay!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDay() toDay!: string;
  @ApiProperty({ example: 'travaux' }) @IsString() @Length(1, 120) reason!: string;
}

export class AgendaDto {
  @ApiProperty({ example: 'Co-diagnostics du mardi' }) @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ enum: APPOINTMENT_KINDS }) @IsIn(APPOINTMENT_KINDS) kind!: AppointmentKind;
  @ApiProperty({ enum: RECEPTIONS }) @IsIn(RECEPTIONS) reception!: Reception;
  @ApiProperty({ example: 60 }) @IsInt() @Min(10) @Max(480) durationMinutes!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(200) capacity!: number;
  @ApiPropertyOptional({ example: ['ft_counsellor', 'referent'] }) @IsOptional() @IsArray() @ArrayMaxSize(4) @IsIn(ACCOMPANYING_ROLES, { each: true }) expectedRoles?: string[];
}

export class SlotGenerationDto {
  @ApiProperty({ example: '2026-12-07' }) @IsCalendarDay() from!: string;
  @ApiProperty({ example: '2026-12-18' }) @IsCalendarDay() to!: string;
  @ApiProperty({ example: ['09:00', '10:30', '14:00'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(24) @Matches(TIME, { each: true }) times!: string[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(200) capacity?: number;
}

export class PlaceDayQueryDto {
  @ApiProperty({ example: '2026-12-08', description: 'The day (Paris)' }) @IsCalendarDay() day!: string;
}

export class SlotsQueryDto {
  @ApiProperty({ example: '2026-12-07' }) @IsCalendarDay() from!: string;
  @ApiProperty({ example: '2026-12-18' }) @IsCalendarDay() to!: string;
  @ApiPropertyOptional({ enum: APPOINTMENT_KINDS }) @IsOptional() @IsIn(APPOINTMENT_KINDS) kind?: string;
  @ApiPropertyOptional({ description: 'Only slots with room' }) @IsOptional() @QueryBoolean() withRoom?: boolean;
}

export class PolicyDto {
  @ApiProperty() @IsBoolean() inviteFirst!: boolean;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(10) invitationReminderDays!: number;
  @ApiProperty({ example: 6 }) @IsInt() @Min(2) @Max(12) invitationExpiryDays!: number;
  @ApiProperty({ example: 10 }) @IsInt() @Min(3) @Max(30) relanceWithinDays!: number;
  @ApiProperty({ example: 2 }) @IsInt() @Min(0) @Max(5) maxRelances!: number;
  @ApiProperty({ example: 2, description: 'At least one working day: a letter does not arrive the day it leaves' }) @IsInt() @Min(1) @Max(5) minLeadWorkingDays!: number;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(5) reminderWorkingDaysBefore!: number;
  @ApiProperty({ example: '09:00', description: `${SENDING_DAYTIME.from} at the earliest: never at night` }) @Matches(TIME) @IsDaytime() sendFrom!: string;
  @ApiProperty({ example: '19:00', description: `${SENDING_DAYTIME.until} at the latest` }) @Matches(TIME) @IsDaytime() sendUntil!: string;
}

export class AlertsQueryDto {
  @ApiPropertyOptional({ enum: ALERT_KINDS }) @IsOptional() @IsIn(ALERT_KINDS) kind?: AlertKind;
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() includeResolved?: boolean;
}

export class BookDto {
  @ApiProperty() @IsUUID() slotId!: string;
}

export class MoveDto {
  @ApiProperty() @IsUUID() slotId!: string;
  @ApiProperty({ enum: MOVE_REASONS }) @IsIn(MOVE_REASONS) reasonCode!: string;
}

export class CancelDto {
  @ApiProperty({ enum: CANCEL_REASONS }) @IsIn(CANCEL_REASONS) reasonCode!: CancelReason;
}

export class AttendanceDto {
  @ApiProperty({ enum: ['honoured', 'absent', 'excused'] }) @IsIn(['honoured', 'absent', 'excused']) attendance!: 'honoured' | 'absent' | 'excused';
  @ApiPropertyOptional({ enum: EXCUSE_REASONS, description: 'Required for an excuse' }) @IsOptional() @IsIn(EXCUSE_REASONS) reasonCode?: string;
}

export class CampaignDto {
  @ApiProperty() @Matches(TERRITORY) territoryId!: string;
  @ApiProperty() @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ enum: CAMPAIGN_SEGMENTS }) @IsIn(CAMPAIGN_SEGMENTS) segment!: CampaignSegment;
  @ApiProperty({ enum: CAMPAIGN_PRIORITIES }) @IsIn(CAMPAIGN_PRIORITIES) priority!: CampaignPriority;
  @ApiProperty({ example: 103 }) @IsInt() @Min(1) @Max(5000) monthlyPace!: number;
  @ApiProperty({ example: '2026-12' }) @Matches(MONTH) fromMonth!: string;
  @ApiProperty({ example: '2027-06' }) @Matches(MONTH) toMonth!: string;
}

export { TERRITORY as TERRITORY_PATTERN };
