/**
 * Beyond this the decode alone needs hundreds of megabytes (4 bytes a pixel, twice): a phone tab
 * would die. 64 MP lets through every phone's full-resolution photo up to 48 MP with room to spare.
 * Its own module: the server's verification reads it without the browser's image pipeline.
 */
export const MAX_PIXELS = 64_000_000;
