/** The few Markdown pieces the overview page is made of, with the escaping GitHub needs. */

/** Text for a table cell: pipes escaped, line breaks as spaces. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Inline code, with a fence long enough for the backticks inside. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** A GitHub table; an empty list of rows gives a line saying so instead. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "_None._\n";
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(" | ")} |`;
  return [line(headers), `|${headers.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n") + "\n";
}

/** A Mermaid diagram, which GitHub draws. */
export function mermaid(lines: readonly string[]): string {
  return ["```mermaid", ...lines, "```", ""].join("\n");
}

/** A Mermaid node label: quotes are not allowed inside, so they become the typographic ones. */
export function label(text: string): string {
  return `"${text.replace(/"/g, "”")}"`;
}
