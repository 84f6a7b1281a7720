// Types for xorshift.mjs, so the TypeScript tests can use it.
export declare function xorshift32(seed: number): () => number;
