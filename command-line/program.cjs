// The command line every command of the estate reads, the same way (commander): `--help` prints the command's
// usage, what it does and its exit statuses on standard output and exits 0; an unknown flag, a missing or bad value
// or a stray argument prints ONE line on standard error, `<command>: <why> (see --help)`, and exits 2, "could not
// run", the status every command documents for it: never a stack trace, never 1 ("refused", "dangerous", "failed"),
// never 0.
//
// CommonJS with its types beside it (program.d.cts), so that the plain-node commands (scripts/*.mjs, which start
// without a TypeScript loader for speed) and the TypeScript ones share it.
"use strict";
const { Command, CommanderError, InvalidArgumentError } = require("commander");
const { statSync } = require("node:fs");

/** The exit status of a command that could not run: a usage problem among them. */
const COULD_NOT_RUN = 2;

/** A message on one line: commander's own may span two. */
function oneLine(text) {
  return text.trim().replace(/\s*\n\s*/g, "; ");
}

/**
 * A commander program named `name` (as `npm run <name>` calls it) that reports usage problems in one line and throws
 * instead of exiting, for `parseCommandLine` to turn into an exit status. `exitStatuses` (lines of "<status>  <what>")
 * ends its `--help`.
 */
function commandLine(name, { description, exitStatuses }) {
  endOnClosedOutput(name);
  return new Command(name)
    .description(description)
    .addHelpText("after", `\nExit status:\n${exitStatuses.map((line) => `  ${line}`).join("\n")}\n`)
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(`${name}: ${oneLine(text.replace(/^error: /, ""))} (see --help)\n`),
    });
}

let watchingOutput = false;

/**
 * A reader that stops early (`| head`) closes standard output: say so in one line and exit 2 (not everything was
 * written), instead of Node's unhandled EPIPE with its stack trace.
 */
function endOnClosedOutput(name) {
  if (watchingOutput) return;
  watchingOutput = true;
  process.stdout.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    process.stderr.write(`${name}: could not run: standard output was closed before everything was written (EPIPE)\n`);
    process.exit(COULD_NOT_RUN);
  });
}

/**
 * Parses `argv` (the arguments after the command: process.argv.slice(2)). Returns undefined when the command should
 * run, else the status to exit with: 0 after `--help`, 2 after a usage problem (already said, in one line).
 */
function parseCommandLine(program, argv) {
  try {
    program.parse([...argv], { from: "user" });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : COULD_NOT_RUN;
    throw error;
  }
}

/** An option value that must be a whole number of at least `least` (`--concurrency 0` would wait forever). */
function wholeNumber(least) {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < least || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`give a whole number of at least ${least}`);
    }
    return Number(value);
  };
}

/** An option value that lists some of `choices`, comma-separated, each once (`--only synth,test`). */
function someOf(choices) {
  return (value) => {
    const picked = value.split(",").map((part) => part.trim());
    const unknown = picked.filter((part) => !choices.includes(part));
    if (unknown.length > 0 || picked.length === 0)
      throw new InvalidArgumentError(`${unknown.map((part) => `"${part}"`).join(", ") || "nothing"} is not one of ${choices.join(", ")}`);
    return [...new Set(picked)];
  };
}

/** An option value that names a folder that exists. */
function existingFolder(value) {
  let stats;
  try {
    stats = statSync(value);
  } catch (error) {
    throw new InvalidArgumentError(error.code === "ENOENT" ? "no such folder" : `cannot read it (${error.code ?? error.message})`);
  }
  if (!stats.isDirectory()) throw new InvalidArgumentError("not a folder");
  return value;
}

module.exports = { COULD_NOT_RUN, commandLine, existingFolder, oneLine, parseCommandLine, someOf, wholeNumber };
