import { type DocumentRequirement, type ResolvedRequirement, resolveRequirements } from '../core/document-set/requirements.js';

/** A host's requirements, checked once when a handler is made: a mistake stops start-up, not a request. */
export function resolvedOrThrow(requirements: readonly DocumentRequirement[] | undefined): ResolvedRequirement[] | undefined {
  if (!requirements) return undefined;
  const check = resolveRequirements(requirements);
  if (!check.ok) throw new TypeError(`kyc-upload/server: the requirements are not usable: ${check.problem}.`);
  return check.requirements;
}
