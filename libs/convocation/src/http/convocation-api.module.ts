import { Module } from '@nestjs/common';
import { ConvocationModule } from '../convocation.module';
import { ConvocationController } from './convocation.controller';

@Module({ imports: [ConvocationModule], controllers: [ConvocationController] })
export class ConvocationApiModule {}
