import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UserActor } from '@rsa/kernel';
import { CurrentActor } from '@rsa/access';
import { Access } from '@rsa/platform';
import { BeneficiaryChanges } from '../application/beneficiary-changes';
import { BeneficiaryFiles } from '../application/beneficiary-files';
import { ContactPatchDto, ExportQueryDto, NirRevealQueryDto, RectificationDto, RevokeShareDto, SearchBeneficiariesDto, ShareDto } from './beneficiary.dto';

@ApiTags('beneficiaries')
@ApiBearerAuth()
@Controller('beneficiaries')
export class BeneficiaryController {
  constructor(
    private readonly files: BeneficiaryFiles,
    private readonly changes: BeneficiaryChanges,
  ) {}

  @Post('search')
  @HttpCode(200)
  @Access(Permission.BeneficiaryList)
  @ApiOperation({ summary: 'Find beneficiaries within your portfolio, structure or territory (criteria in the body, never in a URL)' })
  search(@CurrentActor() actor: UserActor, @Body() body: SearchBeneficiariesDto) {
    return this.files.search(actor, body);
  }

  @Get(':id')
  @Access(Permission.BeneficiaryRead)
  @ApiOperation({ summary: "A beneficiary's file: identity (NIR masked), contact, dossiers and their origin, paths, rights, shares" })
  get(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.files.get(actor, id);
  }

  @Get(':id/nir')
  @Access(Permission.BeneficiaryReadNir)
  @ApiOperation({ summary: 'The NIR in clear, for a stated reason (audited)' })
  nir(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() query: NirRevealQueryDto) {
    return this.files.revealNir(actor, id, query.reason);
  }

  @Get(':id/export')
  @Access(Permission.BeneficiaryExport)
  @ApiOperation({ summary: 'Everything held on this person, machine-readable (data-subject request; needs the export permission)' })
  export(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Query() query: ExportQueryDto) {
    return this.files.export(actor, id, query.reason, query.reference);
  }

  @Patch(':id/contact')
  @Access(Permission.BeneficiaryRectify)
  @ApiOperation({ summary: 'Correct contact details and record consent to SMS and email' })
  contact(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ContactPatchDto) {
    return this.changes.updateContact(actor, id, body);
  }

  @Post(':id/rectifications')
  @Access(Permission.BeneficiaryRectify)
  @ApiOperation({ summary: 'Record a request to rectify CAF data, to forward to the CAF' })
  rectify(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RectificationDto) {
    return this.changes.requestRectification(actor, id, body);
  }

  @Post(':id/grants')
  @Access(Permission.AccessGrant)
  @ApiOperation({ summary: 'Share the file with a professional or a structure (portfolio, orientation, France Travail…)' })
  share(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ShareDto) {
    return this.changes.share(actor, id, body);
  }

  @Post(':id/grants/:grantId/revoke')
  @HttpCode(200)
  @Access(Permission.AccessGrant)
  @ApiOperation({ summary: 'End a share' })
  revokeShare(@CurrentActor() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Param('grantId', ParseUUIDPipe) grantId: string, @Body() body: RevokeShareDto) {
    return this.changes.revokeShare(actor, id, grantId, body.reasonCode);
  }
}
