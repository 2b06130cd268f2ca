import { UploadError } from '../errors.js';

/**
 * Refuses SVG with anything but drawing in it, rather than sanitising it: a KYC reviewer must see
 * exactly what the person sent, and an SVG that carries scripts or fetches from elsewhere is not
 * a scan of an identity document. An allowlist over a strict XML parse (svg-rules.ts), the same
 * in the browser and on the server; the rules and the parser load only when an SVG is checked.
 * Throws `unsafe-content` with `details.reason` saying which rule the file broke.
 */
export async function checkSvg(file: Blob): Promise<void> {
  const [{ svgProblem }, bytes] = await Promise.all([loadSvgRules(), file.arrayBuffer()]);
  const reason = svgProblem(new Uint8Array(bytes));
  if (reason) throw new UploadError('unsafe-content', `The SVG cannot be accepted (${reason}).`, { reason });
}

/** The rules and their XML parser, fetched on the first SVG (or ahead of it: prepare.ts's warm-up). */
export const loadSvgRules = () => import('./svg-rules.js');
