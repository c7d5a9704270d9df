import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { ALL_QUEUES } from '../queue/queue-contract';
import { ADMIN_ACCESS, AdminAccessPolicy, adminOnly } from './admin-access';
import { AdminAccessModule } from './admin-access.module';

export const QUEUE_BOARD_ROUTE = '/admin/queues';

/** Bull Board over the four queues at /admin/queues, for admins only (AdminAccessPolicy). */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [AdminAccessModule],
      inject: [ADMIN_ACCESS],
      useFactory: (policy: AdminAccessPolicy) => ({
        route: QUEUE_BOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: adminOnly(policy),
        boardOptions: { uiConfig: { boardTitle: 'dmflow queues' } },
      }),
    }),
    BullBoardModule.forFeature(...ALL_QUEUES.map((name) => ({ name, adapter: BullAdapter }))),
  ],
})
export class QueueBoardModule {}
