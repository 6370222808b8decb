import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics.service';

/**
 * Prometheus scrapes each process (API and worker) on a listener of its own, METRICS_HOST:METRICS_PORT,
 * so the public API port serves nothing without a token but health. Nothing starts when
 * METRICS_ENABLED=false.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.metricsEnabled) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.metrics.render().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metrics.port, this.config.metrics.host, () => resolve());
    });
    server.unref();
    this.server = server;
    this.logger.log({ msg: 'metrics listener', listeningOn: this.address() });
  }

  /** `host:port` actually bound (port 0 picks a free one), or null when off. */
  address(): string | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `${address.address}:${address.port}` : null;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
