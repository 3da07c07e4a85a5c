/*
 * How a deploy ends: its exit statuses, as `npm run deploy -- --help` and the README document them, and the one line
 * saying why it stopped.
 */

/** The exit statuses: done, refused (not what a clean review judged, or an apply declined), could not run. */
export const EXIT = { done: 0, refused: 1, couldNotRun: 2 } as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** Why the deploy stops: the exit status and one line saying why. */
export class DeployStop extends Error {
  constructor(
    readonly status: Exclude<ExitStatus, 0>,
    message: string,
  ) {
    super(message);
    this.name = "DeployStop";
  }
}
