/** Types of program.cjs, for the TypeScript commands that use it. */
import type { Command } from "commander";

export const COULD_NOT_RUN: 2;
export function oneLine(text: string): string;
export function commandLine(name: string, text: { readonly description: string; readonly exitStatuses: readonly string[] }): Command;
export function parseCommandLine(program: Command, argv: readonly string[]): 0 | 2 | undefined;
export function wholeNumber(least: number): (value: string) => number;
export function someOf<T extends string>(choices: readonly T[]): (value: string) => T[];
export function existingFolder(value: string): string;
