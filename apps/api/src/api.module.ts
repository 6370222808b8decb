import { Module } from '@nestjs/common';
import { IntakeApiModule } from '@rsa/intake';
import { AppConfigModule, DatabaseModule, HealthModule, LoggingModule, MetricsModule, QueueModule } from '@rsa/platform';
import { SCHEDULES } from '../../worker/src/schedules';

@Module({
  imports: [
    // Platform (order matters only for readability: every platform module is global).
    AppConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({ applicationName: 'rsa-api' }),
    QueueModule,
    MetricsModule,
    // The schedule table lives with the worker; the API reads it to warn about missed runs.
    HealthModule.forRoot({ schedules: SCHEDULES }),

    // Bounded contexts.
    IntakeApiModule,
  ],
})
export class ApiModule {}
