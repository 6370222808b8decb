import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WORKER_RUNTIME_OPTIONS, WorkerRuntime, WorkerRuntimeOptions } from './worker-runtime';

/** Imported by the worker only (with QueueModule, DatabaseModule, MetricsModule). */
@Module({})
export class WorkerRuntimeModule {
  static forRoot(options: WorkerRuntimeOptions): DynamicModule {
    return {
      module: WorkerRuntimeModule,
      imports: [DiscoveryModule],
      providers: [{ provide: WORKER_RUNTIME_OPTIONS, useValue: options }, WorkerRuntime],
      exports: [WorkerRuntime],
    };
  }
}
