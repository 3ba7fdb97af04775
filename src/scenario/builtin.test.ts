import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../../test/cli.ts";
import { NotFoundError } from "../core/errors.ts";
import { openStore } from "../store/database.ts";
import { storeScenario } from "../store/scenarios.ts";
import { builtinScenarioIds, listScenarios, resolveScenario } from "./builtin.ts";

describe("built-in scenarios", () => {
  const dir = tempDir();
  const store = openStore({ home: dir.path });
  afterAll(() => {
    store.close();
    dir.cleanup();
  });

  it("resolves a built-in by name", () => {
    expect(builtinScenarioIds()).toEqual(["ftx-2022", "terra-2022"]);
    expect(resolveScenario("ftx-2022", store).origin).toBe("builtin:ftx-2022");
  });

  it("names every available scenario once when one is not found, even if a built-in is also stored", () => {
    // Every run stores the scenario it used, so the store holds a copy of the built-in ftx-2022.
    const ftx = resolveScenario("ftx-2022", store).document;
    storeScenario(store, {
      id: ftx.id,
      name: ftx.name,
      asOf: ftx.asOf,
      origin: "builtin:ftx-2022",
      document: ftx,
    });
    expect(listScenarios(store).map((s) => [s.id, s.kind])).toEqual([
      ["ftx-2022", "builtin"],
      ["terra-2022", "builtin"],
    ]);
    expect(() => resolveScenario("nosuch", store)).toThrow(NotFoundError);
    expect(() => resolveScenario("nosuch", store)).toThrow(
      "scenario 'nosuch' not found; available: ftx-2022, terra-2022; or give a path to a .json file",
    );
  });
});
