import { Module } from '@nestjs/common';
import { OrientationCoreModule } from '../orientation-core.module';
import { DiagnosticController } from './diagnostic.controller';
import { OrientationController } from './orientation.controller';

@Module({ imports: [OrientationCoreModule], controllers: [DiagnosticController, OrientationController] })
export class OrientationCoreApiModule {}
