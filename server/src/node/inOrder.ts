// Runs an async job per item with up to `ahead` of them started at once, and hands back the results in the items'
// order: sources are analysed in parallel but added to the index in file order, exactly as one at a time would
// (the index's merging of entities and renaming of duplicate ids depend on the order).

/** Yields [item, result] in the order of `items`. A job that rejects makes the loop throw at that item. */
export async function* inOrder<T, R>(items: Iterable<T>, start: (item: T) => Promise<R>, ahead: number): AsyncGenerator<[T, R]> {
  const it = items[Symbol.iterator]();
  const started: { item: T; result: Promise<R> }[] = [];
  const fill = () => {
    while (started.length < Math.max(1, ahead)) {
      const next = it.next();
      if (next.done) return;
      const result = start(next.value);
      // Jobs left running when the consumer stops early (a newer reindex) must not become unhandled rejections.
      result.catch(() => undefined);
      started.push({ item: next.value, result });
    }
  };
  fill();
  while (started.length) {
    const { item, result } = started.shift()!;
    const r = await result;
    fill();
    yield [item, r];
  }
}
