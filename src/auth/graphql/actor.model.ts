import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ROLES, type Role } from '../../event-sourcing/metadata.js';

export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };
registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType('Actor')
export class ActorModel {
  @Field(() => ID)
  id!: string;

  @Field(() => RoleEnum)
  role!: Role;
}
