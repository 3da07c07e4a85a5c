/*
 * The tests' stand-in for a non-null assertion (`x!`, which the lint forbids): a value the test expects to be there
 * (an array's element, a map's entry, a regular expression's group, a `find`), narrowed to its type, or a failure
 * that says so. The failure's stack starts at the caller, so that Jest's code frame shows the test's own line.
 */
export function defined<T>(value: T, what = "a value"): NonNullable<T> {
  if (value === undefined || value === null) {
    const error = new Error(`the test expected ${what}, found ${String(value)}`);
    Error.captureStackTrace(error, defined);
    throw error;
  }
  return value;
}
