// Runs an async job per item with up to `ahead` of them started at once, and hands back the results in the items'
// order: sources are analysed in parallel but added to the index in file order, exactly as one at a time would
// (the index's merging of entities and renaming of duplicate ids depend on the order).

/**
 * Hands each [item, result] to `each` in the order of `items`; a job that rejects makes it throw at that item. A job
 * that answers at once (a source decoded from the index cache) is handed on without waiting, and `each` may answer at
 * once too: an async generator took several promises and turns of the microtask queue per file, for files that need
 * no waiting. `each` returns false to stop (the jobs still running are left to finish unseen).
 */
export async function eachInOrder<T, R>(
  items: Iterable<T>,
  start: (item: T) => R | Promise<R>,
  ahead: number,
  each: (item: T, result: R) => boolean | Promise<boolean>,
): Promise<void> {
  const jobs = new Jobs(items, start, ahead);
  for (let job = jobs.next(); job; job = jobs.next()) {
    const r = job.result instanceof Promise ? await job.result : job.result;
    jobs.fill();
    const go = each(job.item, r);
    if (!(typeof go === 'boolean' ? go : await go)) return;
  }
}

/** The jobs started and not yet handed out, in the items' order; `next` starts more to keep `ahead` of them going. */
class Jobs<T, R> {
  private readonly it: Iterator<T>;
  private readonly started: { item: T; result: R | Promise<R> }[] = [];
  private head = 0;
  private done = false;

  constructor(
    items: Iterable<T>,
    private readonly start: (item: T) => R | Promise<R>,
    private readonly ahead: number,
  ) {
    this.it = items[Symbol.iterator]();
  }

  /** Starts jobs until `ahead` of them wait to be handed out. */
  fill(): void {
    while (!this.done && this.started.length - this.head < Math.max(1, this.ahead)) {
      const next = this.it.next();
      if (next.done) this.done = true;
      else {
        const result = this.start(next.value);
        // Jobs left running when the consumer stops early (a newer reindex) must not become unhandled rejections.
        if (result instanceof Promise) result.catch(() => undefined);
        this.started.push({ item: next.value, result });
      }
    }
  }

  /** The next job in order (after starting the ones that keep `ahead` going), or undefined at the end. */
  next(): { item: T; result: R | Promise<R> } | undefined {
    this.fill();
    if (this.head === this.started.length) return undefined;
    const job = this.started[this.head++];
    // Let go of the jobs handed out now and then, rather than shifting the list at every one.
    if (this.head >= 64) {
      this.started.splice(0, this.head);
      this.head = 0;
    }
    return job;
  }
}
