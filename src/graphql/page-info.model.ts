import { Field, ObjectType } from '@nestjs/graphql';

/** Relay cursor pagination (docs/architecture.md §6); every `…Connection` type carries one. */
@ObjectType('PageInfo')
export class PageInfoModel {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The shape of every connection, for resolvers and query handlers that build one. */
export interface Connection<Node> {
  readonly edges: readonly { readonly cursor: string; readonly node: Node }[];
  readonly pageInfo: PageInfoModel;
  readonly totalCount: number;
}
