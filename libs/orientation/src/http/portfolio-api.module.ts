import { Module } from '@nestjs/common';
import { PortfolioModule } from '../portfolio.module';
import { PortfolioController } from './portfolio.controller';

@Module({ imports: [PortfolioModule], controllers: [PortfolioController] })
export class PortfolioApiModule {}
