// Types of suggested introductions (issue #5).
import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, Edge } from '../../common/connection.type.js';
import { Initiative } from '../../initiatives/dto/initiative.types.js';
import { Professional } from '../../professionals/dto/professional.types.js';

export enum IntroductionKind {
  PEER = 'PEER',
  INITIATIVE = 'INITIATIVE',
}
registerEnumType(IntroductionKind, { name: 'IntroductionKind' });

export enum IntroductionStatus {
  PROPOSED = 'PROPOSED',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  CONNECTED = 'CONNECTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(IntroductionStatus, { name: 'IntroductionStatus' });

@ObjectType()
export class MatchReason {
  @Field() code!: string;
  @Field() text!: string;
  @Field(() => Float) weight!: number;
}

@ObjectType()
export class Introduction {
  @Field(() => ID) id!: string;
  @Field(() => IntroductionKind) kind!: IntroductionKind;
  @Field(() => Professional, { description: 'The other person, seen from the signed-in user.' }) counterpart!: Professional;
  @Field(() => Initiative, { nullable: true }) initiative!: Initiative | null;
  @Field(() => Float) score!: number;
  @Field(() => [MatchReason]) reasons!: MatchReason[];
  @Field(() => IntroductionStatus) status!: IntroductionStatus;
  @Field() createdAt!: Date;
  @Field(() => String, { nullable: true, description: 'Filled only once both sides accepted (status CONNECTED).' })
  counterpartEmail!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Your own answer: true (yes), false (no), or null while you have not answered.' })
  myAnswer!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether you found it useful (rateIntroduction), or null until you rated it.' })
  myRating!: boolean | null;
}

@ObjectType()
export class IntroductionEdge extends Edge(Introduction) {}

@ObjectType()
export class IntroductionConnection extends Connection(IntroductionEdge) {}
