import { Module } from '@nestjs/common';
import { OrientationCoreModule } from '../orientation-core.module';

@Module({ imports: [OrientationCoreModule], controllers: [] })
export class OrientationCoreApiModule {}
