import { Module } from '@nestjs/common';

/** Referents' capacity, suggestion and assignment, first accompaniment appointment, portfolios, load, transfers, reviews. */
@Module({ providers: [], exports: [] })
export class PortfolioModule {}
