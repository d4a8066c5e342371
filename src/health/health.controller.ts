import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { RedisHealthClient } from '../redis/redis.module.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisHealthClient,
  ) {}

  /** The process is up (for restarts by an orchestrator). */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: PostgreSQL and Redis answer (for load balancers). */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2_000 }),
      async () => {
        const redis = this.indicators.check('redis');
        return (await this.redis.ping()) ? redis.up() : redis.down({ message: 'Redis does not answer' });
      },
    ]);
  }
}
