import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { BeneficiaryFilesModule, BeneficiaryModule, contactFollower, PathProgress, PersonAccess, pathStageProbe, personDataSection } from '@rsa/beneficiary';
import { Clock } from '@rsa/kernel';
import { AuditTrail, JobProducer, Metrics, pgPoolOf, poolService, registerErrorCodes } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { AgendaCommands } from './application/agenda-commands';
import { AppointmentCommands } from './application/appointment-commands';
import { Campaigns } from './application/campaigns';
import { EmailChannel, LetterChannel, SmsChannel } from './application/channels';
import { convocationPathStages } from './application/convocation-path-stages';
import { convocationPersonData } from './application/convocation-person-data';
import { ConvocationPlanner } from './application/convocation-planner';
import { ConvocationQueries } from './application/convocation-queries';
import { MessageDispatcher } from './application/message-dispatcher';
import { MessageSender } from './application/message-sender';
import { remindersOnSmsConsent } from './application/reminders-on-consent';
import { CONVOCATION_ERROR_STATUS } from './domain/convocation-errors';
import { ChannelsModule } from './infrastructure/channels/channels.module';

registerErrorCodes(CONVOCATION_ERROR_STATUS);

/**
 * Convocations, appointments, reminders and relances, without transport: the API, the worker and
 * the CLI use it. The channels (letter, email, SMS) come from ChannelsModule, configured by
 * AppConfig.notifications: tests and the demo point them at the local peers.
 */
@Module({
  imports: [AccessModule, BeneficiaryModule, BeneficiaryFilesModule, ChannelsModule],
  providers: [
    pathStageProbe('convocation', convocationPathStages),
    personDataSection('convocation', convocationPersonData),
    contactFollower('convocation', remindersOnSmsConsent),
    poolService(ConvocationPlanner, AccessPolicy, AuditTrail, Clock, PathProgress),
    poolService(MessageDispatcher, JobProducer, AccessPolicy, Clock),
    {
      provide: MessageSender,
      inject: [DataSource, LetterChannel, EmailChannel, SmsChannel, AccessPolicy, Clock, Metrics],
      useFactory: (ds: DataSource, letter: LetterChannel, email: EmailChannel, sms: SmsChannel, policy: AccessPolicy, clock: Clock, metrics: Metrics) =>
        new MessageSender(pgPoolOf(ds), { letter, email, sms }, policy, clock, metrics),
    },
    poolService(AppointmentCommands, PersonAccess, AccessPolicy, AuditTrail, Clock, MessageDispatcher),
    poolService(AgendaCommands, AccessPolicy, AuditTrail, Clock),
    poolService(ConvocationQueries, PersonAccess, AccessPolicy, AuditTrail, Clock),
    poolService(Campaigns, AccessPolicy, AuditTrail, Clock),
  ],
  exports: [ConvocationPlanner, MessageDispatcher, MessageSender, AppointmentCommands, AgendaCommands, ConvocationQueries, Campaigns],
})
export class ConvocationModule {}
