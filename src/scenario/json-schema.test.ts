import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseScenario } from "../../test/fixtures/scenario.ts";
import { REPO_ROOT } from "../core/environment.ts";
import { scenarioJsonSchema } from "./json-schema.ts";

describe("scenarioJsonSchema", () => {
  it("is what docs/scenario.schema.json holds (run `npm run docs:schema` after changing the format)", () => {
    const committed = JSON.parse(
      readFileSync(join(REPO_ROOT, "docs", "scenario.schema.json"), "utf8"),
    ) as unknown;
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it("requires the top-level fields and forbids unknown ones", () => {
    const schema = scenarioJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: object;
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(["schemaVersion", "id", "name", "asOf", "assets", "entities"]),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(baseScenario())));
  });
});
