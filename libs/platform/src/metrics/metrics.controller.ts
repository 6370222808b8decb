import { Controller, Get, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Metrics } from './metrics.service';

/** Prometheus scrape endpoint; 404 when METRICS_ENABLED=false. Keep it off the public ingress. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    if (!this.metrics.config.metricsEnabled) throw new NotFoundException();
    const { contentType, body } = await this.metrics.render();
    res.type(contentType).send(body);
  }
}
