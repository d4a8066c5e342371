import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AuthService } from '../auth/auth.service.js';
import { QUEUES } from '../jobs/jobs.js';
import { adminOnly } from './admin-session.js';
import { FailedEmailsResolver } from './failed-emails.resolver.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

export const QUEUES_DASHBOARD_ROUTE = '/admin/queues';

/** Operations: the queue dashboard and failed emails (admins), Prometheus metrics; API processes only. */
@Module({
  imports: [
    BullModule.registerQueue({ name: QUEUES.maintenance }, { name: QUEUES.matching }),
    BullBoardModule.forRootAsync({
      imports: [AuthModule],
      inject: [AuthService],
      useFactory: (auth: AuthService) => ({
        route: QUEUES_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: adminOnly(auth, QUEUES_DASHBOARD_ROUTE),
        boardOptions: { uiConfig: { boardTitle: 'Verbinder' } },
      }),
    }),
    BullBoardModule.forFeature(
      { name: QUEUES.email, adapter: BullMQAdapter },
      { name: QUEUES.matching, adapter: BullMQAdapter },
      { name: QUEUES.maintenance, adapter: BullMQAdapter },
    ),
  ],
  providers: [MetricsService, FailedEmailsResolver],
  controllers: [MetricsController],
})
export class AdminModule {}
