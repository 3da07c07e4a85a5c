/**
 * The one order of strings wherever an output lists keys or names: code-unit order, the same on every machine.
 * `localeCompare` is not: it follows the machine's locale (ICU collation), so two machines could write the same
 * estate in two orders. It lives in values/, which imports nothing of the project, so that every folder that sorts
 * can use it.
 */

/** Code-unit order, independent of the machine's locale: `"Procfile"` before `"bedevere/"`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders items by a string of each, in code-unit order: `hosts.sort(byString((h) => h.fqdn))`. */
export function byString<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareStrings(key(a), key(b));
}
