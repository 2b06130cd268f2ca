/** The date formats Treezor's payloads use, from milliseconds since the epoch. */

/** Pre-review documents: `2021-03-08T14:13:00+00:00`. */
export function isoWithOffset(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The KYC object: `2015-02-25T11:06:39Z`. */
export function isoZulu(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * Legacy objects (users, Documents): `2024-07-17 14:34:47`, in Paris time. The seed's
 * document.create has webhook_created_at 1721219688.8641 s (12:34:48 UTC) and createdDate
 * 14:34:47: the legacy API writes local time in France, without saying so.
 */
export function legacyDateTime(ms: number): string {
  const part = Object.fromEntries(PARIS.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** What a legacy date with no value reads as. */
export const NO_LEGACY_DATE = '0000-00-00 00:00:00';

/**
 * The envelope's webhook_created_at: the seed's 17212196888641 is that same instant in units of
 * 100 µs (seconds × 10⁴), not milliseconds.
 */
export function webhookCreatedAt(ms: number): number {
  return ms * 10;
}
