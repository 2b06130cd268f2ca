import * as z from 'zod';
import { QUALITY_ISSUES, type QualityReport } from '../core/quality/quality-report.js';

/**
 * A photo's quality as the applicant's browser reported it with the presign request
 * (core/quality/quality-report.ts). The applicant's own figures, so only ever a hint: it may route
 * a document to a closer review, never spare one. Bounded, so a forged report stays a small row.
 */
export const deviceQualitySchema = z.strictObject({
  blur: z.number().min(0).max(1),
  glare: z.number().min(0).max(1),
  exposure: z.number().min(0).max(1),
  resolution: z.number().int().min(0).max(100_000),
  corners: z.number().int().min(0).max(4),
  passed: z.boolean(),
  issues: z.array(z.enum(QUALITY_ISSUES)).max(QUALITY_ISSUES.length),
}) satisfies z.ZodType<QualityReport>;

export type DeviceQuality = QualityReport;
