import { Global, Module } from '@nestjs/common';
import { Clock, systemClock } from '@rsa/kernel';

/** Global: inject `Clock` (from @rsa/kernel). Tests override it with a ManualClock. */
@Global()
@Module({ providers: [{ provide: Clock, useValue: systemClock }], exports: [Clock] })
export class ClockModule {}
