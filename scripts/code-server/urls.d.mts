// Types for urls.mjs, so the TypeScript end-to-end tests can use it.
export declare function remoteUri(port: number, absPath: string): string;
export declare function workbenchUrl(
  baseUrl: string,
  options: { folder?: string; openFile?: string; payload?: ReadonlyArray<readonly [string, string]> },
): string;
