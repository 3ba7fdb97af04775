/**
 * Checks a scenario's internal consistency beyond its shape: unique ids, references to existing
 * entities and assets, and the rules that tie fields together (a secured loan has collateral, a
 * margin call comes before liquidation, a credit line is drawn within its limit, …).
 * @module
 */
import type { InputIssue } from "../core/errors.ts";
import { formatPath, type JsonPath } from "../core/path.ts";
import { quantityValue } from "./quantity.ts";
import type { ScenarioDocument } from "./schema.ts";

/** An issue before it is located in the source. */
export interface ReferenceIssue {
  readonly path: JsonPath;
  readonly message: string;
}

/** Returns every consistency problem in `doc`, in document order. */
export function checkReferences(doc: ScenarioDocument): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const report = (path: JsonPath, message: string) => issues.push({ path, message });

  const assets = uniqueIds(doc.assets, ["assets"], "asset", report);
  const entities = uniqueIds(doc.entities, ["entities"], "entity", report);
  uniqueIds(
    (doc.claims ?? []).map((claim) => ({ id: claim.id })),
    ["claims"],
    "claim",
    report,
  );
  const needEntity = (id: string | undefined, path: JsonPath) => {
    if (id !== undefined && !entities.has(id)) report(path, `unknown entity "${id}"${known(entities)}`);
  };
  const needAsset = (id: string | undefined, path: JsonPath) => {
    if (id !== undefined && !assets.has(id)) report(path, `unknown asset "${id}"${known(assets)}`);
  };

  doc.assets.forEach((asset, i) => {
    const at = ["assets", i];
    needEntity(asset.issuer, [...at, "issuer"]);
    if (asset.peg) {
      if (asset.kind !== "stablecoin" && asset.kind !== "liquid-staking") {
        report(
          [...at, "peg"],
          `a peg applies to stablecoins and liquid-staking tokens, not to kind "${asset.kind}"`,
        );
      }
      needAsset(asset.peg.asset, [...at, "peg", "asset"]);
      if (asset.peg.asset === asset.id)
        report([...at, "peg", "asset"], "an asset cannot be pegged to itself");
      needEntity(asset.peg.issuer, [...at, "peg", "issuer"]);
      const mint = asset.peg.redemption === "mint";
      if (mint && (asset.peg.mintAsset === undefined || asset.peg.issuer === undefined))
        report([...at, "peg"], 'redemption "mint" needs an issuer and the mintAsset it mints');
      if (!mint && asset.peg.mintAsset !== undefined)
        report([...at, "peg", "mintAsset"], 'mintAsset applies only with redemption "mint"');
      needAsset(asset.peg.mintAsset, [...at, "peg", "mintAsset"]);
      const minted = doc.assets.find((a) => a.id === asset.peg?.mintAsset);
      if (minted?.peg || asset.peg.mintAsset === asset.id)
        report([...at, "peg", "mintAsset"], "the minted asset must be a token without a peg");
    }
  });

  const pegOf = new Map(doc.assets.map((asset) => [asset.id, asset.peg?.asset]));
  doc.assets.forEach((asset, i) => {
    const seen = new Set([asset.id]);
    for (let next = pegOf.get(asset.id); next !== undefined; next = pegOf.get(next)) {
      if (!seen.has(next)) {
        seen.add(next);
        continue;
      }
      if (next === asset.id && seen.size > 1)
        report(["assets", i, "peg", "asset"], `peg cycle: ${[...seen, next].join(" → ")}`);
      break;
    }
  });

  doc.entities.forEach((entity, i) => {
    const at = ["entities", i];
    const held = new Set<string>();
    entity.holdings?.forEach((holding, h) => {
      needAsset(holding.asset, [...at, "holdings", h, "asset"]);
      const key = `${holding.asset}/${holding.locked === true}`;
      if (held.has(key)) {
        report(
          [...at, "holdings", h],
          `duplicate ${holding.locked ? "locked" : "liquid"} holding of ${holding.asset}; merge the two rows`,
        );
      }
      held.add(key);
    });
    const behaviour = entity.behaviour;
    if (behaviour?.leverageMax !== undefined && behaviour.leverageTarget !== undefined) {
      if (quantityValue(behaviour.leverageTarget) > quantityValue(behaviour.leverageMax)) {
        report(
          [...at, "behaviour", "leverageTarget"],
          `expected leverageTarget ≤ leverageMax (${quantityValue(behaviour.leverageMax)}), got ${quantityValue(behaviour.leverageTarget)}`,
        );
      }
    }
    entity.rescue?.targets?.forEach((target, t) => {
      needEntity(target, [...at, "rescue", "targets", t]);
    });
  });

  doc.claims?.forEach((claim, i) => {
    const at = ["claims", i];
    needEntity(claim.creditor, [...at, "creditor"]);
    needEntity(claim.debtor, [...at, "debtor"]);
    if (claim.creditor === claim.debtor)
      report([...at, "debtor"], `an entity cannot owe itself ("${claim.debtor}")`);
    needAsset(claim.asset, [...at, "asset"]);
    if (claim.type === "secured-loan" && !claim.collateral) {
      report(
        [...at, "collateral"],
        "missing required field; a secured-loan needs collateral {asset, units, marginCallLtv, liquidationLtv}",
      );
    }
    if (claim.collateral) {
      if (claim.type !== "secured-loan")
        report([...at, "collateral"], `collateral applies to secured-loan claims, not to "${claim.type}"`);
      needAsset(claim.collateral.asset, [...at, "collateral", "asset"]);
      const call = quantityValue(claim.collateral.marginCallLtv);
      const liquidation = quantityValue(claim.collateral.liquidationLtv);
      if (call > liquidation) {
        report(
          [...at, "collateral", "marginCallLtv"],
          `expected marginCallLtv ≤ liquidationLtv (${liquidation}), got ${call}`,
        );
      }
    }
    if (claim.limit !== undefined) {
      if (claim.type !== "credit-line")
        report([...at, "limit"], `a limit applies to credit-line claims, not to "${claim.type}"`);
      else if (quantityValue(claim.amount) > quantityValue(claim.limit)) {
        report(
          [...at, "amount"],
          `drawn amount ${quantityValue(claim.amount)} exceeds the credit-line limit ${quantityValue(claim.limit)}`,
        );
      }
    }
  });

  const steps = doc.parameters?.steps;
  doc.shocks?.forEach((shock, i) => {
    const at = ["shocks", i];
    if ("entity" in shock) needEntity(shock.entity, [...at, "entity"]);
    if ("asset" in shock) needAsset(shock.asset, [...at, "asset"]);
    if (shock.type === "withdrawal" && (shock.amountUsd === undefined) === (shock.fraction === undefined)) {
      report(at, "a withdrawal shock needs exactly one of amountUsd or fraction");
    }
    if (steps !== undefined && shock.step !== undefined && shock.step >= steps) {
      report([...at, "step"], `expected a step below parameters.steps (${steps}), got ${shock.step}`);
    }
  });

  const seniority = doc.parameters?.seniority;
  if (seniority && new Set(seniority).size !== seniority.length) {
    report(["parameters", "seniority"], `expected each seniority class once, got ${seniority.join(", ")}`);
  }
  const fireSales = doc.parameters?.fireSales;
  if (fireSales?.leverageTarget !== undefined) {
    const target = quantityValue(fireSales.leverageTarget);
    if (fireSales.leverageMax === undefined)
      report(["parameters", "fireSales", "leverageTarget"], "leverageTarget needs leverageMax");
    else if (target > quantityValue(fireSales.leverageMax))
      report(
        ["parameters", "fireSales", "leverageTarget"],
        `expected leverageTarget ≤ leverageMax (${quantityValue(fireSales.leverageMax)}), got ${target}`,
      );
  }
  return issues;
}

function uniqueIds(
  items: readonly { id?: string | undefined }[],
  at: JsonPath,
  what: string,
  report: (path: JsonPath, message: string) => void,
): Set<string> {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    if (item.id === undefined) return;
    const earlier = first.get(item.id);
    if (earlier === undefined) first.set(item.id, i);
    else
      report(
        [...at, i, "id"],
        `duplicate ${what} id "${item.id}" (first used at ${formatPath([...at, earlier])})`,
      );
  });
  return new Set(first.keys());
}

function known(ids: Set<string>): string {
  const list = [...ids];
  if (list.length === 0) return "";
  return list.length <= 12 ? `; known: ${list.join(", ")}` : `; ${list.length} are defined`;
}

/** Converts reference issues to located input issues. */
export function locateIssues(
  issues: readonly ReferenceIssue[],
  locate?: (path: JsonPath) => { line: number; column: number } | undefined,
): InputIssue[] {
  return issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
    ...locate?.(issue.path),
  }));
}
