import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class Province {
  @Field() code!: string;
  @Field() name!: string;
}

@ObjectType()
export class Municipality {
  @Field({ description: 'CBS code, e.g. GM0363' }) code!: string;
  @Field() name!: string;
  @Field(() => Province) province!: Province;
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
}
