import { Module } from '@nestjs/common';
import { ContractApiModule } from './contract-api.module';
import { NoticesApiModule } from './notices-api.module';
import { OrientationCoreApiModule } from './orientation-core-api.module';
import { PortfolioApiModule } from './portfolio-api.module';

@Module({ imports: [OrientationCoreApiModule, PortfolioApiModule, ContractApiModule, NoticesApiModule] })
export class OrientationApiModule {}
