// Sorting a large array a part at a time, for builds that run between a server's requests: runs of a few thousand
// elements are sorted, then merged pairwise, pass by pass; `step` stops whenever `more()` says so and goes on at the
// next call. For a total order the result is exactly what `Array.prototype.sort` gives.

/** Elements per run sorted in one go (a few milliseconds for quotes compared by text). */
const RUN = 4096;

export class SortInParts<T> {
  private from: T[];
  private to: T[];
  /** 0 while runs are being sorted; then the width of the runs the current pass merges. */
  private width = 0;
  private at = 0;

  constructor(
    items: T[],
    private readonly compare: (a: T, b: T) => number,
    private readonly run = RUN,
  ) {
    this.from = items;
    this.to = new Array<T>(items.length);
  }

  /** Goes on sorting while `more()` says so: the sorted array once done, undefined until then. */
  step(more: () => boolean): T[] | undefined {
    const n = this.from.length;
    while (this.width === 0) {
      const end = Math.min(n, this.at + this.run);
      const part = this.from.slice(this.at, end).sort(this.compare);
      for (let i = 0; i < part.length; i++) this.from[this.at + i] = part[i];
      this.at = end;
      if (this.at >= n) {
        this.width = this.run;
        this.at = 0;
      } else if (!more()) return undefined;
    }
    while (this.width < n) {
      const lo = this.at;
      const mid = Math.min(n, lo + this.width);
      const hi = Math.min(n, lo + 2 * this.width);
      merge(this.from, lo, mid, hi, this.to, this.compare);
      this.at = hi;
      if (this.at >= n) {
        [this.from, this.to] = [this.to, this.from];
        this.width *= 2;
        this.at = 0;
      }
      if (this.width < n && !more()) return undefined;
    }
    return this.from;
  }
}

/** Merges the sorted ranges [lo, mid) and [mid, hi) of `from` into the same place of `to`. */
function merge<T>(from: T[], lo: number, mid: number, hi: number, to: T[], compare: (a: T, b: T) => number): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) to[k++] = compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
  while (i < mid) to[k++] = from[i++];
  while (j < hi) to[k++] = from[j++];
}
