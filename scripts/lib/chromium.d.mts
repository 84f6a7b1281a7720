// Types for chromium.mjs, so the TypeScript end-to-end tests can use it.
import type { Browser } from 'playwright-core';

export declare function chromiumPath(): string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function launchChromium(options?: { timeoutMs?: number }): Promise<Browser>;
