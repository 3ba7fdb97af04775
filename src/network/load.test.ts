import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/cli.ts";
import { InputError } from "../core/errors.ts";
import { IdTable, parseDecimal, readCsv } from "./csv.ts";
import { generateNetwork } from "./generate.ts";
import { loadNetwork, parseNetworkJson } from "./load.ts";
import type { Network } from "./network.ts";
import { encodeAmount, writeNetworkCsv, writeNetworkJson } from "./write.ts";

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const file = (name: string, text: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, text);
  return path;
};

function issuesOf(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

function plain(network: Network) {
  return {
    ids: [...network.ids],
    externalAssets: [...network.externalAssets],
    externalLiabilities: [...network.externalLiabilities],
    statedEquity: network.statedEquity && [...network.statedEquity],
    liabilityStart: [...network.liabilityStart],
    creditor: [...network.creditor],
    amount: [...network.amount],
  };
}

describe("network JSON", () => {
  it("reads entities and liabilities into CSR by debtor, merging duplicate pairs", () => {
    const network = parseNetworkJson(
      JSON.stringify({
        entities: [
          { id: "A", externalAssets: 1, externalLiabilities: 0.5 },
          { id: "B", externalAssets: 2, externalLiabilities: 0, equity: 0.7 },
        ],
        liabilities: [
          { debtor: "B", creditor: "A", amount: 1 },
          { debtor: "A", creditor: "B", amount: 3 },
          { debtor: "B", creditor: "A", amount: 0.25 },
        ],
      }),
    );
    expect(plain(network)).toEqual({
      ids: ["A", "B"],
      externalAssets: [1, 2],
      externalLiabilities: [0.5, 0],
      statedEquity: [Number.NaN, 0.7],
      liabilityStart: [0, 1, 2],
      creditor: [1, 0],
      amount: [3, 1.25],
    });
  });

  it("reports every problem with its line and field", () => {
    const text = `{
  "entities": [
    {"id": "A", "externalAssets": 1, "externalLiabilities": 0},
    {"id": "A", "externalAssets": 1, "externalLiabilities": 0},
    {"id": "B", "externalAssets": -1, "externalLiabilities": 0, "colour": "red"},
    {"id": "C", "externalAssets": "lots", "externalLiabilities": 0},
    {"id": "D", "externalAssets": 1}
  ],
  "liabilities": [
    {"debtor": "A", "creditor": "Z", "amount": 1},
    {"debtor": "A", "creditor": "A", "amount": 1},
    {"debtor": "A", "creditor": "B", "amount": -2}
  ]
}`;
    const error = issuesOf(() => parseNetworkJson(text, "net.json"));
    expect(error.file).toBe("net.json");
    expect(error.issues.map((i) => [i.line, i.path, i.message])).toEqual([
      [4, "entities[1].id", 'duplicate entity id "A"; ids must be unique'],
      [
        5,
        "entities[2].colour",
        'unknown field "colour"; expected id, externalAssets, externalLiabilities, equity',
      ],
      [5, "entities[2].externalAssets", "expected a non-negative number, got -1"],
      [6, "entities[3].externalAssets", 'expected a number, got string "lots"'],
      [7, "entities[4].externalLiabilities", "missing required field; expected a number"],
      [10, "liabilities[0].creditor", 'unknown entity "Z"'],
      [11, "liabilities[1].creditor", 'self-loop: "A" cannot owe itself'],
      [12, "liabilities[2].amount", "expected a non-negative number, got -2"],
    ]);
    expect(error.message).toContain("net.json:10:");
  });

  it("reports a syntax error with its line and column", () => {
    const error = issuesOf(() => parseNetworkJson('{"entities": [\n  {"id": "A",,}\n]}', "bad.json"));
    expect(error.code).toBe("INVALID_JSON");
    expect(error.message).toMatch(/bad\.json:2:/);
  });
});

describe("network CSV", () => {
  it("reads quoted ids, CRLF, a BOM, blank lines and an optional equity column", () => {
    const entities = file(
      "entities.csv",
      '\ufeffid,externalAssets,externalLiabilities,equity\r\n"Alameda, Ltd",10,4,\r\n"say ""hi""",2.5e1,0,3\r\n\r\nplain,0,0,-1\r\n',
    );
    file(
      "liabilities.csv",
      'debtor,creditor,amount\n"Alameda, Ltd","say ""hi""",7\nplain,"Alameda, Ltd",.5\n',
    );
    const { network, format, files } = loadNetwork(entities);
    expect(format).toBe("csv");
    expect(files).toEqual([entities, join(dir.path, "liabilities.csv")]);
    expect(plain(network)).toEqual({
      ids: ["Alameda, Ltd", 'say "hi"', "plain"],
      externalAssets: [10, 25, 0],
      externalLiabilities: [4, 0, 0],
      statedEquity: [Number.NaN, 3, -1],
      liabilityStart: [0, 1, 1, 2],
      creditor: [1, 0],
      amount: [7, 0.5],
    });
  });

  it("reports problems with file, line and column", () => {
    file("entities.csv", "id,externalAssets,externalLiabilities\nA,1,0\nB,x,0\nA,1,0\n");
    const error = issuesOf(() => loadNetwork(dir.path));
    expect(error.file).toBe(join(dir.path, "entities.csv"));
    expect(error.issues.map((i) => [i.line, i.path, i.message])).toEqual([
      [3, "externalAssets", 'expected a number, got "x"'],
      [4, "id", 'duplicate entity id "A"; ids must be unique'],
    ]);
    expect(error.message).toContain(`${join(dir.path, "entities.csv")}:3: externalAssets: expected a number`);

    file("entities.csv", "id,externalAssets,externalLiabilities\nA,1,0\nB,1,0\n");
    file("liabilities.csv", "debtor,creditor,amount\nA,B,1\nA,C,1\nB,B,2\nB,A,0x10\nB,A,-3\nB,A\n");
    const bad = issuesOf(() => loadNetwork(dir.path));
    expect(bad.file).toBe(join(dir.path, "liabilities.csv"));
    expect(bad.issues.map((i) => [i.line, i.path, i.message])).toEqual([
      [3, "creditor", 'unknown entity "C"'],
      [4, "creditor", 'self-loop: "B" cannot owe itself'],
      [5, "amount", 'expected a number, got "0x10"'],
      [6, "amount", "expected a non-negative number, got -3"],
      [7, "amount", "missing value; expected a number"],
    ]);
  });

  it("rejects a bad header and an unclosed quote", () => {
    file("entities.csv", "id,assets,externalLiabilities\nA,1,0\n");
    const header = issuesOf(() => loadNetwork(dir.path));
    expect(header.issues.map((i) => i.message)).toEqual([
      'unknown column "assets"; expected id, externalAssets, externalLiabilities, equity',
      'missing column "externalAssets"; the header must name id, externalAssets, externalLiabilities',
    ]);
    file("entities.csv", 'id,externalAssets,externalLiabilities\n"A,1,0\n');
    expect(issuesOf(() => loadNetwork(dir.path)).issues[0]).toMatchObject({
      line: 2,
      message: "quoted field is not closed",
    });
  });

  it("streams rows across 1 MiB chunk boundaries", () => {
    // 200 000 rows of ~20 bytes: about 4 MiB, so rows straddle several chunk ends.
    const rows = Array.from({ length: 200_000 }, (_, i) => `"id ${i}",${i}.25,${i % 7}`);
    const path = file("big.csv", `${rows.join("\n")}\n`);
    let count = 0;
    let wrong = 0;
    readCsv(path, (row) => {
      if (row.text(0) !== `id ${count}` || row.number(1) !== count + 0.25 || row.line !== count + 1) wrong++;
      count++;
    });
    expect(count).toBe(200_000);
    expect(wrong).toBe(0);
  });

  it("reports the bytes read, rising to the file's size", () => {
    const rows = Array.from({ length: 400_000 }, (_, i) => `e${i},${i}`); // ~5.5 MB
    const path = file("progress.csv", `${rows.join("\n")}\n`);
    const size = statSync(path).size;
    const reports: [number, number][] = [];
    readCsv(
      path,
      () => {},
      (done, total) => reports.push([done, total]),
    );
    expect(reports.length).toBeGreaterThan(1); // read in pieces of at most 2 MiB
    expect(reports.every(([, total]) => total === size)).toBe(true);
    expect(reports.every(([done], i) => i === 0 || done > reports[i - 1]![0])).toBe(true);
    expect(reports.at(-1)).toEqual([size, size]);
  });
});

describe("writers", () => {
  it("JSON and CSV round-trip a generated network exactly", () => {
    for (const model of ["er", "scale-free"] as const) {
      const network = generateNetwork({ model, nodes: 300, avgDegree: 4, seed: 3 });
      const json = join(dir.path, `${model}.json`);
      writeNetworkJson(network, json);
      expect(plain(loadNetwork(json).network)).toEqual(plain(network));
      writeNetworkCsv(network, join(dir.path, model));
      expect(plain(loadNetwork(join(dir.path, model)).network)).toEqual(plain(network));
    }
  });

  it("report rows written and bytes read, ending at the totals", () => {
    const network = generateNetwork({ model: "er", nodes: 2_000, avgDegree: 40, seed: 5 });
    const rows = network.ids.length + network.amount.length;
    const written: number[] = [];
    const files = writeNetworkCsv(network, join(dir.path, "progress"), (done, total) => {
      expect(total).toBe(rows);
      written.push(done);
    });
    expect(written.length).toBeGreaterThan(2); // ~2 MB of liabilities flush more than once
    expect(written.every((done, i) => i === 0 || done >= written[i - 1]!)).toBe(true);
    expect(written.at(-1)).toBe(rows);
    const bytes = statSync(files.entities).size + statSync(files.liabilities).size;
    let last: [number, number] | undefined;
    loadNetwork(join(dir.path, "progress"), undefined, (done, total) => {
      last = [done, total];
    });
    expect(last).toEqual([bytes, bytes]);
  });
});

describe("IdTable", () => {
  it("finds ids by their UTF-8 bytes, checks a guessed index, and misses what is absent", () => {
    const ids = ["a", "bank-1", "bank-10", "Société Générale", "x".repeat(40), "x".repeat(39)];
    const table = new IdTable(ids);
    const bytes = (text: string) => Buffer.from(`,${text},`, "utf8");
    for (const [i, id] of ids.entries()) {
      const b = bytes(id);
      expect(table.find(b, 1, b.length - 1)).toBe(i);
      expect(table.get(id)).toBe(i);
      for (let j = 0; j < ids.length; j++) expect(table.is(j, b, 1, b.length - 1)).toBe(i === j);
    }
    const missing = bytes("bank-100");
    expect(table.find(missing, 1, missing.length - 1)).toBe(-1);
  });
});

describe("encodeAmount", () => {
  const bytes = new Uint8Array(40).fill(0x7c);
  const text = (x: number) => Buffer.from(bytes.subarray(3, encodeAmount(x, bytes, 3))).toString("latin1");

  it("property: writes exactly String(x), for cents at every magnitude and for any double", () => {
    const cents = fc
      .tuple(fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 15 }))
      .map(([c, scale]) => Math.floor(c / 10 ** scale) / 100);
    fc.assert(
      fc.property(fc.oneof(cents, fc.double()), (x) => {
        expect(text(x)).toBe(String(x));
      }),
      { numRuns: 20_000 },
    );
    for (const x of [0, -0, 0.01, 0.1, 0.5, 1, 10.05, 1e6, 2 ** 43 - 0.01, 2 ** 43, 7e13 + 0.01, 1e21])
      expect(text(x)).toBe(String(x));
    expect(bytes.subarray(0, 3).every((b) => b === 0x7c)).toBe(true); // nothing written before offset
  });
});

describe("parseDecimal", () => {
  const parse = (text: string) => parseDecimal(Buffer.from(text, "latin1"), 0, text.length);

  it("agrees with Number() on decimal text", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parse(String(x))).toBe(x === 0 ? Number(String(x)) : x);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,20}(\.\d{0,20})?([eE][+-]?\d{1,3})?$/), (text) => {
        const expected = Number(text);
        expect(parse(text)).toBe(Number.isFinite(expected) ? expected : Number.NaN);
      }),
      { numRuns: 5000 },
    );
  });

  it("rejects what is not a plain decimal", () => {
    for (const text of ["", "-", ".", "1e", "0x10", "Infinity", "NaN", "1,5", " 1", "1 ", "1e999", "++1"])
      expect(parse(text)).toBeNaN();
  });
});
