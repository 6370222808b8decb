import { Module } from '@nestjs/common';
import { AppConfig, pgPoolOf } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { AccessModule } from '../access.module';
import { ActorResolver } from '../application/actor-resolver';
import { TokenVerifier } from '../infrastructure/token-verifier';
import { AuthGuard } from './auth.guard';
import { AuditController } from './audit.controller';
import { MeController } from './me.controller';
import { OrganisationController } from './organisation.controller';

/**
 * Authentication for the API (token verifier, actor resolver, the guard the API registers for every
 * route) and the organisation endpoints.
 */
@Module({
  imports: [AccessModule],
  providers: [
    { provide: TokenVerifier, inject: [AppConfig], useFactory: (config: AppConfig) => new TokenVerifier(config.auth) },
    { provide: ActorResolver, inject: [DataSource, AppConfig], useFactory: (dataSource: DataSource, config: AppConfig) => new ActorResolver(pgPoolOf(dataSource), config.auth) },
    AuthGuard,
  ],
  controllers: [OrganisationController, MeController, AuditController],
  exports: [AccessModule, AuthGuard, TokenVerifier, ActorResolver],
})
export class AccessApiModule {}
