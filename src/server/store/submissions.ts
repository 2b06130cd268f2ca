import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DocumentSide } from '../../core/document-set/document-slot.js';
import type { SqlDialectName } from '../db/database.js';
import type { HostTables } from './host-tables.js';

/** One document of a submitted set, as the applicant sent it and the host recorded it. */
export interface SubmittedDocument {
  kind: string;
  subtype: string;
  side: DocumentSide;
  documentType: number;
  documentId: string;
}

/** An applicant saying "I am done": the documents of their set, checked when it was written. */
export interface Submission {
  id: string;
  userId: string;
  submittedAt: number;
  documents: SubmittedDocument[];
}

/**
 * Why a submission was not recorded: a document that is not the applicant's (`not-found`: never
 * told apart from one that does not exist), one the applicant replaced, or one whose record says
 * it is another piece of the set than sent (`mismatch`).
 */
export type SubmissionRefusal = 'not-found' | 'replaced' | 'mismatch';

export type SubmissionOutcome = { ok: true; submission: Submission } | { ok: false; refusal: SubmissionRefusal; documentId: string };

/** One spelling of a submitted document, so the same set is stored, and compared, the same way. */
const canonical = ({ kind, subtype, side, documentType, documentId }: SubmittedDocument): SubmittedDocument => ({ kind, subtype, side, documentType, documentId });

/** The host store's submissions (host-store.ts spreads them in). */
export function createSubmissions(db: Kysely<HostTables>, dialect: SqlDialectName, now: () => number) {
  async function submissionsOf(userId: string, limit = 50): Promise<Submission[]> {
    const rows = await db.selectFrom('kyc_submissions').selectAll().where('user_id', '=', userId).orderBy('submitted_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map((row) => ({ id: row.id, userId: row.user_id, submittedAt: row.submitted_at, documents: JSON.parse(row.documents) as SubmittedDocument[] }));
  }

  return {
    /**
     * Checks every document against the host's records and records the submission, in one
     * transaction: a document replaced meanwhile (markReplaced waits for the rows locked here on
     * PostgreSQL; SQLite runs one transaction at a time) is never recorded as submitted.
     */
    async submitDocuments(userId: string, documents: readonly SubmittedDocument[]): Promise<SubmissionOutcome> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('kyc_documents')
          .select(['document_id', 'document_type', 'kind', 'subtype', 'side', 'replaced_by'])
          .where('user_id', '=', userId)
          .where('document_id', 'in', documents.map((document) => document.documentId))
          .$if(dialect === 'postgres', (qb) => qb.forUpdate())
          .execute();
        const recorded = new Map(rows.map((row) => [row.document_id, row]));
        const missing = documents.find((document) => !recorded.has(document.documentId));
        if (missing) return { ok: false, refusal: 'not-found', documentId: missing.documentId } as const;
        for (const document of documents) {
          const row = recorded.get(document.documentId)!;
          if (row.replaced_by !== null) return { ok: false, refusal: 'replaced', documentId: document.documentId } as const;
          const same = row.document_type === document.documentType && row.kind === document.kind && row.subtype === document.subtype && row.side === document.side;
          if (!same) return { ok: false, refusal: 'mismatch', documentId: document.documentId } as const;
        }
        // The same set again (a double click, a retry after a lost answer) is the same submission:
        // no new row, and the applicant keeps their place in the reviewers' queue.
        const latest = await trx.selectFrom('kyc_submissions').selectAll().where('user_id', '=', userId).orderBy('submitted_at', 'desc').orderBy('id').limit(1).executeTakeFirst();
        const same = latest && latest.documents === JSON.stringify(documents.map(canonical));
        if (latest && same) return { ok: true, submission: { id: latest.id, userId, submittedAt: latest.submitted_at, documents: JSON.parse(latest.documents) as SubmittedDocument[] } } as const;
        const submission: Submission = { id: randomUUID(), userId, submittedAt: now(), documents: documents.map(canonical) };
        await trx
          .insertInto('kyc_submissions')
          .values({ id: submission.id, user_id: userId, submitted_at: submission.submittedAt, documents: JSON.stringify(submission.documents) })
          .execute();
        return { ok: true, submission } as const;
      });
    },

    /** The applicant's submissions, the latest first. */
    submissionsOf,

    /** The one that counts: the latest, or undefined while the applicant has not said they are done. */
    async latestSubmission(userId: string): Promise<Submission | undefined> {
      return (await submissionsOf(userId, 1))[0];
    },
  };
}
