/** Types of generated-bundle.mjs, for the tests that import it. */
export declare const generatedBundle: (
  count: number,
  options?: { debateSize?: number },
) => Record<string, unknown>;
