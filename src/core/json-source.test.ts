import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "./errors.ts";
import { parseJsonSource } from "./json-source.ts";

function rejection(text: string): InputError {
  try {
    parseJsonSource(text, "f.json");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected a syntax error");
}

describe("parseJsonSource", () => {
  it("parses exactly what JSON.parse parses, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1);
        expect(parseJsonSource(text).value).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("locates values by path, 1-based", () => {
    const text = '{\n  "a": [1,\n    {"b": true}],\n  "c": null\n}';
    const source = parseJsonSource(text);
    expect(source.locate([])).toEqual({ line: 1, column: 1 });
    expect(source.locate(["a"])).toEqual({ line: 2, column: 8 });
    expect(source.locate(["a", 1, "b"])).toEqual({ line: 3, column: 11 });
    expect(source.locate(["c"])).toEqual({ line: 4, column: 8 });
    // A path that does not exist falls back to its nearest ancestor.
    expect(source.locate(["a", 1, "missing"])).toEqual({ line: 3, column: 5 });
  });

  it("reports the line and column of a syntax error", () => {
    const error = rejection('{\n  "a": 1\n  "b": 2\n}');
    expect(error.code).toBe("INVALID_JSON");
    expect(error.issues[0]).toMatchObject({ line: 3, column: 3 });
    expect(error.message).toBe("f.json:3:3: unexpected '\"'; expected ',' or '}' in an object");
  });

  it("rejects duplicate keys at the second occurrence", () => {
    const error = rejection('{"x": {"k": 1,\n "k": 2}}');
    expect(error.issues[0]).toMatchObject({ line: 2, column: 2 });
    expect(error.message).toContain('duplicate key "k" in x');
  });

  it.each([
    ["NaN", "numbers must be finite"],
    ["[-Infinity]", "numbers must be finite"],
    ["[1,]", "expected a JSON value"],
    ["[01]", "expected ',' or ']'"],
    ['"abc', "unterminated string"],
    ['"a\\x"', "invalid escape sequence"],
    ["{'a': 1}", "expected a quoted property name"],
    ["1e999", "overflows a 64-bit float"],
    ["", "the file is empty"],
    ["{} {}", "after the end of the JSON value"],
  ])("rejects %s with '%s'", (text, message) => {
    expect(rejection(text).message).toContain(message);
  });

  it("skips a UTF-8 byte-order mark", () => {
    expect(parseJsonSource('\uFEFF{"a": 1}').value).toEqual({ a: 1 });
  });

  it("keeps a __proto__ key as plain data", () => {
    const value = parseJsonSource('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
