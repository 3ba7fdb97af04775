/**
 * Writing network files in the formats {@link loadNetwork} reads: JSON, or the CSV pair
 * entities.csv + liabilities.csv. Output is buffered in ~1 MiB pieces, so 10^7 liabilities stream out
 * without building one giant string.
 * @module
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ENTITY_COLUMNS, LIABILITY_COLUMNS } from "./load.ts";
import type { Network } from "./network.ts";

const FLUSH_AT = 1 << 20;

/** Writes `network` as a JSON document, one entity or liability per line. */
export function writeNetworkJson(network: Network, path: string): void {
  const q = JSON.stringify;
  withWriter(path, (write) => {
    write('{\n  "entities": [\n');
    forEachEntity(network, (id, assets, liabilities, equity, last) => {
      const tail = Number.isNaN(equity) ? "" : `, "equity": ${equity}`;
      write(
        `    {"id": ${q(id)}, "externalAssets": ${assets}, "externalLiabilities": ${liabilities}${tail}}${last ? "" : ","}\n`,
      );
    });
    write('  ],\n  "liabilities": [\n');
    const total = network.amount.length;
    let written = 0;
    forEachLiability(network, q, (debtor, creditor, amount) => {
      written++;
      write(
        `    {"debtor": ${debtor}, "creditor": ${creditor}, "amount": ${amount}}${written === total ? "" : ","}\n`,
      );
    });
    write("  ]\n}\n");
  });
}

/**
 * Writes `network` as `dir/entities.csv` and `dir/liabilities.csv` (creating `dir`).
 * @returns the two paths
 */
export function writeNetworkCsv(network: Network, dir: string): { entities: string; liabilities: string } {
  mkdirSync(dir, { recursive: true });
  const entities = join(dir, "entities.csv");
  const liabilities = join(dir, "liabilities.csv");
  const withEquity = network.statedEquity !== undefined;
  withWriter(entities, (write) => {
    write(`${(withEquity ? ENTITY_COLUMNS : ENTITY_COLUMNS.slice(0, 3)).join(",")}\n`);
    forEachEntity(network, (id, assets, owed, equity) => {
      write(
        `${csvField(id)},${assets},${owed}${withEquity ? `,${Number.isNaN(equity) ? "" : equity}` : ""}\n`,
      );
    });
  });
  withWriter(liabilities, (write) => {
    write(`${LIABILITY_COLUMNS.join(",")}\n`);
    forEachLiability(network, csvField, (debtor, creditor, amount) =>
      write(`${debtor},${creditor},${amount}\n`),
    );
  });
  return { entities, liabilities };
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function forEachEntity(
  network: Network,
  visit: (id: string, assets: number, liabilities: number, equity: number, last: boolean) => void,
): void {
  const n = network.ids.length;
  for (let i = 0; i < n; i++) {
    visit(
      network.ids[i]!,
      network.externalAssets[i]!,
      network.externalLiabilities[i]!,
      network.statedEquity?.[i] ?? Number.NaN,
      i === n - 1,
    );
  }
}

/** Visits every liability with its ids already quoted by `quote` (once per entity, not per row). */
function forEachLiability(
  network: Network,
  quote: (id: string) => string,
  visit: (debtor: string, creditor: string, amount: number) => void,
): void {
  const { liabilityStart, creditor, amount } = network;
  const names = network.ids.map(quote);
  for (let i = 0; i < names.length; i++) {
    for (let k = liabilityStart[i]!; k < liabilityStart[i + 1]!; k++)
      visit(names[i]!, names[creditor[k]!]!, amount[k]!);
  }
}

function withWriter(path: string, body: (write: (text: string) => void) => void): void {
  const fd = openSync(path, "w");
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = () => {
      if (pending.length > 0) writeSync(fd, pending.join(""));
      pending = [];
      size = 0;
    };
    body((text) => {
      pending.push(text);
      size += text.length;
      if (size >= FLUSH_AT) flush();
    });
    flush();
  } finally {
    closeSync(fd);
  }
}
