import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../graphql/access/access.decorators.js';
import { NotFound } from '../common/domain-error.js';
import { OutboxQueue } from '../mail/outbox/outbox.queue.js';
import { FailedEmailConnection } from './failed-emails.types.js';

@AdminOnly()
@Resolver()
export class FailedEmailsResolver {
  constructor(private readonly outbox: OutboxQueue) {}

  @Query(() => FailedEmailConnection, { description: 'Admin: emails that failed after every retry, newest first' })
  async failedEmails(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<FailedEmailConnection> {
    const page = await this.outbox.listFailed(first, after);
    return {
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null },
      edges: page.items.map((item) => ({ cursor: item.cursor, node: item })),
    };
  }

  @Mutation(() => Boolean, { description: 'Admin: sends a failed email again' })
  async retryEmail(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    if (!(await this.outbox.retry(id))) throw new NotFound(`No failed email with id ${id}`, { id });
    return true;
  }
}
