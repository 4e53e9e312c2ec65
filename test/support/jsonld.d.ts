/** The part of the `jsonld` package (which ships no types) that the ClaimReview spec uses. */
declare module 'jsonld' {
  interface RemoteDocument {
    readonly contextUrl: string | null;
    readonly documentUrl: string;
    readonly document: unknown;
  }
  interface Options {
    readonly documentLoader?: (url: string) => Promise<RemoteDocument>;
  }
  const jsonld: {
    expand(input: object, options?: Options): Promise<object[]>;
  };
  export default jsonld;
}
