// What the structures built from a SourceIndex (passage index, quote search, names) share: one of each per index, and
// the step of a build made a part at a time in a server's idle moments.
import type { SourceIndex } from './sourceIndex';
import type { IndexChanges } from './store';

/** The structure of `index` kept in `cache`, made by `make` the first time it is asked for. */
export function perIndex<T extends object>(cache: WeakMap<SourceIndex, T>, index: SourceIndex, make: () => T): T {
  let x = cache.get(index);
  if (!x) {
    x = make();
    cache.set(index, x);
  }
  return x;
}

/** A structure that catches up with an index change by change, and can be built from scratch a part at a time. */
export interface BuiltInParts {
  /** The index version it was last complete for (-1: never). */
  readonly builtVersion: number;
  /** Brings it up to date at once. */
  refresh(index: SourceIndex): void;
  /** Builds it from scratch while `more()` says so, going on with a build under way; whether it is complete. */
  build(index: SourceIndex, more: () => boolean): boolean;
}

/**
 * One step of a build in parts: caught up change by change when it can be (cheap), built again a part at a time when
 * it cannot (never built, or too far behind). Whether it is complete for the index as it is.
 */
export function warmStep(s: BuiltInParts, index: SourceIndex, more: () => boolean): boolean {
  if (s.builtVersion === index.version) return true;
  if (s.builtVersion >= 0 && index.changesSince(s.builtVersion)) {
    s.refresh(index);
    return true;
  }
  return s.build(index, more);
}

/**
 * What `s` must apply to catch up with `index`, change by change; undefined when there is nothing left to do: it was
 * current, or it could not tell what changed and has just been built again whole.
 */
export function changesToApply(s: BuiltInParts, index: SourceIndex): IndexChanges | undefined {
  if (s.builtVersion === index.version) return undefined;
  const changes = s.builtVersion >= 0 ? index.changesSince(s.builtVersion) : undefined;
  if (!changes) s.build(index, () => true);
  return changes;
}
