import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService, registerAs } from '@nestjs/config';
import { AppConfig } from './app-config';
import { loadAppConfig } from './load-app-config';

/** Lazily evaluated by Nest at startup (not at import), so a bad variable stops the boot there. */
const appConfigFactory = registerAs('app', () => loadAppConfig());

/**
 * Global configuration. `AppConfig` is the typed, validated token to inject; ConfigService is
 * also available (`get('app')`) for libraries that expect @nestjs/config, and holds the same object.
 * Env files and process.env are NOT read by @nestjs/config itself: loadAppConfig does it.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [appConfigFactory] })],
  providers: [
    {
      provide: AppConfig,
      useFactory: (config: ConfigService) => config.getOrThrow<AppConfig>('app'),
      inject: [ConfigService],
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}
