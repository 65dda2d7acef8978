// The index cache file as a start reads it: through one reused window instead of whole. Reading BBC ×1's 7.4 MB
// cache into one fresh buffer took 55–60 ms, most of it the first touch of the buffer's pages (1,900 page faults,
// about 20 µs each on the benchmark VM), and 0.9 s for the 148 MB at ×20; through a 1 MB window the records' heads
// take 13 ms and 0.11 s. The records are then decoded from the same window as the start asks for them. It asks in
// the order of its listing, which is the file's order (a save writes the records in the order they were read), so the
// window moves forward; a record asked for out of order is read alone.
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { HEAD_BYTES, headLength, recordLength, recordPath, recordStamp } from './cacheRecord';

const WINDOW_BYTES = 1 << 20;

/** Where one record is in the file, and the file it is for, with that file's size and time. */
export interface RecordPlace {
  path: string;
  size: number;
  mtimeMs: number;
  at: number;
  end: number;
}

/** Bytes of the file: `bytes` holds [at, end) of the record asked for at `at`. */
export interface RecordBytes {
  bytes: Buffer;
  view: DataView;
  at: number;
}

export class CacheFileReader {
  private buffer: Buffer;
  /** The window: the file's bytes [windowAt, windowAt + bytes.length). */
  private windowAt = 0;
  private bytes: Buffer = Buffer.alloc(0);
  private view: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    readonly handle: FileHandle,
    /** The file's size when it was opened. */
    readonly size: number,
    private readonly windowBytes = WINDOW_BYTES,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(windowBytes);
  }

  /** `length` bytes at `at` (fewer at the end of the file). */
  async read(at: number, length: number): Promise<Buffer> {
    const out = Buffer.alloc(Math.max(0, Math.min(length, this.size - at)));
    const { bytesRead } = await this.handle.read(out, 0, out.length, at);
    return out.subarray(0, bytesRead);
  }

  /**
   * Every record's place, from `from` to the end of the file, in file order; a record's body is not read. Returns
   * false when the file ends inside a record (cut short): the records before it were given.
   */
  async places(from: number, onPlace: (place: RecordPlace) => void): Promise<boolean> {
    let at = from;
    try {
      while (at < this.size) {
        if (!(await this.have(at, HEAD_BYTES))) return false;
        // A damaged head may claim any length: nothing past the file's end is asked for.
        const head = headLength(this.view, at - this.windowAt);
        if (at + head > this.size || !(await this.have(at, head))) return false;
        const off = at - this.windowAt;
        const end = at + recordLength(this.view, off);
        if (end > this.size || end < at + head) return false;
        onPlace({ path: recordPath(this.bytes, this.view, off), ...recordStamp(this.view, off), at, end });
        at = end;
      }
      return true;
    } finally {
      // The records are asked for from the first on: the window starts again there.
      this.windowAt = 0;
      this.bytes = this.buffer.subarray(0, 0);
    }
  }

  /**
   * The bytes of the record [at, end), read now (the window is reused: decode them before asking for another). From
   * the window, or the next window when the record is just past it; a record out of order is read alone. Undefined
   * when the file no longer holds it.
   */
  recordNow(at: number, end: number): RecordBytes | undefined {
    if (end > this.size || at < 0 || end <= at) return undefined;
    const windowEnd = this.windowAt + this.bytes.length;
    if (at >= this.windowAt && end <= windowEnd) return { bytes: this.bytes, view: this.view, at: at - this.windowAt };
    if (at >= windowEnd && at < windowEnd + this.windowBytes) {
      this.fill(at, readSync(this.handle.fd, this.room(end - at), 0, Math.max(this.windowBytes, end - at), at));
      return end <= this.windowAt + this.bytes.length ? { bytes: this.bytes, view: this.view, at: 0 } : undefined;
    }
    const alone = Buffer.allocUnsafeSlow(end - at);
    if (readSync(this.handle.fd, alone, 0, alone.length, at) !== alone.length) return undefined;
    return { bytes: alone, view: new DataView(alone.buffer, 0, alone.length), at: 0 };
  }

  /** Whether [at, at + length) is in the window, moving it there if needed. */
  private async have(at: number, length: number): Promise<boolean> {
    if (at >= this.windowAt && at + length <= this.windowAt + this.bytes.length) return true;
    const room = this.room(length);
    const { bytesRead } = await this.handle.read(room, 0, room.length, at);
    this.fill(at, bytesRead);
    return at + length <= this.windowAt + this.bytes.length;
  }

  /** The window's buffer, grown for a record larger than a window. */
  private room(length: number): Buffer {
    if (this.buffer.length < length) this.buffer = Buffer.allocUnsafeSlow(length);
    return this.buffer;
  }

  private fill(at: number, bytesRead: number): void {
    this.windowAt = at;
    this.bytes = this.buffer.subarray(0, bytesRead);
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, bytesRead);
  }
}
