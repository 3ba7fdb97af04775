import { z } from "zod";
import { scenarioSchema } from "./schema.ts";

/**
 * JSON Schema (draft 2020-12) of the scenario format, generated from the zod schema so the two never
 * disagree. Editors use it for completion via the file's `$schema` field. Cross-reference rules
 * (unknown ids, duplicates) are not expressible in JSON Schema and are checked by `scenario validate`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://github.com/unwind-risk/unwind/docs/scenario.schema.json",
    title: "unwind scenario",
    description:
      "A crypto deleveraging scenario: assets, entities, claims, shocks and engine parameters (version 1).",
  };
}
