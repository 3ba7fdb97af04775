import { readFileSync } from "node:fs";
import { InputError } from "./errors.ts";

/**
 * Reads a UTF-8 text file, turning file-system failures into input errors that name the file.
 * @param maxBytes larger files are rejected rather than read
 * @throws {InputError} `FILE_NOT_FOUND`, or `INVALID_INPUT` for a directory, no permission, too large, not UTF-8
 */
export function readTextFile(path: string, maxBytes = Number.POSITIVE_INFINITY): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "is a directory; expected a file"
          : code === "EACCES"
            ? "permission denied"
            : `cannot be read (${code ?? String(error)})`;
    throw new InputError(
      code === "ENOENT" ? "FILE_NOT_FOUND" : "INVALID_INPUT",
      [{ path: "", message: reason }],
      {
        file: path,
      },
    );
  }
  if (buffer.length > maxBytes) {
    throw new InputError(
      "INVALID_INPUT",
      [{ path: "", message: `file is ${buffer.length} bytes; expected at most ${maxBytes}` }],
      {
        file: path,
      },
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new InputError("INVALID_INPUT", [{ path: "", message: "file is not valid UTF-8 text" }], {
      file: path,
    });
  }
}
