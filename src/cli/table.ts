/**
 * Plain-text tables for human output: a header, aligned columns, numbers right-aligned.
 * @module
 */

/** One column of a table. */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  /** Right-align (numbers). */
  readonly right?: boolean;
}

/** Renders rows as an aligned table, one line per row, without a trailing newline. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, c) =>
    Math.max(column.header.length, ...cells.map((line) => line[c]!.length)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, c) => (columns[c]!.right ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  const header = render(columns.map((column) => column.header));
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [header, rule, ...cells.map(render)].join("\n");
}

/** Renders `label: value` pairs with aligned values. */
export function renderFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`).join("\n");
}
