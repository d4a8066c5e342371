import { Controller, Get, Res } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

interface Response {
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
}

/** Prometheus scrape target. Figures only, nothing personal; keep it off the public internet at the proxy. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
