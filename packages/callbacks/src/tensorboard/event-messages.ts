import type { Histogram } from './histogram.js';
import { ProtobufWriter } from './protobuf-writer.js';

// Field numbers of tensorboard/compat/proto/event.proto and summary.proto.
const EVENT = { wallTime: 1, step: 2, fileVersion: 3, summary: 5 } as const;
const SUMMARY = { value: 1 } as const;
const VALUE = { tag: 1, simpleValue: 2, image: 4, histo: 5 } as const;
const IMAGE = { height: 1, width: 2, colorspace: 3, encoded: 4 } as const;
const HISTOGRAM = { min: 1, max: 2, num: 3, sum: 4, sumSquares: 5, bucketLimit: 6, bucket: 7 } as const;

/** One value of a summary: a scalar, a histogram or an encoded image, under a tag. */
export type SummaryValue =
  | { readonly tag: string; readonly scalar: number }
  | { readonly tag: string; readonly histogram: Histogram }
  | { readonly tag: string; readonly image: { readonly width: number; readonly height: number; readonly channels: number; readonly png: Uint8Array } };

function encodeValue(value: SummaryValue): Uint8Array {
  const w = new ProtobufWriter().string(VALUE.tag, value.tag);
  if ('scalar' in value) return w.float(VALUE.simpleValue, value.scalar).finish();
  if ('histogram' in value) {
    const h = value.histogram;
    const histo = new ProtobufWriter()
      .double(HISTOGRAM.min, h.min)
      .double(HISTOGRAM.max, h.max)
      .double(HISTOGRAM.num, h.num)
      .double(HISTOGRAM.sum, h.sum)
      .double(HISTOGRAM.sumSquares, h.sumSquares)
      .packedDoubles(HISTOGRAM.bucketLimit, h.bucketLimits)
      .packedDoubles(HISTOGRAM.bucket, h.bucketCounts)
      .finish();
    return w.bytes(VALUE.histo, histo).finish();
  }
  const { width, height, channels, png } = value.image;
  const image = new ProtobufWriter()
    .varint(IMAGE.height, height)
    .varint(IMAGE.width, width)
    .varint(IMAGE.colorspace, channels)
    .bytes(IMAGE.encoded, png)
    .finish();
  return w.bytes(VALUE.image, image).finish();
}

/** An `Event` carrying the file version, the first record of every event file (`brain.Event:2`). */
export function fileVersionEvent(wallTime: number): Uint8Array {
  return new ProtobufWriter().double(EVENT.wallTime, wallTime).string(EVENT.fileVersion, 'brain.Event:2').finish();
}

/** An `Event` carrying a `Summary` of the given values at `step`. */
export function summaryEvent(wallTime: number, step: number, values: readonly SummaryValue[]): Uint8Array {
  const summary = new ProtobufWriter();
  for (const value of values) summary.bytes(SUMMARY.value, encodeValue(value));
  return new ProtobufWriter().double(EVENT.wallTime, wallTime).varint(EVENT.step, step).bytes(EVENT.summary, summary.finish()).finish();
}
