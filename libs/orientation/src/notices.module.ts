import { Module } from '@nestjs/common';
import { Clock } from '@rsa/kernel';
import { poolService } from '@rsa/platform';
import { Notices } from './application/notices';

/** The professionals' inbox (read side; writers call Notices.notify in their own transaction). */
@Module({
  providers: [poolService(Notices, Clock)],
  exports: [Notices],
})
export class NoticesModule {}
