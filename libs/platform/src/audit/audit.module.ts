import { Global, Module } from '@nestjs/common';
import { poolService } from '../database/pool-service';
import { AuditTrail } from './audit-trail';

/** Global: every context records into the one trail. */
@Global()
@Module({
  providers: [poolService(AuditTrail)],
  exports: [AuditTrail],
})
export class AuditModule {}
