import { Module } from '@nestjs/common';
import { RetentionModule } from '../retention.module';
import { RetentionController } from './retention.controller';

@Module({ imports: [RetentionModule], controllers: [RetentionController] })
export class RetentionApiModule {}
