import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Seconds in a UTC day: the unit one packed row holds. */
export const DAY_SECONDS = 86400;

/** First byte of every packed day; a new layout gets a new number. */
const FORMAT_V1 = 1;

/**
 * Packs the buckets of one UTC day into a small binary value, exactly: every
 * count comes back as the same 64-bit double (non-integer counts, as
 * Prometheus' `increase()` gives, included; `-0` stays `-0`).
 *
 * Layout (version 1): a version byte, then deflate (raw) of
 * - the bucket count (varint);
 * - runs of back-to-back buckets of one duration: gap from the previous end
 *   (zig-zag varint, negative when buckets overlap), duration, run length
 *   (varints) — a regular 5-minute day is one run of four numbers;
 * - the totals, then each good XOR its total (zero when every event was
 *   good), as little-endian doubles stored byte plane by byte plane (every
 *   value's byte 0, then every byte 1 …): the sign and exponent bytes of
 *   similar counts repeat, and integer counts end in zero bytes, which
 *   deflate then stores in a few bits.
 *
 * Buckets must start inside the day (`dayStart` to `dayStart + spanSeconds`,
 * a day unless a block of days is packed), at
 * whole seconds, and be sorted by start, longer first on equal starts.
 *
 * @internal
 */
export function encodeDay(
  dayStart: number,
  buckets: EventBucket[],
  spanSeconds = DAY_SECONDS,
): Buffer {
  const header: number[] = [];
  writeVarint(header, buckets.length);
  let i = 0;
  let previousEnd = dayStart;
  while (i < buckets.length) {
    const first = buckets[i];
    checkBucket(dayStart, spanSeconds, first);
    let run = 1;
    while (
      i + run < buckets.length &&
      buckets[i + run].durationSeconds === first.durationSeconds &&
      buckets[i + run].start === first.start + run * first.durationSeconds
    ) {
      checkBucket(dayStart, spanSeconds, buckets[i + run]);
      run++;
    }
    writeVarint(header, zigzag(first.start - previousEnd));
    writeVarint(header, first.durationSeconds);
    writeVarint(header, run);
    previousEnd = first.start + run * first.durationSeconds;
    i += run;
  }

  const n = buckets.length;
  const values = Buffer.alloc(16 * n);
  const scratch = new DataView(new ArrayBuffer(16));
  for (let k = 0; k < n; k++) {
    scratch.setFloat64(0, buckets[k].total, true);
    scratch.setFloat64(8, buckets[k].good, true);
    const totalLow = scratch.getUint32(0, true);
    const totalHigh = scratch.getUint32(4, true);
    // Good XOR total, per 32-bit half.
    scratch.setUint32(8, (scratch.getUint32(8, true) ^ totalLow) >>> 0, true);
    scratch.setUint32(
      12,
      (scratch.getUint32(12, true) ^ totalHigh) >>> 0,
      true,
    );
    for (let b = 0; b < 8; b++) {
      values[b * 2 * n + k] = scratch.getUint8(b);
      values[b * 2 * n + n + k] = scratch.getUint8(8 + b);
    }
  }
  const body = deflateRawSync(Buffer.concat([Buffer.from(header), values]), {
    level: 9,
  });
  return Buffer.concat([Buffer.from([FORMAT_V1]), body]);
}

/**
 * The buckets {@link encodeDay} packed, oldest first. Throws, naming the
 * day, when the value is not a packed day this version can read.
 *
 * @internal
 */
export function decodeDay(dayStart: number, packed: Uint8Array): EventBucket[] {
  const where = `packed day ${new Date(dayStart * 1000)
    .toISOString()
    .slice(0, 10)}`;
  if (packed.length === 0 || packed[0] !== FORMAT_V1) {
    throw new Error(
      `Cannot read the ${where}: format ${
        packed[0] ?? 'missing'
      } is not ${FORMAT_V1}. It was written by another version of the SLO plugin; run that version (or a newer one) against this database.`,
    );
  }
  const body = inflateRawSync(packed.subarray(1));
  const cursor = { at: 0 };
  const n = readVarint(body, cursor, where);
  const starts: number[] = [];
  const durations: number[] = [];
  let previousEnd = dayStart;
  while (starts.length < n) {
    const start = previousEnd + unzigzag(readVarint(body, cursor, where));
    const duration = readVarint(body, cursor, where);
    const run = readVarint(body, cursor, where);
    if (run === 0 || starts.length + run > n) {
      throw new Error(`Cannot read the ${where}: its bucket runs are corrupt.`);
    }
    for (let k = 0; k < run; k++) {
      starts.push(start + k * duration);
      durations.push(duration);
    }
    previousEnd = start + run * duration;
  }
  const base = cursor.at;
  if (body.length !== base + 16 * n) {
    throw new Error(
      `Cannot read the ${where}: ${
        body.length - base
      } bytes of counts for ${n} buckets (expected ${16 * n}).`,
    );
  }
  const scratch = new DataView(new ArrayBuffer(16));
  const buckets: EventBucket[] = new Array(n);
  for (let k = 0; k < n; k++) {
    for (let b = 0; b < 8; b++) {
      scratch.setUint8(b, body[base + b * 2 * n + k]);
      scratch.setUint8(8 + b, body[base + b * 2 * n + n + k]);
    }
    scratch.setUint32(
      8,
      (scratch.getUint32(8, true) ^ scratch.getUint32(0, true)) >>> 0,
      true,
    );
    scratch.setUint32(
      12,
      (scratch.getUint32(12, true) ^ scratch.getUint32(4, true)) >>> 0,
      true,
    );
    buckets[k] = {
      start: starts[k],
      durationSeconds: durations[k],
      good: scratch.getFloat64(8, true),
      total: scratch.getFloat64(0, true),
    };
  }
  return buckets;
}

function checkBucket(
  dayStart: number,
  spanSeconds: number,
  bucket: EventBucket,
): void {
  if (
    !Number.isSafeInteger(bucket.start) ||
    !Number.isSafeInteger(bucket.durationSeconds) ||
    bucket.durationSeconds <= 0 ||
    bucket.start < dayStart ||
    bucket.start >= dayStart + spanSeconds
  ) {
    throw new Error(
      `Cannot pack the bucket starting ${bucket.start} (${bucket.durationSeconds} s) into the day starting ${dayStart}: ` +
        'buckets must start inside the day, at whole seconds, with a positive whole duration.',
    );
  }
}

function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

function writeVarint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push(rest % 0x80 | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function readVarint(
  body: Uint8Array,
  cursor: { at: number },
  where: string,
): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (cursor.at >= body.length || scale > 2 ** 49) {
      throw new Error(`Cannot read the ${where}: a number runs past its end.`);
    }
    const byte = body[cursor.at++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 0x80;
  }
}
