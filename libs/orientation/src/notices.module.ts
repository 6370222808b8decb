import { Module } from '@nestjs/common';
import { Clock } from '@rsa/kernel';
import { pgPoolOf } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { Notices } from './application/notices';

/** The professionals' inbox (read side; writers call Notices.notify in their own transaction). */
@Module({
  providers: [{ provide: Notices, inject: [DataSource, Clock], useFactory: (ds: DataSource, clock: Clock) => new Notices(pgPoolOf(ds), clock) }],
  exports: [Notices],
})
export class NoticesModule {}
