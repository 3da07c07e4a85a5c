/** Types of cached-bundle.cjs, for the TypeScript scripts that call it. */
export function cachedBundle(entry: string, name: string, options?: { bundlePackages?: boolean }): string;
