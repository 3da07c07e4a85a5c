/**
 * npm run exceptions: the estate's policy exceptions, each with its owner, its term and the days it has left.
 *
 *   npm run exceptions                                        # every exception
 *   npm run exceptions -- --expiring-within 30                # those that expire within 30 days, or have
 *   npm run --silent exceptions -- --expiring-within 30 --format markdown   # the daily workflow's issue
 *
 * Exit status: 0 listed (whatever it lists); 2 could not run (bad arguments, an invalid inventory, an unwritable --output).
 */
import { InvalidArgumentError, Option } from "commander";
import { writeFileSync } from "node:fs";
import { COULD_NOT_RUN, commandLine, oneLine, parseCommandLine, wholeNumber } from "../command-line/program.cjs";
import { InventoryError, loadEstate } from "../inventory";
import { estateFacts } from "../inventory/estate-facts";
import { dayProblem } from "../inventory/exception-term";
import { EXCEPTION_LIST_FORMATS, renderExceptionList, type ExceptionListFormat } from "../overview/exception-list";
import { expiringExceptions } from "../policy";

/** The command: `argv` without node and the script, `now` the moment it counts days from. Returns the exit status. */
export function main(argv: readonly string[], now: Date = new Date()): number {
  const program = commandLine("exceptions", {
    description: "List the estate's policy exceptions, each with its owner, its term and the days it has left.",
    exitStatuses: ["0  listed", "2  could not run: bad arguments, an invalid inventory, an unwritable --output"],
  })
    .option("--expiring-within <days>", "only those that expire within this many days, or have expired", wholeNumber(0))
    .option("--today <day>", "count from this day (YYYY-MM-DD, UTC) instead of today", (value) => {
      const problem = dayProblem(value);
      if (problem !== undefined) throw new InvalidArgumentError(problem);
      return value;
    })
    .addOption(new Option("--format <format>", "output format").choices(EXCEPTION_LIST_FORMATS).default("text"))
    .option("--output <file>", "write to a file instead of standard output");
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  const options = program.opts<{ expiringWithin?: number; today?: string; format: ExceptionListFormat; output?: string }>();
  const today = options.today ?? now.toISOString().slice(0, 10);
  try {
    const exceptions = estateFacts(loadEstate()).policy.exceptions;
    const listed = expiringExceptions(exceptions, today, options.expiringWithin ?? Number.POSITIVE_INFINITY);
    const text = renderExceptionList(
      { today, ...(options.expiringWithin !== undefined ? { withinDays: options.expiringWithin } : {}), exceptions: listed },
      options.format,
    );
    if (options.output === undefined) process.stdout.write(text);
    else writeFileSync(options.output, text);
    return 0;
  } catch (error) {
    // An invalid inventory says what is wrong, item and field, one line each.
    if (error instanceof InventoryError) process.stderr.write(`${error.message}\n`);
    else if ((error as NodeJS.ErrnoException).code !== undefined)
      process.stderr.write(`exceptions: could not run: cannot write --output ${options.output ?? ""} (${oneLine((error as Error).message)})\n`);
    else throw error;
    return COULD_NOT_RUN;
  }
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`exceptions: could not run: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = COULD_NOT_RUN;
  }
}
