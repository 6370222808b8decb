import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { holdsLongNumber } from '@rsa/kernel';
import { INT4_MAX, IsInstant } from '@rsa/platform';
import { GRANT_BASES, REASONS, type GrantBasis } from '@rsa/access';
import { RECTIFIABLE_FIELDS, type RectifiableField } from '../domain/rectification';

export class SearchBeneficiariesDto {
  @ApiPropertyOptional({ description: 'Start of the birth or usage name' }) @IsOptional() @IsString() @Length(2, 40) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) prenom?: string;
  @ApiPropertyOptional({ example: '1985-04-02' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) dtnai?: string;
  @ApiPropertyOptional({ description: '13 or 15 characters; sent in the body so it never appears in a URL or a log' })
  @IsOptional()
  @Matches(/^[0-9ABab\s]{13,19}$/)
  nir?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9A-Za-z]{1,11}$/) numdemrsa?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9A-Za-z]{1,15}$/) matricule?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^(?:\d{5}|2[AB]\d{3})$/) communeInsee?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) pathStatus?: 'open' | 'closed';
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @IsInt() @Min(1) @Max(100) limit: number = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(INT4_MAX) offset: number = 0;
}

export class NirRevealQueryDto {
  @ApiProperty({ enum: REASONS.nirRead, description: 'Required: a missing or unknown code is refused with ACCESS_REASON_REQUIRED, and the refusal audited' }) @IsOptional() @IsString() @MaxLength(40) reason?: string;
}

export class ExportQueryDto {
  @ApiProperty({ enum: REASONS.export, description: 'Required: a missing or unknown code is refused with ACCESS_REASON_REQUIRED, and the refusal audited' }) @IsOptional() @IsString() @MaxLength(40) reason?: string;
  @ApiPropertyOptional({ description: 'The request reference (e.g. DSR-2026-0042): no personal data, so no run of 7 digits or more (a NIR, a CAF number)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._/-]{1,40}$/, { message: 'reference must be 1 to 40 letters, digits, . _ / -' })
  @ValidateBy({
    name: 'noLongNumber',
    validator: { validate: (value: unknown) => typeof value === 'string' && !holdsLongNumber(value), defaultMessage: () => 'reference may not hold a run of 7 digits or more, however separated (no NIR, no CAF number)' },
  })
  reference?: string;
}

export class ContactPatchDto {
  @ApiPropertyOptional({ nullable: true, example: '06 12 34 56 78' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(4, 24)
  phone?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsEmail() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() smsConsent?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() emailConsent?: boolean;
}

export class RectificationDto {
  @ApiProperty({ enum: RECTIFIABLE_FIELDS }) @IsIn(RECTIFIABLE_FIELDS) field!: RectifiableField;
  @ApiProperty() @IsString() @Length(1, 200) requestedValue!: string;
  @ApiProperty({ enum: REASONS.rectification, description: 'Required: a missing or unknown code is refused with ACCESS_REASON_REQUIRED, and the refusal audited' }) @IsOptional() @IsString() @MaxLength(40) reasonCode?: string;
}

export class ShareDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() professionalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() structureId?: string;
  @ApiProperty({ enum: GRANT_BASES }) @IsIn(GRANT_BASES) basis!: GrantBasis;
  @ApiProperty({ enum: REASONS.grant, description: 'Required: a missing or unknown code is refused with ACCESS_REASON_REQUIRED, and the refusal audited' }) @IsOptional() @IsString() @MaxLength(40) reasonCode?: string;
  @ApiPropertyOptional({ description: 'End of the share (e.g. the end of a temporary absence), with its offset', example: '2027-01-08T00:00:00+01:00' }) @IsOptional() @IsInstant() validTo?: string;
}

export class RevokeShareDto {
  @ApiProperty({ enum: REASONS.grantRevoke, description: 'Required: a missing or unknown code is refused with ACCESS_REASON_REQUIRED, and the refusal audited' }) @IsOptional() @IsString() @MaxLength(40) reasonCode?: string;
}

export class PageDto {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit: number = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX) offset: number = 0;
}
