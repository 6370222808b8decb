import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IntakeModule } from '@rsa/intake';
import { AppConfig, AppConfigModule, AuditModule, DatabaseModule } from '@rsa/platform';

/** The intake context (no HTTP, no queue) on the given configuration: a test's own database, drop folder… */
export async function startIntakeContext(config: AppConfig): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, DatabaseModule.forRoot({ applicationName: 'rsa-test' }), AuditModule, IntakeModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  return moduleRef.init();
}
