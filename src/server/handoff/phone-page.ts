import { createHash } from 'node:crypto';
import type { LocalizedText } from '../../core/document-set/requirements.js';
import { isLanguageTag } from '../../core/handoff/language-tag.js';
import { errorResponse } from '../web/json.js';
import { PHONE_PAGE_WORDS, type PhonePageWords } from './phone-page-words.js';

export interface HandoffPhonePageOptions {
  /** The widget's script-tag build as the host serves it (`kyc-upload.iife.js`). */
  scriptUrl: string;
  /** The element endpoint the phone presigns with (its session header authorises it). */
  endpoint: string;
  /** Where the handoff routes are mounted (`createHandoffs`' `basePath`). */
  handoffEndpoint?: string;
  /** Origins the page may connect to besides its own: the storage the forms post to. */
  connectSources?: readonly string[];
  /** The page's own stylesheet, if any. */
  stylesheetUrl?: string;
  /**
   * The page's language when its URL names none. A handoff's URL names the language of the
   * computer's widget (`?lang=fr`), and the page and its element speak that one.
   */
  lang?: string;
  /**
   * The page's words: its title, and what it says when opened without a code. A string is said in
   * every language; a record per language code (`{ en: …, fr: … }`) in those it names. Otherwise
   * the page's own words in English, French, German, Spanish, Italian and Dutch (English for the rest).
   */
  text?: { title?: LocalizedText; noCode?: LocalizedText };
}

/**
 * Reads the token from the fragment, takes it out of the address bar and the history (it is
 * claimed once; a reload or a shared screenshot must not carry it), and gives it to the element,
 * which claims it and uploads. Without one (a reload), the element continues the session this tab
 * claimed, which it keeps in sessionStorage until the handoff ends; failing that, the page says
 * how to open it. Inline, and allowed by its hash alone: no other inline script runs.
 */
const PAGE_SCRIPT = `(() => {
  const token = new URLSearchParams(location.hash.slice(1)).get('handoff');
  history.replaceState(null, '', location.pathname + location.search);
  customElements.whenDefined('kyc-upload').then(async () => {
    const upload = document.querySelector('kyc-upload');
    if (token) upload.handoffToken = token;
    else if (!(await upload.resumeHandoff())) document.getElementById('no-code').hidden = false;
  });
})();`;

const SCRIPT_HASH = `'sha256-${createHash('sha256').update(PAGE_SCRIPT, 'utf8').digest('base64')}'`;

/**
 * The page a phone opens from the QR code: `<kyc-upload>` in camera mode and nothing else, under
 * a strict Content-Security-Policy (no inline script but its own, by hash; no eval; connections to
 * its origin and the storage only), sent with no referrer and never cached. GET or HEAD.
 */
export function createHandoffPhonePage(options: HandoffPhonePageOptions): (request: Request) => Promise<Response> {
  const handoffEndpoint = options.handoffEndpoint ?? '/api/kyc/handoff';
  const page = (lang: string) => {
    const text = wordsFor(lang, options.text);
    return `<!doctype html>
<html lang="${attribute(lang)}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${content(text.title)}</title>
${options.stylesheetUrl ? `    <link rel="stylesheet" href="${attribute(options.stylesheetUrl)}" />\n` : ''}    <script src="${attribute(options.scriptUrl)}" defer></script>
  </head>
  <body>
    <main>
      <h1>${content(text.title)}</h1>
      <p id="no-code" hidden>${content(text.noCode)}</p>
      <kyc-upload camera="auto" endpoint="${attribute(options.endpoint)}" handoff-endpoint="${attribute(handoffEndpoint)}"></kyc-upload>
    </main>
    <script>${PAGE_SCRIPT}</script>
  </body>
</html>
`;
  };
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': phonePagePolicy(options),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
    'cross-origin-opener-policy': 'same-origin',
  };
  return async (request) => {
    await request.body?.cancel();
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405, 'method-not-allowed', 'Use GET.', { allow: 'GET, HEAD' });
    // The computer's language, as the handoff URL carries it; a malformed one is not used.
    const asked = new URL(request.url).searchParams.get('lang');
    const lang = isLanguageTag(asked) ? asked : (options.lang ?? 'en');
    return new Response(request.method === 'HEAD' ? null : page(lang), { status: 200, headers });
  };
}

/**
 * The page's words in `lang`: the host's (a string, or its entry for the tag or its language),
 * else the page's own for the language, else English, as the element falls back to English.
 */
function wordsFor(lang: string, text: HandoffPhonePageOptions['text']): PhonePageWords {
  const codes = [lang.toLowerCase(), lang.toLowerCase().split('-')[0]!];
  const own = codes.map((code) => PHONE_PAGE_WORDS[code]).find(Boolean) ?? PHONE_PAGE_WORDS.en!;
  const host = (word: LocalizedText | undefined): string | undefined => {
    if (word === undefined || typeof word === 'string') return word;
    const entries = Object.entries(word).map(([code, value]) => [code.toLowerCase(), value] as const);
    return codes.map((code) => entries.find(([key]) => key === code)?.[1]).find((value) => value !== undefined);
  };
  return { title: host(text?.title) ?? own.title, noCode: host(text?.noCode) ?? own.noCode };
}

/** The page's policy: the demo's (demo/backend/content-security-policy.ts) plus the page script's hash. */
export function phonePagePolicy(options: Pick<HandoffPhonePageOptions, 'scriptUrl' | 'connectSources'>): string {
  // A widget served from another origin (a CDN) is allowed from there, and nothing else of it.
  const scriptOrigin = /^https?:\/\//i.test(options.scriptUrl) ? ` ${new URL(options.scriptUrl).origin}` : '';
  const connect = (options.connectSources ?? []).map((source) => new URL(source).origin);
  return [
    "default-src 'none'",
    `script-src 'self'${scriptOrigin} ${SCRIPT_HASH}`,
    "style-src 'self'",
    "img-src 'self' blob:",
    ['connect-src', "'self'", ...connect].join(' '),
    `worker-src 'self'${scriptOrigin}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html kyc-upload',
  ].join('; ');
}

function content(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(text: string): string {
  return content(text).replace(/"/g, '&quot;');
}
