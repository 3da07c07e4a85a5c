/** A construct was given props it cannot turn into valid Terraform; the message names the construct and the prop. */
export class ConstructPropsError extends Error {
  constructor(construct: string, id: string, prop: string, problem: string) {
    super(`${construct} "${id}" prop "${prop}": ${problem}`);
    this.name = "ConstructPropsError";
  }
}
