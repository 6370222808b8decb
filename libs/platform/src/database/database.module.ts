import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions, DataSourceRole } from './data-source-options';

/**
 * The one DataSource of the process (TypeOrmModule is global: inject `DataSource`, or use
 * `TypeOrmModule.forFeature([Entity])` in a context module for repositories). Entities are found
 * by glob, so a context registers one by naming it `libs/<ctx>/src/infrastructure/**\/x.entity.ts`.
 */
@Module({})
export class DatabaseModule {
  static forRoot(role: DataSourceRole = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions(config, role),
            // Fail fast (the orchestrator restarts us) rather than retry for half a minute.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
    };
  }
}
