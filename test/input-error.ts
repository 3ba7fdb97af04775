/**
 * Test support: run something that must fail with an {@link InputError} and return the error.
 * @module
 */
import { expect } from "vitest";
import { InputError } from "../src/core/errors.ts";

/** Runs `run` and returns the InputError it throws; fails the test otherwise. */
export function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

/** Awaits `promise` and returns the InputError it rejects with; fails the test otherwise. */
export async function inputErrorOfAsync(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}
