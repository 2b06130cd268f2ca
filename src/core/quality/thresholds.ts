// Every limit of the quality checks, in one place. Tuned on the tuning half of the labelled set
// (test/fixtures/quality/make-set.ts, `npx tsx test/fixtures/quality/tune.ts`), never on the
// held-out half the bench reports; the grey copy is at most 1024 px on its longer side.
import type { DocumentShape } from '../capture/document-frame.js';

export const EDGES = {
  /** The edge map's longer side: the outline needs no more, and the Hough transform is quadratic-ish in it. */
  workingSide: 360,
  /** Sobel |gx| + |gy| below this is noise (JPEG blocks, sensor grain), however flat the photo. */
  minStrength: 40,
  /**
   * An edge is at least this share of the strong edges' strength (the percentile below)… 0.25 lost
   * a dark card header's edge on a dark wallpaper (a step of 17 levels beside black text on white).
   */
  shareOfStrong: 0.15,
  /** …where strong is this percentile: relative, so a dark photo keeps its outline. */
  strongPercentile: 0.98,
};

export const LINES = {
  /** Each edge votes ±3° around its own gradient's angle. */
  angleSpread: 3,
  /** A line has at least this share of the edge map's shorter side in votes. */
  minLength: 0.12,
  /** Lines kept, strongest first: with 16 a card's text rows crowded out its short sides. */
  most: 24,
  /** Two peaks closer than this are one line. */
  sameAngle: (4 * Math.PI) / 180,
  sameDistance: 5,
};

export const OUTLINE = {
  /** Opposite sides under perspective: at most this far from parallel. */
  maxSideTilt: (25 * Math.PI) / 180,
  /** Adjacent sides meet at no sharper angle than this. */
  minCornerAngle: (50 * Math.PI) / 180,
  /** Opposite sides at least this share of the shorter side apart. */
  minSideGap: 0.12,
  /** The outline covers at least this share of the photo. */
  minArea: 0.03,
  /** A corner may be outside the photo, by up to this share of its size. */
  maxCornerOutside: 0.5,
  /**
   * Long side ÷ short side within this factor of the document's: perspective shortens one pair.
   * 1.45 let a square sticky note pass for a card (1.12 against 1.585); 1.3 stops it.
   */
  aspectTolerance: 1.3,
  /** Each side is at least this share inside the photo… */
  minVisibleSide: 0.3,
  /** …and at least this share of it runs along an edge. */
  minSideSupport: 0.6,
  /** Brightness is compared this many edge-map pixels either side of a side… */
  stepReach: 2,
  /** …and is brighter on the same side along at least this share more of it than the other way. */
  minStepConsistency: 0.6,
  /** A side leaving the photo has edges along this share of its visible length before it leaves. */
  runInStretch: 0.25,
  /**
   * A side that goes on past a corner, along an edge with gaps of at most this many edge-map
   * pixels (a letter touching the edge, JPEG blocks)…
   */
  runOnGap: 3,
  /** …over at least this share of the edge map's shorter side, up to the photo's border, makes the corner no corner. */
  minRunOn: 0.06,
  /** Two corners this close (edge-map pixels) to the same border of the photo: their side is along the border. */
  nearBorder: 5,
  /** An edge along a side faces across it, give or take this angle. */
  maxEdgeTurn: (20 * Math.PI) / 180,
  /** The supported length of the outline, as a share of the edge map's shorter side: less is a stray pattern. */
  minSupportedLength: 1.0,
};

/** The blur checks read inside the outline shrunk by this share: the document's edge is not its detail. */
export const INSIDE_DOCUMENT = 0.08;

export const BLUR = {
  /**
   * blurOf() above this is blurred. Tuning half: sharp originals 0.14 (a page) to 0.21 (a card),
   * the mildest blur (gaussian σ 2.5 px, shake 15 px, per 1000 px of document) 0.26 and up.
   */
  limit: 0.24,
};

export const GLARE = {
  /** Luma this high is washed out (JPEG rounds 255 down a little). */
  level: 250,
  /** A patch smaller than this share of the document is a detail, not glare. */
  minPatch: 0.002,
  /** Glare over this share of the document hides something worth reading. Tuning half: spots 0.023 and up, none elsewhere. */
  limit: 0.01,
};

export const EXPOSURE = {
  nearWhite: 245,
  /** A mean under this is too dark to read reliably. Tuning half: under-exposed 0.13–0.22, fine 0.67 and up. */
  darkMean: 0.3,
  /**
   * Washed out: more than this share of the document near white. Not the mean: a bill's pale paper
   * has a mean of 0.90 when well exposed. Tuning half: over-exposed 0.70 and up, glare up to 0.32.
   */
  washedOut: 0.55,
};

/**
 * The document's width in the photo's own pixels below which its small print cannot be trusted.
 * - card: 300 DPI across ID-1's 85.6 mm ≈ 1011: the 6–7 pt print of a licence or an ID card.
 * - passportPage: 250 DPI across 125 mm ≈ 1230: the page's smallest type and its MRZ (OCR-B, 10 pt)
 *   read well at 250 DPI; 300 (1476 px) would reject a passport that fills a 1600 px photo.
 * - page: 100 DPI across A4's 210 mm ≈ 827: a bill's name and address are 9–12 pt, a capital
 *   ~12 px at 100 DPI (a fax's fine mode is 200 × 100); a whole A4 page in a landscape photo has
 *   no more width to give.
 */
export const MIN_DOCUMENT_WIDTH: Record<DocumentShape, number> = {
  card: 1000,
  passportPage: 1230,
  page: 827,
};
