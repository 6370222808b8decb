import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UserActor } from '@rsa/kernel';
import { CurrentActor } from '@rsa/access';
import { Access } from '@rsa/platform';
import { TerritoryReporting } from '../application/territory-reporting';
import { PageDto } from './beneficiary.dto';

const TERRITORY = /^[a-z0-9][a-z0-9-]{1,39}$/;

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('reporting/territories')
export class ReportingController {
  constructor(private readonly reporting: TerritoryReporting) {}

  @Get(':territoryId/summary')
  @Access(Permission.ReportingRead)
  @ApiOperation({ summary: 'Counts of a territory by commune: adults, subject to rights and duties, open paths, overdue convocations' })
  summary(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string) {
    return this.reporting.summary(actor, territory(territoryId));
  }

  @Get(':territoryId/beneficiaries')
  @Access(Permission.BeneficiaryListPseudonymised)
  @ApiOperation({ summary: 'Pseudonymised list of the territory: pseudonym, age band, sex, commune, path dates (no identity)' })
  beneficiaries(@CurrentActor() actor: UserActor, @Param('territoryId') territoryId: string, @Query() page: PageDto) {
    return this.reporting.pseudonymisedList(actor, territory(territoryId), page);
  }
}

function territory(id: string): string {
  if (!TERRITORY.test(id)) throw new BadRequestException('A territory id is lower case letters, digits and dashes');
  return id;
}
