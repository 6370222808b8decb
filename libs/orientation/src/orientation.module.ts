import { Module } from '@nestjs/common';
import { registerErrorCodes } from '@rsa/platform';
import { ContractReminders } from './application/contract-reminders';
import { OrientationReminders } from './application/orientation-reminders';
import { PortfolioReminders } from './application/portfolio-reminders';
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
  providers: [
    // The daily reminders span the contract and portfolio parts.
    {
      provide: OrientationReminders,
      inject: [ContractReminders, PortfolioReminders],
      useFactory: (contracts: ContractReminders, portfolios: PortfolioReminders) => new OrientationReminders(contracts, portfolios),
    },
  ],
  exports: [OrientationCoreModule, PortfolioModule, ContractModule, NoticesModule, OrientationReminders],
})
export class OrientationModule {}
