import { Global, Module } from '@nestjs/common';
import { Clock, OffsetClock, systemClock } from '@rsa/kernel';
import { AppConfig } from '../config/app-config';

/**
 * Global: inject `Clock` (from @rsa/kernel). Real time, unless CLOCK_START (refused in production)
 * makes it start at another instant and run on from there. Tests override it with a ManualClock.
 */
@Global()
@Module({
  providers: [{ provide: Clock, inject: [AppConfig], useFactory: (config: AppConfig) => (config.clockStart ? new OffsetClock(config.clockStart) : systemClock) }],
  exports: [Clock],
})
export class ClockModule {}
