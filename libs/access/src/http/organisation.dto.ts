import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { INT4_MAX } from '@rsa/platform';
import { ALL_ROLES, GRANTABLE_PERMISSIONS, Role } from '@rsa/kernel';
import { REASONS } from '../domain/reasons';
import { STRUCTURE_KINDS, type StructureKind } from '../domain/structure-kind';

export const TERRITORY_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

export class CommuneDto {
  @ApiProperty({ example: '59512' }) @Matches(/^(?:\d{5}|2[AB]\d{3})$/) insee!: string;
  @ApiProperty({ example: 'Roubaix' }) @IsString() @Length(1, 80) name!: string;
}

export class TerritoryDto {
  @ApiProperty({ example: 'MNE Roubaix-Tourcoing' }) @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ type: [CommuneDto] })
  @IsArray()
  @ArrayMaxSize(700)
  @ValidateNested({ each: true })
  @Type(() => CommuneDto)
  communes!: CommuneDto[];
}

export class StructureDto {
  @ApiProperty({ enum: STRUCTURE_KINDS }) @IsIn(STRUCTURE_KINDS) kind!: StructureKind;
  @ApiProperty() @IsString() @Length(1, 160) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) code?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(TERRITORY_ID) territoryId?: string;
}

export class StructurePatchDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 160) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) code?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(TERRITORY_ID) territoryId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ProfessionalDto {
  @ApiProperty({ description: "The identity provider's subject (sub)" }) @IsString() @Length(1, 255) subject!: string;
  @ApiProperty() @IsString() @Length(1, 160) displayName!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}

export class HabilitationDto {
  @ApiProperty({ enum: ALL_ROLES }) @IsIn(ALL_ROLES) role!: Role;
  @ApiProperty() @IsUUID() structureId!: string;
  @ApiPropertyOptional({ description: 'Coordinator and project team: the territory they cover (none: the whole Département)' })
  @IsOptional()
  @Matches(TERRITORY_ID)
  territoryId?: string;
  @ApiProperty({ example: '2026-12-01' }) @IsISO8601({ strict: true }) @Length(10, 10) validFrom!: string;
  @ApiPropertyOptional({ example: '2027-11-30' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) validTo?: string;
  @ApiPropertyOptional({ enum: GRANTABLE_PERMISSIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(GRANTABLE_PERMISSIONS, { each: true })
  extraPermissions?: string[];
}

export class HabilitationPatchDto {
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) validTo?: string;
  @ApiPropertyOptional({ enum: GRANTABLE_PERMISSIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(GRANTABLE_PERMISSIONS, { each: true })
  extraPermissions?: string[];
}

export class RevokeHabilitationDto {
  @ApiProperty({ enum: REASONS.habilitationRevoke, description: 'Required: a missing or unknown code is refused with ACCESS_REASON_REQUIRED, and the refusal audited' }) @IsOptional() @IsString() reasonCode?: string;
}

export class ListStructuresQueryDto {
  @ApiPropertyOptional({ enum: STRUCTURE_KINDS }) @IsOptional() @IsIn(STRUCTURE_KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(TERRITORY_ID) territoryId?: string;
}

export class ListProfessionalsQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() structureId?: string;
  @ApiPropertyOptional({ enum: ALL_ROLES }) @IsOptional() @IsIn(ALL_ROLES) role?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit: number = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX) offset: number = 0;
}
