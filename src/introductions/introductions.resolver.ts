import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { NotImplemented } from '../common/domain-error.js';
import { Introduction, IntroductionConnection, IntroductionStatus } from './dto/introduction.types.js';

/** Contract operations of issue #5; they answer NOT_IMPLEMENTED until it is built. */
@Resolver()
export class IntroductionsResolver {
  @Query(() => IntroductionConnection)
  myIntroductions(
    @Args('status', { type: () => IntroductionStatus, nullable: true }) _status: IntroductionStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) _first: number,
    @Args('after', { type: () => String, nullable: true }) _after: string | null,
  ): IntroductionConnection {
    throw new NotImplemented('myIntroductions', 5);
  }

  @Mutation(() => Introduction)
  respondToIntroduction(@Args('id', { type: () => ID }) _id: string, @Args('accept') _accept: boolean): Introduction {
    throw new NotImplemented('respondToIntroduction', 5);
  }

  @Mutation(() => Introduction)
  rateIntroduction(
    @Args('id', { type: () => ID }) _id: string,
    @Args('useful') _useful: boolean,
    @Args('comment', { type: () => String, nullable: true }) _comment: string | null,
  ): Introduction {
    throw new NotImplemented('rateIntroduction', 5);
  }
}
