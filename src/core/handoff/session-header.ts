/**
 * The header a phone sends its session credential in, one name for the browser and the server. A
 * header, not a cookie: it is never sent by the browser on its own (no CSRF), and a phone that
 * happens to be signed in to the host keeps that session apart from the one it holds for the
 * desktop's user.
 */
export const HANDOFF_SESSION_HEADER = 'kyc-handoff-session';
