/** Types of generate-types.mjs, for the test that compares its output with the committed file. */
export declare const SCHEMA: string;
export declare const DOCUMENTS: string;
export declare const OUTPUT: string;
export declare const generate: (schemaText?: string) => Promise<string>;
