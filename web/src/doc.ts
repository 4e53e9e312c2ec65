/**
 * A GraphQL document as a plain string, carrying the TypeScript types of its result and its variables.
 * Every document of the app is written with `gql` in operations.ts, and test/web/operations.spec.ts
 * validates each one against schema.gql, so a renamed or mistyped field fails a test, not a user.
 */
export type Doc<TData, TVariables> = string & { readonly __data?: TData; readonly __variables?: TVariables };

/** Identity tag: joins the template (fragments are interpolated as strings). */
export const gql = <TData, TVariables = Record<string, never>>(
  strings: TemplateStringsArray,
  ...values: string[]
): Doc<TData, TVariables> =>
  strings.reduce((out, part, index) => out + part + (values[index] ?? ''), '') as Doc<TData, TVariables>;
