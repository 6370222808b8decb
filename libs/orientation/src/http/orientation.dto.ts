import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  ValidateIf,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay, INT4_MAX } from '@rsa/platform';
import { STRUCTURE_KINDS, type StructureKind } from '@rsa/access';
import { DIAGNOSTIC_MODALITIES } from '../application/diagnostics';
import { DOMINANTES, type Dominante } from '../domain/dominante';
import type { DiagnosticModality } from '../domain/modality';
import { AGREEMENTS, EP_OPINIONS, OVERRIDE_REASONS, REORIENTATION_DECISION_REASONS, REORIENTATION_REASONS, type Agreement, type EpOpinion } from '../domain/reorientation';

export const TERRITORY_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

const CONTENT_EXAMPLE = {
  themes: { famille: { level: 'none', situations: [], objectives: [], supportWanted: false }, '…': 'one entry per barrier theme' },
  criteria: { availability: 'immediate', motivation: 'work-and-support', autonomy: 'complete', lastExperience: 'recent', employmentSituation: 'jobless', qualification: '4', franceTravailRegistered: true },
  powerToAct: { confidence: 3, supportWanted: 2 },
  wishes: { dominante: null, jobProjects: ['K1302'], training: false, businessCreation: false },
};

export class DiagnosticVersionDto {
  @ApiProperty({ description: 'The professionals who made it (1 or 2): the FT counsellor and the Département social worker of a co-diagnostic, or the referent', type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsUUID('all', { each: true })
  authors!: string[];

  @ApiPropertyOptional({ example: '2026-12-08', description: 'The day of the interview; today when not given' })
  @IsOptional()
  @IsCalendarDay()
  diagnosedOn?: string;

  @ApiProperty({ description: 'DiagnosticContent: the eight barrier themes, the orientation criteria, pouvoir d’agir and wishes (codes only)', example: CONTENT_EXAMPLE })
  @IsObject()
  content!: Record<string, unknown>;
}

export class NewDiagnosticDto extends DiagnosticVersionDto {
  @ApiPropertyOptional({ enum: DIAGNOSTIC_MODALITIES, description: 'The advised modality (see GET …/diagnostics) when not given' })
  @IsOptional()
  @IsIn(DIAGNOSTIC_MODALITIES)
  modality?: DiagnosticModality;
}

export class NextDiagnosticVersionDto extends DiagnosticVersionDto {
  @ApiProperty({ description: 'The version this one updates (the latest when read): a stale one is refused with 409' })
  @IsInt()
  @Min(1) @Max(INT4_MAX)
  expectedVersion!: number;
}

export class CompareQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX) from!: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX) to!: number;
}

export class RuleSetDto {
  @ApiProperty({ example: 'Roubaix-Tourcoing 2027: Équilibre élargi' }) @IsString() @Length(1, 160) label!: string;
  @ApiProperty({ description: 'Ordered rules (id, label, when: conditions, then: dominante and structureKinds, source); the last one without conditions', type: [Object] })
  @IsArray()
  @ArrayMaxSize(50)
  rules!: unknown[];
}

export class SimulationDto {
  @ApiPropertyOptional({ description: 'A draft or the active rule set of the territory; the current one when not given' }) @IsOptional() @IsUUID() ruleSetId?: string;
}

export class TargetMixDto {
  @ApiProperty({ example: 50 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100) emploi!: number;
  @ApiProperty({ example: 30 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100) equilibre!: number;
  @ApiProperty({ example: 20 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100) remobilisation!: number;
  @ApiPropertyOptional({ description: 'The version read (0 when not configured yet)' }) @IsOptional() @IsInt() @Min(0) @Max(INT4_MAX) expectedVersion?: number;
}

export class DecisionDto {
  @ApiProperty({ enum: DOMINANTES }) @IsIn(DOMINANTES) dominante!: Dominante;
  @ApiProperty({ enum: STRUCTURE_KINDS }) @IsIn(STRUCTURE_KINDS) structureKind!: StructureKind;
  @ApiProperty() @IsUUID() diagnosticId!: string;
  @ApiProperty() @IsInt() @Min(1) @Max(INT4_MAX) diagnosticVersion!: number;
  @ApiProperty({ type: [String], description: 'The professionals who decide (1 or 2), the one recording it among them' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsUUID('all', { each: true })
  deciders!: string[];
  @ApiProperty({ enum: AGREEMENTS }) @IsIn(AGREEMENTS) agreement!: Agreement;
  @ApiPropertyOptional({ example: '2026-12-08' }) @IsOptional() @IsCalendarDay() agreementOn?: string;
  @ApiPropertyOptional({ enum: OVERRIDE_REASONS, description: 'Required when the choice differs from the proposal' }) @IsOptional() @IsString() @Length(1, 40) overrideReason?: string;
  @ApiPropertyOptional({ example: '2026-12-08' }) @IsOptional() @IsCalendarDay() startsOn?: string;
}

/** A diagnostic named by its id and version together: one without the other is refused, not silently replaced by the latest. */
const eitherDiagnosticField = (o: { diagnosticId?: unknown; diagnosticVersion?: unknown }) => o.diagnosticId !== undefined || o.diagnosticVersion !== undefined;

export class ReorientationRequestDto {
  @ApiProperty({ enum: DOMINANTES }) @IsIn(DOMINANTES) proposedDominante!: Dominante;
  @ApiProperty({ enum: STRUCTURE_KINDS }) @IsIn(STRUCTURE_KINDS) proposedStructureKind!: StructureKind;
  @ApiProperty({ enum: REORIENTATION_REASONS }) @IsString() @Length(1, 40) reasonCode!: string;
  @ApiPropertyOptional({ description: 'Ask for the EP’s review even where the rule does not require it' }) @IsOptional() @IsBoolean() epRequested?: boolean;
  @ApiPropertyOptional({ description: 'With diagnosticVersion (both or neither: the latest one by default)' }) @ValidateIf(eitherDiagnosticField) @IsUUID() diagnosticId?: string;
  @ApiPropertyOptional({ description: 'With diagnosticId' }) @ValidateIf(eitherDiagnosticField) @IsInt() @Min(1) @Max(INT4_MAX) diagnosticVersion?: number;
}

export class ReorientationDecisionDto {
  @ApiProperty({ enum: ['accepted', 'refused'] }) @IsIn(['accepted', 'refused']) decision!: 'accepted' | 'refused';
  @ApiProperty({ enum: REORIENTATION_DECISION_REASONS }) @IsString() @Length(1, 40) reasonCode!: string;
  @ApiPropertyOptional({ example: '2027-03-10', description: 'The EP’s meeting (required when the EP reviews it)' }) @IsOptional() @IsCalendarDay() epOn?: string;
  @ApiPropertyOptional({ enum: EP_OPINIONS }) @IsOptional() @IsIn(EP_OPINIONS) epOpinion?: EpOpinion;
  @ApiPropertyOptional({ enum: AGREEMENTS }) @IsOptional() @IsIn(AGREEMENTS) agreement?: Agreement;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDay() agreementOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDay() startsOn?: string;
}

export class DirectReorientationDto {
  @ApiProperty({ enum: DOMINANTES }) @IsIn(DOMINANTES) dominante!: Dominante;
  @ApiProperty({ enum: STRUCTURE_KINDS }) @IsIn(STRUCTURE_KINDS) structureKind!: StructureKind;
  @ApiProperty({ enum: REORIENTATION_REASONS }) @IsString() @Length(1, 40) reasonCode!: string;
  @ApiPropertyOptional({ description: 'With diagnosticVersion (both or neither: the latest one by default)' }) @ValidateIf(eitherDiagnosticField) @IsUUID() diagnosticId?: string;
  @ApiPropertyOptional({ description: 'With diagnosticId' }) @ValidateIf(eitherDiagnosticField) @IsInt() @Min(1) @Max(INT4_MAX) diagnosticVersion?: number;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2) @IsUUID('all', { each: true }) deciders?: string[];
  @ApiProperty({ enum: AGREEMENTS }) @IsIn(AGREEMENTS) agreement!: Agreement;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDay() agreementOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDay() epOn?: string;
  @ApiPropertyOptional({ enum: EP_OPINIONS }) @IsOptional() @IsIn(EP_OPINIONS) epOpinion?: EpOpinion;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDay() startsOn?: string;
}

export class DominanteCodeDto {
  @ApiProperty({ example: 'PRO' }) @IsString() @Length(1, 20) franceTravailParcours!: string;
  @ApiProperty({ example: 'professionnel' }) @IsString() @Length(1, 40) casfCategory!: string;
}

export class DominanteCodesDto {
  @ApiProperty({ type: DominanteCodeDto }) @ValidateNested() @Type(() => DominanteCodeDto) emploi!: DominanteCodeDto;
  @ApiProperty({ type: DominanteCodeDto }) @ValidateNested() @Type(() => DominanteCodeDto) equilibre!: DominanteCodeDto;
  @ApiProperty({ type: DominanteCodeDto }) @ValidateNested() @Type(() => DominanteCodeDto) remobilisation!: DominanteCodeDto;
}
