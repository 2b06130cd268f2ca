/**
 * `kyc-upload/server`: the host side, one module per concern. Handlers take the web platform's
 * `Request` and answer a `Response` (Node, Bun, Deno, edge runtimes), with a thin `node:http`
 * adapter; the database and the storage client are passed in by the host, never opened here. The
 * drivers (pg, better-sqlite3) and the AWS SDK are optional peer dependencies, loaded only by the
 * functions that use them.
 */

// Presign for the host's own bucket, and the element's endpoint.
// The browser's own types, aliases and size limit; the types under the names the server has always published.
export {
  ALLOWED_TYPES as ALLOWED_CONTENT_TYPES,
  type AllowedType as AllowedContentType,
  DEFAULT_MAX_SIZE,
  toAllowedType as toAllowedContentType,
} from '../core/document-types.js';
export {
  DEFAULT_EXPIRES_IN,
  type DocumentForm,
  DocumentFormError,
  type DocumentFormErrorCode,
  MAX_METADATA_BYTES,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_VALUE_LENGTH,
  presignDocumentForm,
  type PresignDocumentFormOptions,
} from './presign-document-form.js';
export { type SlotMetadata, slotMetadata } from './slot-metadata.js';
export {
  createDocumentFormHandler,
  type DocumentFormHandlerOptions,
  type DocumentFormLogEntry,
  type DocumentFormRequest,
  type UserId,
} from './element-endpoint.js';
export { createRateLimiter, type RateDecision, type RateLimitOptions } from './rate-limit.js';
// The key that opens a prepared file kept across a killed tab.
export { createResumeKeyHandler, type ResumeKeyHandlerOptions } from './resume-key.js';

// Continue on your phone: the desktop hands one slot to a phone through a QR code.
export { createHandoffs, type Handoffs } from './handoff/handoffs.js';
export {
  DEFAULT_HANDOFF_LIMITS,
  DEFAULT_HANDOFF_STREAMS,
  DEFAULT_HANDOFF_TTL_MS,
  type HandoffLimits,
  type HandoffLogEntry,
  type HandoffOptions,
  type HandoffStreams,
  MAX_HANDOFF_TTL_MS,
} from './handoff/handoff-options.js';
export type { CreatedHandoff } from './handoff/desktop-routes.js';
export type { ClaimedHandoff } from './handoff/phone-routes.js';
export type { HandoffFile, HandoffState, HandoffView } from './handoff/handoff-store.js';
export type { HandoffSlot } from './handoff/handoff-slot.js';
export { HANDOFF_SESSION_HEADER, type PhoneSession, type PhoneSessions } from './handoff/phone-session.js';
export { createHandoffPhonePage, type HandoffPhonePageOptions, phonePagePolicy } from './handoff/phone-page.js';
export type { Timers } from './handoff/event-stream.js';

// Verification of what was stored, wherever it is stored.
export { verifyDocumentBytes, type VerifyRules } from './verify/verify-bytes.js';
export { type OpenedDocument, openVerifiedDocument, verifyStoredDocument } from './verify/verify-document.js';
export type { ReadResult, StoredBytes, StoredDocument } from './verify/stored-document.js';
export { isRefusalCode, type Passed, type RefusalCode, type Refused, type Verdict } from './verify/verdict.js';
export { KEPT_PREFIX, s3Document, type S3DocumentOptions } from './verify/s3-document.js';
export { treezorDocument, type TreezorDocumentOptions } from './verify/treezor-document.js';

// Safe downloads and previews.
export { attachmentDisposition, type DownloadUrlOptions, presignDocumentDownload, safeDocumentHeaders } from './safe-download.js';
export { PageRenderError, renderPdfPage, type RenderPdfPageOptions } from './pdf-pages.js';
export { createPictureQueue, type PictureQueueOptions } from './picture-queue.js';

// The database, chosen and opened by the host.
export type { SqlDatabase, SqlDialectName } from './db/database.js';
export { openDatabase, type OpenDatabaseOptions } from './db/open-database.js';
export { openSqliteDatabase } from './db/sqlite.js';
export { openPostgresDatabase } from './db/postgres.js';
export { migrate, type SchemaStep } from './db/migrate.js';

// The host's records, and the reviewer's decisions on them.
export {
  type ApplicantKyc,
  type AuditAction,
  type AuditEntry,
  type HostDb,
  type HostDocument,
  type HostStore,
  type HostTransaction,
  type NewDocument,
  openHostStore,
  type ReviewStatus,
} from './store/host-store.js';
export type { HostTables } from './store/host-tables.js';
export {
  createVerifiedDocuments,
  FORM_EXPIRY_MARGIN_MS,
  formClosed,
  type VerifiedDocuments,
  type VerifiedDocumentsOptions,
} from './review/verified-documents.js';
export {
  createReviewerActions,
  DECISION_LEASE_MS,
  ReviewError,
  type ReviewErrorCode,
  type ReviewerActions,
  type ReviewerActionsOptions,
} from './review/reviewer-actions.js';
export { REFUSAL_REASONS, type RefusalReason } from './review/refusal-reasons.js';
export { createReviewerHandler, type ReviewerHandlerOptions } from './review/reviewer-handler.js';

// Document sets: the applicant saying they are done.
export { createDocumentSetSubmitHandler, type DocumentSetSubmitHandlerOptions, MAX_SUBMITTED_DOCUMENTS } from './document-set-submit.js';
export type { Submission, SubmissionOutcome, SubmissionRefusal, SubmittedDocument } from './store/submissions.js';
export { informationStatus, isKycStatus, KYC_DECISIONS, KYC_STATUSES, type KycDecision, type KycStatus } from './kyc-statuses.js';

// The provider's webhooks: signing, verification, and a receiver.
export { phpJsonEncode } from './webhooks/php-json.js';
export { signTreezorPayload, type TreezorWebhook, treezorWebhookSchema, verifyTreezorWebhook, type WebhookCheck } from './webhooks/treezor-signature.js';
export { createTreezorWebhookReceiver, type TreezorReceiverOptions } from './webhooks/treezor-receiver.js';

// Web-standard handlers, and the adapter that runs them in node:http or Express.
export { errorResponse, type JsonRead, jsonResponse, readJson } from './web/json.js';
export { sendWebResponse, toNodeHandler, toWebRequest, type WebHandler } from './web/node-adapter.js';

// Treezor's API, with a token only the server holds.
export { createTreezorTokenProvider, type TreezorTokenOptions, type TreezorTokenProvider } from './treezor-token.js';
export {
  requestTreezorDocumentForm,
  type TreezorDocumentFormRequest,
  TreezorRequestError,
} from './treezor-client.js';
export {
  type AccessToken,
  deleteTreezorDocument,
  type PreReviewStatus,
  setTreezorPreReviewStatus,
  type TreezorConnection,
  treezorPreviewUrl,
} from './treezor-documents.js';
export { createTreezorUser, getTreezorKyc, requestTreezorKycReview, type TreezorKyc } from './treezor-users.js';

// Recipes: the other seeds' flows on the host's own bucket (the ZIP writer, fflate, is an optional peer).
export {
  buildUpvestKycCheck,
  UPVEST_ARCHIVE_PREFIX,
  UPVEST_LINK_EXPIRES_IN,
  UPVEST_MAX_ARCHIVE_SIZE,
  type UpvestKycCheck,
  UpvestKycCheckError,
  type UpvestKycCheckErrorCode,
  type UpvestKycCheckOptions,
  type UpvestKycCheckResult,
} from './recipes/upvest-kyc-check.js';
export { type UpvestAddress, type UpvestKycFacts, upvestKycFactsSchema } from './recipes/upvest-kyc-facts.js';
export {
  DocumentLinkError,
  type DocumentLinkErrorCode,
  type DocumentLinkHost,
  linkSeparateDocument,
  type LinkedFile,
  type LinkSeparateDocumentOptions,
  type SeparateDocument,
  slotObjectKey,
} from './recipes/connectfi-document-link.js';
