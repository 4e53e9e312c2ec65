import { Field, ID, InterfaceType } from '@nestjs/graphql';

/** The object type a global id names, read from its prefix (docs/architecture.md §3: ids are prefixed ULIDs). */
export const nodeTypeName = (id: string): 'Claim' | 'Source' | undefined => {
  if (id.startsWith('clm_')) return 'Claim';
  if (id.startsWith('src_')) return 'Source';
  return undefined;
};

@InterfaceType('Node', {
  description: 'An object with a global id; `node(id:)` fetches any of them',
  resolveType: (value: { id: string }) => nodeTypeName(value.id),
})
export abstract class NodeInterface {
  @Field(() => ID)
  id!: string;
}
