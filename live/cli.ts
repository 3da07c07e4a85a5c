/*
 * What the live commands share on the command line: their common options (stacks, --live, --format, --output), one
 * line and exit 2 for a bad flag or value, "could not run" (2) with the reason, and Ctrl-C ending their processes and
 * removing their scratch folders (twin/rehearsal/processes.ts).
 */
import { Option, type Command } from "commander";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { commandLine, COULD_NOT_RUN, parseCommandLine } from "../command-line/program.cjs";
import { FORMATS, type Format } from "../review/render";
import { onInterrupt, ScratchFolderError } from "../twin/rehearsal/processes";
import { TerraformMissingError } from "../twin/rehearsal/terraform-cli";
import type { LiveCommandOptions } from "./commands";
import { SnapshotError } from "./snapshot";
import { LiveCommandError } from "./terraform-runs";

export { COULD_NOT_RUN };

export interface LiveCommand {
  readonly name: string;
  readonly description: string;
  /** Lines of `<status>  <what it means>`, ending `--help`. */
  readonly exitStatuses: readonly string[];
  readonly extraOptions: (command: Command) => Command;
  readonly run: (
    options: Readonly<Record<string, unknown>>,
    common: LiveCommandOptions,
  ) => Promise<{ status: number; render: (format: Format) => string }>;
}

/** Parses the arguments, runs the command, prints or writes its report; resolves with the exit status. */
export async function liveCommandMain(command: LiveCommand, argv: readonly string[], env: NodeJS.ProcessEnv, root: string): Promise<number> {
  const program = command.extraOptions(
    commandLine(command.name, { description: command.description, exitStatuses: command.exitStatuses })
      .argument("[stacks...]", "stacks (with the stacks they read); all when none")
      .option("--live <file>", "a live snapshot (npm run live-snapshot) to compare with, offline, instead of the clouds")
      .addOption(new Option("--format <format>", "report format").choices(FORMATS).default("text"))
      .option("--output <file>", "write the report to a file instead of standard output"),
  );
  const usage = parseCommandLine(program, argv);
  if (usage !== undefined) return usage;
  const options = program.opts<Record<string, unknown>>();
  const common: LiveCommandOptions = {
    root,
    env,
    stacks: program.args,
    ...(typeof options["live"] === "string" ? { live: resolve(options["live"]) } : {}),
    progress: (line) => process.stderr.write(`${line}\n`),
  };
  try {
    const { status, render } = await command.run(options, common);
    const text = render(options["format"] as Format);
    if (typeof options["output"] === "string") writeFileSync(options["output"], text);
    else process.stdout.write(text);
    return status;
  } catch (error) {
    return couldNotRun(command.name, error);
  }
}

/** Says why a command could not run, in one line (a known failure) or with its stack (a bug); the status to exit with. */
export function couldNotRun(name: string, error: unknown): number {
  const known =
    error instanceof LiveCommandError ||
    error instanceof SnapshotError ||
    error instanceof TerraformMissingError ||
    error instanceof ScratchFolderError;
  process.stderr.write(
    `${name}: could not run: ${known ? error.message : `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`,
  );
  return COULD_NOT_RUN;
}

/** The entry point of a script: Ctrl-C handled, the exit status set. */
export async function runLiveCommand(command: LiveCommand): Promise<void> {
  onInterrupt(command.name, COULD_NOT_RUN);
  process.exitCode = await liveCommandMain(command, process.argv.slice(2), process.env, join(__dirname, ".."));
}
