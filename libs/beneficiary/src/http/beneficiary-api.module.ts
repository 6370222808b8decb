import { Module } from '@nestjs/common';
import { registerErrorCodes } from '@rsa/platform';
import { BeneficiaryFilesModule } from '../beneficiary-files.module';
import { BENEFICIARY_ERROR_STATUS } from '../domain/beneficiary-errors';
import { BeneficiaryController } from './beneficiary.controller';
import { ReportingController } from './reporting.controller';

registerErrorCodes(BENEFICIARY_ERROR_STATUS);

@Module({ imports: [BeneficiaryFilesModule], controllers: [BeneficiaryController, ReportingController] })
export class BeneficiaryApiModule {}
