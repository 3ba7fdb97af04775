/**
 * The episodes unwind validates against, by id (= the id of the built-in scenario that replays each).
 * @module
 */
import { NotFoundError } from "../core/errors.ts";
import { FTX_2022 } from "./episodes/ftx-2022.ts";
import { TERRA_2022 } from "./episodes/terra-2022.ts";
import type { EpisodeFacts } from "./facts.ts";

/** Every episode, in calendar order. */
export const EPISODES: readonly EpisodeFacts[] = [TERRA_2022, FTX_2022];

/**
 * The episode with `id`.
 * @throws {NotFoundError} naming the known episodes
 */
export function episodeFacts(id: string): EpisodeFacts {
  const found = EPISODES.find((e) => e.id === id);
  if (!found) throw new NotFoundError("episode", id, `known: ${EPISODES.map((e) => e.id).join(", ")}`);
  return found;
}
