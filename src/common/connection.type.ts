// Cursor connections for lists: one generic pair of GraphQL types instead of one hand-written
// pair per list. Each list declares its own concrete types, which keeps their names in the schema:
//   @ObjectType() export class InitiativeEdge extends Edge(Initiative) {}
//   @ObjectType() export class InitiativeConnection extends Connection(InitiativeEdge) {}
// An edge class may add fields of its own (ExpertEdge: score, matchedDisciplines, distanceKm).
import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from './page-info.type.js';

export interface EdgeShape<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<E> {
  edges: E[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The fields of an edge with nodes of `NodeType`: cursor and node. */
export function Edge<T>(NodeType: Type<T>): abstract new () => EdgeShape<T> {
  @ObjectType({ isAbstract: true })
  abstract class EdgeType implements EdgeShape<T> {
    @Field() cursor!: string;
    @Field(() => NodeType) node!: T;
  }
  return EdgeType;
}

/** The fields of a connection over edges of `EdgeType`: edges, pageInfo and totalCount. */
export function Connection<E>(EdgeType: Type<E>): abstract new () => ConnectionShape<E> {
  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<E> {
    @Field(() => [EdgeType]) edges!: E[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionType;
}
