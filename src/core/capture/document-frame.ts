/**
 * The frame drawn over the preview, shaped like the document asked for, so the person fills it
 * with the document and nothing else. Width ÷ height of each format (ISO/IEC 7810; ICAO 9303).
 */
export const DOCUMENT_ASPECT = {
  /** ID-1: identity cards, driving licences, residence permits (85.6 × 54 mm). */
  card: 85.6 / 54,
  /** A passport's photo page, TD3 (125 × 88 mm). */
  passportPage: 125 / 88,
  /** A4 portrait, for a bill or a statement (210 × 297 mm). */
  page: 210 / 297,
} as const;

export type DocumentShape = keyof typeof DOCUMENT_ASPECT;

const SHAPE_OF_SUBTYPE: Record<string, DocumentShape> = {
  passport: 'passportPage',
  'id-card': 'card',
  'driving-license': 'card',
  'residence-permit': 'card',
  'utility-bill': 'page',
  'bank-statement': 'page',
  'tax-notice': 'page',
};

/** The frame for a document set's subtype; an ID card's when the subtype is unknown or the host's own. */
export const shapeOf = (subtype: string | undefined): DocumentShape => (subtype && SHAPE_OF_SUBTYPE[subtype]) || 'card';

export interface FrameRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The largest frame of the document's shape inside `view` with `margin` (a share of the smaller
 * side) all round: where the person should put the document, in the view's own units.
 */
export function frameIn(view: { width: number; height: number }, shape: DocumentShape, margin = 0.06): FrameRect {
  const aspect = DOCUMENT_ASPECT[shape];
  const inset = Math.min(view.width, view.height) * margin;
  const room = { width: Math.max(0, view.width - 2 * inset), height: Math.max(0, view.height - 2 * inset) };
  const width = Math.min(room.width, room.height * aspect);
  const height = width / aspect;
  return { x: (view.width - width) / 2, y: (view.height - height) / 2, width, height };
}
