import { Module } from '@nestjs/common';
import { registerErrorCodes } from '@rsa/platform';
import { ContractModule } from './contract.module';
import { ORIENTATION_ERROR_STATUS } from './domain/orientation-errors';
import { NoticesModule } from './notices.module';
import { OrientationCoreModule } from './orientation-core.module';
import { PortfolioModule } from './portfolio.module';

registerErrorCodes(ORIENTATION_ERROR_STATUS);

/**
 * The path after the convocation (issue 5): 360° diagnostic, orientation, referents and
 * portfolios, contrat d'engagement. Without transport: the API and the worker import it.
 */
@Module({
  imports: [OrientationCoreModule, PortfolioModule, ContractModule, NoticesModule],
  exports: [OrientationCoreModule, PortfolioModule, ContractModule, NoticesModule],
})
export class OrientationModule {}
