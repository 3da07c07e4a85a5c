/** Types of cached-bundle.mjs, for the TypeScript scripts that call it. */
export function cachedBundle(entry: string, name: string, options?: { bundlePackages?: boolean }): string;
