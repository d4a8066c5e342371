import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../common/page-info.type.js';

@ObjectType({ description: 'An email that failed after every retry; retryEmail sends it again' })
export class FailedEmail {
  @Field(() => ID) id!: string;
  @Field({ description: 'digest, connected or paused' }) kind!: string;
  @Field(() => ID, { description: 'The recipient account' }) accountId!: string;
  @Field(() => ID, { nullable: true }) runId!: string | null;
  @Field() createdAt!: Date;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Int, { description: 'How often an admin sent it back to the queue' }) requeues!: number;
}

@ObjectType()
export class FailedEmailEdge {
  @Field() cursor!: string;
  @Field(() => FailedEmail) node!: FailedEmail;
}

@ObjectType()
export class FailedEmailConnection {
  @Field(() => [FailedEmailEdge]) edges!: FailedEmailEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
