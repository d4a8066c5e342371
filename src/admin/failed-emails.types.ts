import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Edge } from '../common/connection.type.js';

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
export class FailedEmailEdge extends Edge(FailedEmail) {}

@ObjectType()
export class FailedEmailConnection extends Connection(FailedEmailEdge) {}
