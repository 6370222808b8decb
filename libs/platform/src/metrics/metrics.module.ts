import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsServer } from './metrics-server';
import { Metrics } from './metrics.service';

/** Global: any context injects `Metrics`. Each process serves them on its own metrics listener. */
@Global()
@Module({
  providers: [Metrics, MetricsServer],
  exports: [Metrics, MetricsServer],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}

/** The registry alone, without the listener: for the CLI, whose counts nobody scrapes. */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsRegistryModule {}
