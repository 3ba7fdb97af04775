/**
 * Test support: a fresh store in its own temporary directory for every test.
 * @module
 */
import { afterEach, beforeEach } from "vitest";
import { openStore, type Store } from "../src/store/database.ts";
import { tempDir } from "./cli.ts";

/**
 * Registers hooks that open a new store before each test of the enclosing suite and close and delete
 * it after; `onOpen` receives it (assign it to the suite's `store` variable).
 */
export function useFreshStore(onOpen: (store: Store, dir: string) => void): void {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = openStore({ home: dir.path });
    onOpen(store, dir.path);
  });
  afterEach(() => {
    store.close();
    dir.cleanup();
  });
}
