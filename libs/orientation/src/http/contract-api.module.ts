import { Module } from '@nestjs/common';
import { ContractModule } from '../contract.module';
import { ContractController } from './contract.controller';

@Module({ imports: [ContractModule], controllers: [ContractController] })
export class ContractApiModule {}
