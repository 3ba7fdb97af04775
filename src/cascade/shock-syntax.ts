/**
 * The `--shock` syntax for ad-hoc shocks on the command line (docs/cascade.md § Shocks on the command
 * line):
 *
 * | spec                                | shock                                                   |
 * | ----------------------------------- | ------------------------------------------------------- |
 * | `price:FTT=-0.8@1` or `=-80%`       | FTT's price moves −80% at step 1                        |
 * | `withdrawal:ftx=0.3@1` or `=30%`    | withdrawals of 30% of ftx's customer deposits at step 1 |
 * | `withdrawal:ftx=6e9usd@1`           | withdrawals of $6B from ftx at step 1                   |
 * | `loss:3ac=2e8`                      | a $200M write-down of 3ac's other assets at step 0      |
 * | `sale:lfg/BTC=80000@2`              | lfg sells 80,000 BTC at step 2                          |
 * | `default:alameda@2`                 | alameda fails at step 2                                 |
 * | `disclosure:alameda@0`              | alameda's balance sheet becomes public at step 0        |
 *
 * The step (`@N`) defaults to 0.
 * @module
 */
import { InputError, type InputIssue } from "../core/errors.ts";
import type { Scenario, ScenarioShock } from "../scenario/normalize.ts";

const SPEC = /^(price|withdrawal|loss|sale|default|disclosure):([^=@\s]+)(?:=([^@\s]+))?(?:@(\d+))?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Parses one `--shock` spec. @throws {InputError} naming the spec and what was expected */
export function parseShock(spec: string): ScenarioShock {
  const fail = (message: string): never => {
    throw new InputError("INVALID_INPUT", [{ path: "--shock", message: `"${spec}": ${message}` }]);
  };
  const match = SPEC.exec(spec.trim());
  if (!match)
    return fail(
      "expected TYPE:TARGET[=VALUE][@STEP] with TYPE price, withdrawal, loss, sale, default or disclosure, e.g. price:FTT=-0.8@1",
    );
  const [, type, target, value, stepText] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const step = stepText === undefined ? 0 : Number(stepText);
  const at = stepText === undefined ? {} : { step };
  const needValue = (what: string): string => value ?? fail(`expected ${what} after "="`);
  switch (type) {
    case "price": {
      const change = fraction(needValue("a relative change such as -0.8 or -80%"));
      if (change === undefined || !(change > -1))
        return fail("expected a relative price change above −1 (−100%), such as -0.8 or -80%");
      return { type: "price", asset: target, change, ...at };
    }
    case "withdrawal": {
      const text = needValue("a fraction of deposits (0.3 or 30%) or an amount in USD (6e9usd)");
      if (/usd$/i.test(text)) {
        const usd = number(text.slice(0, -3));
        if (usd === undefined || usd < 0) return fail("expected a non-negative amount in USD such as 6e9usd");
        return { type: "withdrawal", entity: target, amountUsd: usd, ...at };
      }
      const share = fraction(text);
      if (share === undefined || share < 0 || share > 1)
        return fail(
          "expected a fraction of deposits between 0 and 1 (or 0% and 100%), or USD such as 6e9usd",
        );
      return { type: "withdrawal", entity: target, fraction: share, ...at };
    }
    case "loss": {
      const usd = number(needValue("an amount in USD such as 2e8"));
      if (usd === undefined || usd < 0) return fail("expected a non-negative amount in USD such as 2e8");
      return { type: "loss", entity: target, amountUsd: usd, ...at };
    }
    case "sale": {
      const [entity, asset, extra] = target.split("/");
      if (!entity || !asset || extra !== undefined)
        return fail("expected sale:ENTITY/ASSET=UNITS, e.g. sale:lfg/BTC=80000");
      const units = number(needValue("a number of units"));
      if (units === undefined || units < 0) return fail("expected a non-negative number of units");
      return { type: "sale", entity, asset, units, ...at };
    }
    case "disclosure":
      if (value !== undefined) return fail("a disclosure takes no value: disclosure:ENTITY[@STEP]");
      return { type: "disclosure", entity: target, ...at };
    default:
      if (value !== undefined) return fail("a default takes no value: default:ENTITY[@STEP]");
      return { type: "default", entity: target, ...at };
  }
}

/**
 * Checks parsed shocks against a scenario and a run length.
 * @param specs the specs as typed, named in messages
 * @throws {InputError} listing every spec that names an unknown entity or asset or a step too late
 */
export function checkShocks(
  scenario: Scenario,
  shocks: readonly ScenarioShock[],
  specs: readonly string[],
  steps: number,
): void {
  const entities = new Set(scenario.entities.map((e) => e.id));
  const assets = new Set(scenario.assets.map((a) => a.id));
  const issues: InputIssue[] = [];
  shocks.forEach((shock, i) => {
    const report = (message: string) =>
      issues.push({ path: "--shock", message: `"${specs[i]}": ${message}` });
    if ("entity" in shock && !entities.has(shock.entity))
      report(`unknown entity "${shock.entity}"; known: ${[...entities].join(", ")}`);
    if ("asset" in shock && !assets.has(shock.asset))
      report(`unknown asset "${shock.asset}"; known: ${[...assets].join(", ")}`);
    if ((shock.step ?? 0) >= steps) report(`step ${shock.step} is beyond the run (steps 0–${steps - 1})`);
  });
  if (issues.length > 0) throw new InputError("INVALID_INPUT", issues);
}

/** A plain number, or undefined. */
function number(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** A fraction written as 0.3 or 30%. */
function fraction(text: string): number | undefined {
  if (text.endsWith("%")) {
    const percent = number(text.slice(0, -1));
    return percent === undefined ? undefined : percent / 100;
  }
  return number(text);
}
