import type { ProviderContext } from './context.js';
import { deleteDocumentFiles } from './stored-files.js';

/**
 * "Validated documents are deleted once the user is validated" (the seed): the stored objects of a
 * VALIDATED user's validated pre-review documents go, then `files_deleted_at` records it. Run
 * after the decision commits, and again at every start for whatever a failure left: deleting an
 * object twice is harmless, so a crash between the two steps only repeats the first.
 */
export async function deleteValidatedFiles(ctx: ProviderContext, userId?: number): Promise<number> {
  const rows = await ctx.db
    .selectFrom('treezor_pre_review_documents as d')
    .innerJoin('treezor_users as u', 'u.user_id', 'd.user_id')
    .select(['d.document_id', 'd.upload_key'])
    .where('u.kyc_status', '=', 'VALIDATED')
    .where('d.status', '=', 2)
    .where('d.files_deleted_at', 'is', null)
    .$if(userId !== undefined, (qb) => qb.where('d.user_id', '=', userId!))
    .execute();
  for (const row of rows) {
    await deleteDocumentFiles(ctx.s3, ctx.bucket, row.upload_key);
    await ctx.db
      .updateTable('treezor_pre_review_documents')
      .set({ files_deleted_at: ctx.now() })
      .where('document_id', '=', row.document_id)
      .execute();
  }
  return rows.length;
}
