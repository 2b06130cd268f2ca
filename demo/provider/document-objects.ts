import type { Kysely, Selectable } from 'kysely';
import type { ProviderContext } from './context.js';
import { nextId } from './counters.js';
import type { ProviderTables } from './schema.js';
import { legacyDateTime, NO_LEGACY_DATE } from './treezor-time.js';
import type { UserRow } from './users.js';

export type DocumentRow = Selectable<ProviderTables['treezor_documents']>;
type PreReviewRow = Selectable<ProviderTables['treezor_pre_review_documents']>;

/** Treezor's label for the one type the seeds show; other types get a neutral one, not a guess. */
const DOCUMENT_TYPE_LABELS: Readonly<Record<number, string>> = { 9: 'ID' };
export const documentTypeLabel = (type: number) => DOCUMENT_TYPE_LABELS[type] ?? `TYPE_${type}`;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tiff',
  'image/svg+xml': 'svg',
};

/** The seed's Document codeStatus while the document awaits Treezor's review. */
const PENDING_CODE_STATUS = '600003';

/**
 * Creates the Document object for a validated pre-review document, inside the caller's
 * transaction. Its id comes from the counter; its file is named after it, as in the seed
 * (`1012512.png`).
 */
export async function createDocumentObject(trx: Kysely<ProviderTables>, preReview: PreReviewRow, now: number): Promise<DocumentRow> {
  const documentId = String(await nextId(trx, 'document'));
  return trx
    .insertInto('treezor_documents')
    .values({
      document_id: documentId,
      pre_review_id: preReview.document_id,
      user_id: preReview.user_id,
      document_type_id: preReview.document_type,
      document_status: 'PENDING',
      file_name: `${documentId}.${EXTENSIONS[preReview.content_type] ?? 'bin'}`,
      created_at: now,
      modified_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The `document.create` object_payload, every value a string as in the seed except totalRows. */
export function documentCreatePayload(ctx: Pick<ProviderContext, 'clientId'>, document: DocumentRow, user: UserRow) {
  return {
    documents: [
      {
        documentId: document.document_id,
        documentTag: '',
        clientId: String(ctx.clientId),
        userId: String(user.user_id),
        userFirstname: user.firstname,
        userLastname: user.lastname,
        name: document.pre_review_id,
        documentStatus: document.document_status,
        documentTypeId: String(document.document_type_id),
        documentType: documentTypeLabel(document.document_type_id),
        fileName: document.file_name,
        thumbFileName: '',
        createdDate: legacyDateTime(document.created_at),
        modifiedDate: document.modified_at === null ? NO_LEGACY_DATE : legacyDateTime(document.modified_at),
        codeStatus: PENDING_CODE_STATUS,
        informationStatus: '',
        residenceId: '0',
        totalRows: 1,
      },
    ],
  };
}
