import type { Kysely, Selectable } from 'kysely';
import * as z from 'zod';
import type { SqlDialectName } from '../../src/server/db/database.js';
import type { ProviderContext } from './context.js';
import { nextId } from './counters.js';
import { KYC_REVIEW } from './kyc-review.js';
import { notFound, ok, ProviderError, type Reply } from './provider-error.js';
import type { ProviderTables } from './schema.js';
import { legacyDateTime } from './treezor-time.js';

export type UserRow = Selectable<ProviderTables['treezor_users']>;

const name = z.string().trim().min(1).max(100);
const createUserBody = z.object({
  // Treezor's types: 1 natural person, 2 business, 3 non-governmental organisation, 4 governmental.
  userTypeId: z.number().int().min(1).max(4).optional(),
  firstname: name,
  lastname: name,
  email: z.string().trim().max(200).optional(),
});

/** The legacy User object, as Treezor sends it: every value a string. */
export function userJson(user: UserRow, clientId: number) {
  return {
    userId: String(user.user_id),
    userTypeId: String(user.user_type_id),
    clientId: String(clientId),
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    kycLevel: String(user.kyc_level),
    kycReview: String(user.kyc_review),
    kycReviewComment: user.kyc_review_comment,
    createdDate: legacyDateTime(user.created_at),
    modifiedDate: legacyDateTime(user.updated_at),
  };
}

/** `{ users: [user] }`: how Treezor answers and how its user webhooks carry a user. */
export const usersEnvelope = (user: UserRow, clientId: number) => ({ users: [userJson(user, clientId)] });

/**
 * The user row, locked for the rest of the transaction on PostgreSQL so that two requests about one
 * user's KYC take turns. SQLite needs no lock: it runs one write transaction at a time.
 */
export function findUser(db: Kysely<ProviderTables>, userId: number, lock?: SqlDialectName): Promise<UserRow | undefined> {
  return db
    .selectFrom('treezor_users')
    .selectAll()
    .where('user_id', '=', userId)
    .$if(lock === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export async function requireUser(db: Kysely<ProviderTables>, userId: number, lock?: SqlDialectName): Promise<UserRow> {
  const user = await findUser(db, userId, lock);
  if (!user) throw notFound('user');
  return user;
}

/** POST /v1/users */
export async function createUser(ctx: ProviderContext, body: unknown): Promise<Reply> {
  const parsed = createUserBody.safeParse(body);
  if (!parsed.success) throw new ProviderError(400, 'invalid_request', parsed.error.issues[0]!.message);
  const { userTypeId = 1, firstname, lastname, email = '' } = parsed.data;
  const now = ctx.now();
  const user = await ctx.db.transaction().execute(async (trx) => {
    const userId = await nextId(trx, 'user');
    return trx
      .insertInto('treezor_users')
      .values({
        user_id: userId,
        user_type_id: userTypeId,
        firstname,
        lastname,
        email,
        kyc_level: 0,
        kyc_review: KYC_REVIEW.NONE,
        kyc_review_comment: '',
        kyc_status: 'NONE',
        last_request_at: null,
        last_review_at: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return ok(usersEnvelope(user, ctx.clientId));
}

/** GET /v1/users/{userId} */
export async function getUser(ctx: ProviderContext, userId: number): Promise<Reply> {
  return ok(usersEnvelope(await requireUser(ctx.db, userId), ctx.clientId));
}
