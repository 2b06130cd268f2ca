export { ALLOWED_CONTENT_TYPES, type AllowedContentType, toAllowedContentType } from './allowed-types.js';
export {
  DEFAULT_EXPIRES_IN,
  DEFAULT_MAX_SIZE,
  type DocumentForm,
  DocumentFormError,
  type DocumentFormErrorCode,
  presignDocumentForm,
  type PresignDocumentFormOptions,
} from './presign-document-form.js';
export {
  createDocumentFormHandler,
  type DocumentFormHandlerOptions,
  type DocumentFormLogEntry,
  type DocumentFormRequest,
  type UserId,
} from './element-endpoint.js';
export {
  requestTreezorDocumentForm,
  type TreezorDocumentFormRequest,
  TreezorRequestError,
} from './treezor-client.js';
