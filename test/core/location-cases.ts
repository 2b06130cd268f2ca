import type { LocationType } from '../../src/core/prepare/location-metadata.js';

/**
 * What findLocationMetadata must say of each fixture (paths under test/fixtures/): checked in the
 * three browsers (location-metadata.test.ts) and in Node, where the server runs it
 * (test/server/tiff-location.test.ts).
 */
export const LOCATION_CASES: Array<[fixture: string, type: LocationType, found: string | undefined]> = [
  ['rotated-gps.jpg', 'image/jpeg', 'exif-gps'],
  ['small-gps.jpg', 'image/jpeg', 'exif-gps'],
  ['small-gps.png', 'image/png', 'png-exif'],
  ['id-card.jpg', 'image/jpeg', undefined],
  ['id-card.png', 'image/png', undefined],
  ['id-card.tiff', 'image/tiff', undefined],
  ['motion-photo.jpg', 'image/jpeg', undefined],
  ['hostile/jpeg-gps-between-scans.jpg', 'image/jpeg', 'exif-gps'],
  ['hostile/png-xmp-gps-after-idat.png', 'image/png', 'xmp-gps'],
  ['hostile/tiff-gps.tiff', 'image/tiff', 'tiff-gps'],
  ['hostile/tiff-xmp-gps.tiff', 'image/tiff', 'xmp-gps'],
  ['hostile/tiff-gps-page-2.tiff', 'image/tiff', 'tiff-gps'],
  ['hostile/tiff-gps-in-exif.tiff', 'image/tiff', 'tiff-gps'],
  ['hostile/tiff-ifd-at-end.tiff', 'image/tiff', undefined],
  ['hostile/tiff-big-endian.tiff', 'image/tiff', undefined],
  ['hostile/tiff-two-pages-jpeg.tiff', 'image/tiff', undefined],
];
