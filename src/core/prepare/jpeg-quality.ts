import { BlockReader, JPEG_SOS, jpegSegments } from './image-segments.js';

const DQT = 0xdb;

// The example tables of the JPEG standard (ITU T.81 Annex K), in natural order: what libjpeg, and
// so nearly every encoder, scales by its quality setting.
const LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMINANCE = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, ...Array<number>(38).fill(99)];
/** DQT lists a table's values in zig-zag order: the k-th value is the coefficient at NATURAL[k]. */
const NATURAL = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/**
 * The quality (0..1) a JPEG was saved at, read from its quantisation tables as libjpeg's
 * `jpeg_quality_scaling` would have made them: scale = 5000 / q below 50, 200 − 2q above, each
 * table the Annex K table × scale / 100. The scale is taken over the whole luminance table (the
 * chrominance one when that is all there is), so rounding and a camera's own tables give the
 * nearest IJG quality. Undefined when the header holds no table before the first scan. `reader`
 * may hold the head already (readImageFacts read it).
 */
export async function estimateJpegQuality(file: Blob, reader = new BlockReader(file)): Promise<number | undefined> {
  const tables = new Map<number, number[]>();
  for await (const segment of jpegSegments(reader)) {
    if (segment.marker === JPEG_SOS) break;
    if (segment.marker !== DQT || segment.length < 2) continue;
    const payload = await reader.bytes(segment.at + 4, segment.length - 2);
    if (!payload) return undefined;
    for (let at = 0; at < payload.length; ) {
      const precision16 = payload[at]! >> 4 === 1;
      const id = payload[at]! & 0x0f;
      const size = precision16 ? 128 : 64;
      if (at + 1 + size > payload.length) return undefined;
      const values = Array.from({ length: 64 }, (_, k) => (precision16 ? (payload[at + 1 + 2 * k]! << 8) | payload[at + 2 + 2 * k]! : payload[at + 1 + k]!));
      tables.set(id, values);
      at += 1 + size;
    }
  }
  const luminance = tables.get(0);
  const chrominance = tables.get(1);
  if (luminance) return qualityOf(luminance, LUMINANCE);
  return chrominance ? qualityOf(chrominance, CHROMINANCE) : undefined;
}

function qualityOf(zigzag: number[], standard: number[]): number {
  let values = 0;
  let reference = 0;
  zigzag.forEach((value, k) => {
    values += value;
    reference += standard[NATURAL[k]!]!;
  });
  const scale = (100 * values) / reference;
  const quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
  return Math.round(Math.min(100, Math.max(1, quality))) / 100;
}
