/**
 * The language the computer's widget speaks, which a handoff carries to the phone's page
 * (`?lang=fr`): a BCP 47 tag's shape (`fr`, `de-AT`, `zh-Hant-TW`), letters, digits and dashes
 * only, so that it is safe in a URL and in an HTML attribute. Anything else is not carried.
 */
export const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
export const MAX_LANGUAGE_TAG_LENGTH = 35;

export const isLanguageTag = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_LANGUAGE_TAG_LENGTH && LANGUAGE_TAG.test(value);
