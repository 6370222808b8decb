import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pgPoolOf } from '../database/pg-pool';
import { AuditTrail } from './audit-trail';

/** Global: every context records into the one trail. */
@Global()
@Module({
  providers: [{ provide: AuditTrail, inject: [DataSource], useFactory: (dataSource: DataSource) => new AuditTrail(pgPoolOf(dataSource)) }],
  exports: [AuditTrail],
})
export class AuditModule {}
