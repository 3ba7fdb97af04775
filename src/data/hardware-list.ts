/**
 * Mining-hardware lists: model, release date and efficiency. unwind ships its own cited catalogue
 * (src/cost/hardware-catalogue.ts); these parsers read replacements:
 * - CBECI's miners CSV in both published layouts — CCAF's server config
 *   (`Miner_name,UNIX_date_of_release,Efficiency_J_Gh,Qty`) and the CBECI "SHA-256 Mining Equipment
 *   List" export (`Miner_name,Type,Date of release (DD/MM/YYYY),UNIX_date_of_release,Hashing Power
 *   (TH/s),Power (W),Efficiency (J/Gh),Weight in kg`);
 * - CCAF's front-end JSON (`[[name, unix_release, J/GH], …]`);
 * - unwind's own JSON (`{"models": [{"name", "released", "efficiencyJPerTh", …}]}`), the format of
 *   the shipped catalogue.
 * Efficiencies are converted to J/TH (J/GH × 1000).
 * @module
 */
import { z } from "zod";
import { InputError } from "../core/errors.ts";
import { parseJsonSource } from "../core/json-source.ts";
import { validate } from "../core/validation.ts";
import { CBECI_LICENCE } from "./cbeci.ts";
import { IssueList, parseCell, readCsv, type TextOrigin } from "./csv.ts";
import { dayNumber, isoDay } from "./days.ts";

/** Kind of mining hardware. */
export type HardwareKind = "cpu" | "gpu" | "fpga" | "asic";

/** One mining-hardware model. */
export interface HardwareModel {
  readonly name: string;
  /** Release (first shipping) date, YYYY-MM-DD. */
  readonly released: string;
  /** Energy per hash at the wall, J/TH (= W per TH/s). */
  readonly efficiencyJPerTh: number;
  /** Rated hash rate, TH/s, when known. */
  readonly hashrateThs?: number;
  /** Rated power, W, when known. */
  readonly powerW?: number;
  readonly kind?: HardwareKind;
  readonly manufacturer?: string;
  /** URL of the specification this entry is taken from. */
  readonly source?: string;
  /** Where the release date comes from, when not from `source`, and other caveats. */
  readonly note?: string;
}

/** A hardware list and where it came from. */
export interface HardwareList {
  readonly models: readonly HardwareModel[];
  /** File, URL or `builtin`. */
  readonly source: string;
  readonly format: string;
  readonly licence: string | null;
}

/** Parses either CBECI miners CSV layout. */
export function parseCbeciMinersCsv(text: string, origin: TextOrigin = {}): HardwareList {
  const table = readCsv(text, origin);
  const header = table.header.map((h) => h.toLowerCase());
  const column = (...names: string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const name = column("miner_name");
  const releaseDate = column("date of release");
  const releaseUnix = column("unix_date_of_release");
  const efficiency = column("efficiency_j_gh", "efficiency (j/gh)");
  const hashrate = column("hashing power (th/s)");
  const power = column("power (w)");
  const type = column("type");
  if (name < 0 || efficiency < 0 || (releaseDate < 0 && releaseUnix < 0)) {
    throw new InputError(
      "INVALID_INPUT",
      [
        {
          path: "",
          line: origin.firstLine ?? 1,
          message: `expected CBECI miner columns Miner_name, UNIX_date_of_release or Date of release, and Efficiency_J_Gh or Efficiency (J/Gh); the header has ${table.header.join(", ")}`,
        },
      ],
      { file: origin.file },
    );
  }
  const issues = new IssueList(origin);
  const models: HardwareModel[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    const line = table.lines[r];
    const label = row[name]!.trim();
    const day = releaseDay(row[releaseDate] ?? "", row[releaseUnix] ?? "");
    const jPerGh = parseCell(row[efficiency]!, true);
    if (!label) issues.add("expected a miner name", "Miner_name", line);
    if (Number.isNaN(day))
      issues.add(
        `expected a release date (DD/MM/YYYY or unix seconds), got ${JSON.stringify(row[releaseDate] ?? row[releaseUnix])}`,
        "release",
        line,
      );
    if (jPerGh === undefined || !(jPerGh > 0)) {
      issues.add(
        `expected a positive efficiency in J/GH, got ${JSON.stringify(row[efficiency])}`,
        table.header[efficiency],
        line,
      );
      continue;
    }
    const th = hashrate >= 0 ? parseCell(row[hashrate]!, true) : undefined;
    const watts = power >= 0 ? parseCell(row[power]!, true) : undefined;
    const kind = type >= 0 ? row[type]!.trim().toLowerCase() : "";
    models.push({
      name: label,
      released: Number.isNaN(day) ? "" : isoDay(day),
      efficiencyJPerTh: jPerGh * 1000,
      ...(th !== undefined && th > 0 ? { hashrateThs: th } : {}),
      ...(watts !== undefined && watts > 0 ? { powerW: watts } : {}),
      ...(["cpu", "gpu", "fpga", "asic"].includes(kind) ? { kind: kind as HardwareKind } : {}),
    });
  }
  issues.throwIfAny();
  return { models, source: origin.file ?? "(text)", format: "cbeci-hardware-csv", licence: CBECI_LICENCE };
}

function releaseDay(date: string, unix: string): number {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
  if (dmy) return dayNumber(`${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}`);
  const seconds = parseCell(unix, true);
  return seconds !== undefined && seconds > 0 ? Math.floor(seconds / 86_400) : Number.NaN;
}

const cbeciJsonSchema = z.array(z.tuple([z.string().min(1), z.number().positive(), z.number().positive()]));

/** Parses CCAF's front-end JSON: `[[name, unix_release_seconds, efficiency_J_per_GH], …]`. */
export function parseCbeciMinersJson(text: string, origin: TextOrigin = {}): HardwareList {
  const source = parseJsonSource(text, origin.file);
  const rows = validate(cbeciJsonSchema, source.value, { file: origin.file, source });
  return {
    models: rows.map(([name, unix, jPerGh]) => ({
      name,
      released: isoDay(Math.floor(unix / 86_400)),
      efficiencyJPerTh: jPerGh * 1000,
    })),
    source: origin.file ?? "(text)",
    format: "cbeci-hardware-json",
    licence: CBECI_LICENCE,
  };
}

const isoDate = z.string().refine((text) => !Number.isNaN(dayNumber(text)), "expected a date as YYYY-MM-DD");

/** Schema of one model in unwind's hardware JSON. */
const hardwareModelSchema = z.strictObject({
  name: z.string().min(1),
  released: isoDate,
  efficiencyJPerTh: z.number().positive(),
  hashrateThs: z.number().positive().optional(),
  powerW: z.number().positive().optional(),
  kind: z.enum(["cpu", "gpu", "fpga", "asic"]).optional(),
  manufacturer: z.string().optional(),
  source: z.string().optional(),
  note: z.string().optional(),
});

const unwindHardwareSchema = z.strictObject({
  $schema: z.string().optional(),
  licence: z.string().optional(),
  models: z.array(hardwareModelSchema).min(1),
});

/** Parses unwind's hardware JSON (`{"models": [...]}`), with line and column on every error. */
export function parseUnwindHardwareJson(text: string, origin: TextOrigin = {}): HardwareList {
  const source = parseJsonSource(text, origin.file);
  const document = validate(unwindHardwareSchema, source.value, { file: origin.file, source });
  return {
    models: document.models.map(
      (model) =>
        Object.fromEntries(
          Object.entries(model).filter(([, v]) => v !== undefined),
        ) as unknown as HardwareModel,
    ),
    source: origin.file ?? "(text)",
    format: "unwind-hardware",
    licence: document.licence ?? null,
  };
}
