import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsUUID, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDay, IsInstant } from '@rsa/platform';
import {
  FIRST_APPOINTMENT_OUTCOMES, LATE_REASONS, OVER_CAPACITY_REASONS, REVIEW_DECISIONS, TRANSFER_KINDS, TRANSFER_REASONS,
  type FirstAppointmentOutcome, type LateReason, type OverCapacityReason, type ReviewDecision, type TransferKind, type TransferReason,
} from '../application/portfolio-codes';

export const TERRITORY_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

export class TerritoryCapacityDto {
  @ApiProperty({ example: 50, description: 'People, 1 to 500 (checked: 422 otherwise)' }) @IsNumber() emploi!: number;
  @ApiProperty({ example: 50, description: 'People, 1 to 500 (checked: 422 otherwise)' }) @IsNumber() equilibre!: number;
  @ApiProperty({ example: 50, description: 'People, 1 to 500 (checked: 422 otherwise)' }) @IsNumber() remobilisation!: number;
  @ApiPropertyOptional({ example: 3, description: 'Months between two portfolio reviews, 1 to 12 (default 3: quarterly)' }) @IsOptional() @IsNumber() reviewEveryMonths?: number;
}

export class CapacityOverrideDto {
  @ApiPropertyOptional({ example: 40 }) @IsOptional() @IsNumber() emploi?: number;
  @ApiPropertyOptional({ example: 40 }) @IsOptional() @IsNumber() equilibre?: number;
  @ApiPropertyOptional({ example: 40 }) @IsOptional() @IsNumber() remobilisation?: number;
}

export class ReferentSettingDto {
  @ApiPropertyOptional({ type: CapacityOverrideDto, nullable: true, description: "The referent's own capacity; a dominante left out takes the territory's" })
  @IsOptional()
  @ValidateNested()
  @Type(() => CapacityOverrideDto)
  capacity?: CapacityOverrideDto | null;
  @ApiPropertyOptional({ example: '2026-12-21', nullable: true }) @IsOptional() @IsCalendarDay() absentFrom?: string | null;
  @ApiPropertyOptional({ example: '2027-01-08', nullable: true }) @IsOptional() @IsCalendarDay() absentTo?: string | null;
}

export class AssignReferentDto {
  @ApiPropertyOptional({ description: 'Another referent than the suggested one' }) @IsOptional() @IsUUID() professionalId?: string;
  @ApiPropertyOptional({ enum: OVER_CAPACITY_REASONS, description: 'Needed when the referent has no room left' }) @IsOptional() @IsIn(OVER_CAPACITY_REASONS) reasonCode?: OverCapacityReason;
  @ApiPropertyOptional({ example: '2026-12-23T10:00:00+01:00', description: 'The first accompaniment appointment; by default the next working day at 09:00' })
  @IsOptional()
  @IsInstant()
  firstAppointmentAt?: string;
}

export class ScheduleFirstAppointmentDto {
  @ApiPropertyOptional({ example: '2026-12-23T10:00:00+01:00' }) @IsOptional() @IsInstant() at?: string;
  @ApiPropertyOptional({ enum: LATE_REASONS, description: 'Needed once the deadline has passed' }) @IsOptional() @IsIn(LATE_REASONS) lateReasonCode?: LateReason;
}

export class FirstAppointmentOutcomeDto {
  @ApiProperty({ enum: FIRST_APPOINTMENT_OUTCOMES }) @IsIn(FIRST_APPOINTMENT_OUTCOMES) status!: FirstAppointmentOutcome;
}

export class TransferDto {
  @ApiProperty() @IsUUID() fromReferentId!: string;
  @ApiProperty() @IsUUID() toReferentId!: string;
  @ApiPropertyOptional({ description: "Some of the referent's people; all of them when left out" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  personIds?: string[];
  @ApiProperty({ enum: TRANSFER_KINDS }) @IsIn(TRANSFER_KINDS) kind!: TransferKind;
  @ApiPropertyOptional({ example: '2027-01-11', description: 'Temporary: the day the people return' })
  @ValidateIf((o: TransferDto) => o.kind === 'temporary' || o.until !== undefined)
  @IsCalendarDay()
  until?: string;
  @ApiProperty({ enum: TRANSFER_REASONS }) @IsIn(TRANSFER_REASONS) reasonCode!: TransferReason;
  @ApiPropertyOptional({ enum: OVER_CAPACITY_REASONS }) @IsOptional() @IsIn(OVER_CAPACITY_REASONS) overCapacityReasonCode?: OverCapacityReason;
}

export class ReviewItemDto {
  @ApiProperty() @IsUUID() personId!: string;
  @ApiProperty({ enum: REVIEW_DECISIONS }) @IsIn(REVIEW_DECISIONS) decision!: ReviewDecision;
}

export class ReviewDto {
  @ApiProperty({ example: '2026-12-18' }) @IsCalendarDay() reviewedOn!: string;
  @ApiProperty({ description: 'Professionals who took part: the referent at least (the coordinator recording it is added)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  participantIds!: string[];
  @ApiProperty({ type: [ReviewItemDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ReviewItemDto) items!: ReviewItemDto[];
}

export class LoadQueryDto {
  @ApiPropertyOptional({ example: 8, description: 'Weeks of trend (1 to 52)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(52) weeks?: number;
}
