/** A path into a JSON document: object keys and array indices. */
export type JsonPath = readonly (string | number)[];

/**
 * Formats a path the way users write it: `entities[2].holdings[0].units`.
 * Keys that are not identifiers are quoted: `sources["a b"]`.
 */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
