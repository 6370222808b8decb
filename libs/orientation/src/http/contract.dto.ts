import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDay, INT4_MAX } from '@rsa/platform';
import { ACTION_CATEGORIES, EXIT_REASONS, INTENSITY_ADJUSTMENT_REASONS, type ActionCategory, type ExitReason } from '../domain/contract';
import {
  ACTION_CANCEL_REASONS,
  ACTION_STATUSES,
  BILAN_NEXT_STEPS,
  BILAN_OUTCOMES,
  EMPLOYMENT_CONTRACT_TYPES,
  RENEWAL_WITHOUT_BILAN_REASONS,
  WORKING_TIMES,
  type ActionStatus,
  type BilanOutcome,
} from '../application/contract-rules';

/** Every change of a contract names the version it was made on (optimistic concurrency: a stale one gets 409). */
class VersionedDto {
  @ApiProperty({ example: 1, description: 'The contract’s version this change was made on' }) @IsInt() @Min(1) @Max(INT4_MAX) expectedVersion!: number;
}

export class SignContractDto extends VersionedDto {
  @ApiProperty({ example: '2027-01-15' }) @IsCalendarDay() signedOn!: string;
}

export class ActionDto extends VersionedDto {
  @ApiProperty({ enum: ACTION_CATEGORIES }) @IsIn(ACTION_CATEGORIES) category!: ActionCategory;
  @ApiProperty({ example: 'cv-workshop', description: 'A code of the activities’ référentiel for this category' }) @IsString() @Length(1, 40) code!: string;
  @ApiProperty({ example: 6 }) @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.5) @Max(40) weeklyHours!: number;
  @ApiProperty({ example: '2027-01-18' }) @IsCalendarDay() startsOn!: string;
  @ApiProperty({ example: '2027-02-12' }) @IsCalendarDay() endsOn!: string;
  @ApiPropertyOptional({ description: 'A structure of the organisation' }) @IsOptional() @IsUUID() providerStructureId?: string;
  @ApiPropertyOptional({ example: 'AFPA-ROUBAIX', description: 'Or a provider’s code' }) @IsOptional() @IsString() @Length(2, 40) providerCode?: string;
}

export class ActionPatchDto extends VersionedDto {
  @ApiPropertyOptional({ enum: ACTION_STATUSES }) @IsOptional() @IsIn(ACTION_STATUSES) status?: ActionStatus;
  @ApiPropertyOptional({ enum: ACTION_CANCEL_REASONS }) @IsOptional() @IsIn(ACTION_CANCEL_REASONS) cancelReason?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.5) @Max(40) weeklyHours?: number;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDay() startsOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDay() endsOn?: string;
}

export class IntensityAdjustmentDto extends VersionedDto {
  @ApiProperty({ example: 8, description: 'The weekly floor for these weeks instead of 15 h' }) @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(35) weeklyHours!: number;
  /** Checked by the handler: a missing or unknown reason is a 422 naming the reasons. */
  @ApiPropertyOptional({ enum: INTENSITY_ADJUSTMENT_REASONS, description: 'Required' }) @IsOptional() @IsString() @Length(1, 40) reason?: string;
  @ApiProperty({ example: '2027-01-18', description: 'Rounded to its week’s Monday' }) @IsCalendarDay() from!: string;
  @ApiProperty({ example: '2027-02-14', description: 'Rounded to its week’s Sunday' }) @IsCalendarDay() to!: string;
}

export class IntensityQueryDto {
  @ApiPropertyOptional({ example: '2027-01-18' }) @IsOptional() @IsCalendarDay() from?: string;
  @ApiPropertyOptional({ example: '2027-04-14' }) @IsOptional() @IsCalendarDay() to?: string;
}

export class BilanDto extends VersionedDto {
  @ApiProperty({ example: '2027-04-12' }) @IsCalendarDay() heldOn!: string;
  @ApiProperty({ enum: BILAN_OUTCOMES }) @IsIn(BILAN_OUTCOMES) outcome!: BilanOutcome;
  @ApiProperty({ enum: BILAN_NEXT_STEPS, isArray: true }) @IsArray() @ArrayMaxSize(BILAN_NEXT_STEPS.length) @IsIn(BILAN_NEXT_STEPS, { each: true }) nextSteps!: string[];
  @ApiPropertyOptional({ description: 'The period it is the bilan of: the current one by default, or an earlier one renewed without its bilan', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  periodSeq?: number;
}

export class RenewalDto extends VersionedDto {
  @ApiPropertyOptional({ enum: RENEWAL_WITHOUT_BILAN_REASONS, description: 'Only to renew before the bilan is held' })
  @IsOptional()
  @IsIn(RENEWAL_WITHOUT_BILAN_REASONS)
  withoutBilanReason?: string;
}

export class ExitDto {
  @ApiProperty({ enum: EXIT_REASONS }) @IsIn(EXIT_REASONS) reason!: ExitReason;
  @ApiProperty({ example: '2027-05-03', description: 'The day the path ends' }) @IsCalendarDay() exitOn!: string;
  @ApiPropertyOptional({ enum: EMPLOYMENT_CONTRACT_TYPES }) @IsOptional() @IsIn(EMPLOYMENT_CONTRACT_TYPES) contractType?: string;
  @ApiPropertyOptional({ enum: WORKING_TIMES }) @IsOptional() @IsIn(WORKING_TIMES) workingTime?: string;
}

export class MilestoneDto {
  @ApiProperty() @IsBoolean() inEmployment!: boolean;
  @ApiPropertyOptional({ enum: EMPLOYMENT_CONTRACT_TYPES }) @IsOptional() @IsIn(EMPLOYMENT_CONTRACT_TYPES) contractType?: string;
  @ApiPropertyOptional({ enum: WORKING_TIMES }) @IsOptional() @IsIn(WORKING_TIMES) workingTime?: string;
}
