import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessApiModule, AuthGuard } from '@rsa/access';
import { BeneficiaryApiModule } from '@rsa/beneficiary';
import { IntakeApiModule } from '@rsa/intake';
import { RetentionApiModule } from '@rsa/retention';
import { ConvocationApiModule } from '@rsa/convocation';
import { OrientationApiModule } from '@rsa/orientation';
import { AppConfigModule, AuditModule, ClockModule, DatabaseModule, HealthModule, LoggingModule, MetricsModule, QueueModule } from '@rsa/platform';
import { SCHEDULES } from '../../worker/src/schedules';
import { RateLimitGuard, RateLimitModule } from './rate-limit';

@Module({
  imports: [
    // Platform (order matters only for readability: every platform module is global).
    AppConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({ applicationName: 'rsa-api' }),
    QueueModule,
    MetricsModule,
    AuditModule,
    ClockModule,
    // The schedule table lives with the worker; the API reads it to warn about missed runs.
    HealthModule.forRoot({ schedules: SCHEDULES }),
    RateLimitModule,

    // Bounded contexts.
    AccessApiModule,
    IntakeApiModule,
    BeneficiaryApiModule,
    RetentionApiModule,
    ConvocationApiModule,
    OrientationApiModule,
  ],
  providers: [
    // In this order: the rate limit first (cheap, before any token is checked), then authentication.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
})
export class ApiModule {}
