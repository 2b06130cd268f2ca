import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { migrate } from '../../src/server/db/migrate.js';
import { DEMO_SCHEMA, type DemoTables } from './demo-tables.js';

export const SESSION_COOKIE = 'demo_session';
export const REVIEWER_COOKIE = 'demo_reviewer';

/** Where a session cookie is read from: a node:http request, or a web-standard one. */
export type CookieSource = IncomingMessage | Request;

export interface Applicant {
  /** The applicant's user at the provider (Treezor user ids are numbers; kept as text). */
  userId: string;
  name: string;
}

export interface DemoSessions {
  /** The applicant behind the request's cookie, or null. */
  applicantOf(req: CookieSource): Promise<Applicant | null>;
  /** Same, signing a new applicant up (a user at the provider) when the request has no session. */
  ensureApplicant(req: IncomingMessage, res: ServerResponse): Promise<Applicant>;
  /** The reviewer behind the request's reviewer cookie, or null. */
  reviewerOf(req: CookieSource): Promise<{ name: string } | null>;
  signInReviewer(res: ServerResponse, name: string): Promise<void>;
  signOutReviewer(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Applicants' names, for the back office's queue. */
  applicantNames(userIds: readonly string[]): Promise<Map<string, string>>;
}

// Names with accents and a ligature on purpose: the provider's signed webhooks carry them.
const NAMES: ReadonlyArray<[string, string]> = [
  ['Hélène', 'Dupont'],
  ['Zoë', 'Ødegaard'],
  ['Jürgen', 'Müller'],
  ['Alex', 'Oak'],
  ['Chloé', 'Lefèvre'],
  ['Øyvind', 'Bæk'],
];

/**
 * Stands in for the host's real login, kept in the database so a restart signs nobody out. Each
 * browser is its own applicant (a user at the provider, created on the first visit); reviewers sign
 * in separately, under another cookie, so an applicant's session never opens the back office.
 */
export async function createDemoSessions(database: SqlDatabase, createApplicant: (name: { firstname: string; lastname: string }) => Promise<string>, now: () => number = Date.now): Promise<DemoSessions> {
  await migrate(database, 'demo', DEMO_SCHEMA);
  const db = database.db.withTables<DemoTables>();
  let signUps = 0;

  async function sessionOf(req: CookieSource, cookie: string, role: DemoTables['demo_sessions']['role']) {
    const token = readCookie(cookieHeader(req), cookie);
    if (!token) return undefined;
    return db.selectFrom('demo_sessions').selectAll().where('token_hash', '=', hash(token)).where('role', '=', role).executeTakeFirst();
  }

  async function open(res: ServerResponse, cookie: string, row: Omit<DemoTables['demo_sessions'], 'token_hash' | 'created_at'>, sameSite: 'Lax' | 'Strict') {
    const token = randomBytes(18).toString('base64url');
    await db.insertInto('demo_sessions').values({ token_hash: hash(token), created_at: now(), ...row }).execute();
    // Lax keeps the applicant's cookie off cross-site POSTs (the element's JSON body needs a
    // preflight anyway); Strict for the back office, which no other site links into.
    res.appendHeader('set-cookie', `${cookie}=${token}; Path=/; HttpOnly; SameSite=${sameSite}`);
  }

  const applicantOf = async (req: CookieSource): Promise<Applicant | null> => {
    const row = await sessionOf(req, SESSION_COOKIE, 'applicant');
    return row?.user_id ? { userId: row.user_id, name: row.name } : null;
  };

  return {
    applicantOf,
    async ensureApplicant(req, res) {
      const existing = await applicantOf(req);
      if (existing) return existing;
      const [firstname, lastname] = NAMES[signUps++ % NAMES.length]!;
      const userId = await createApplicant({ firstname, lastname });
      const name = `${firstname} ${lastname}`;
      await open(res, SESSION_COOKIE, { role: 'applicant', user_id: userId, name }, 'Lax');
      return { userId, name };
    },
    async reviewerOf(req) {
      const row = await sessionOf(req, REVIEWER_COOKIE, 'reviewer');
      return row ? { name: row.name } : null;
    },
    async signInReviewer(res, name) {
      await open(res, REVIEWER_COOKIE, { role: 'reviewer', user_id: null, name }, 'Strict');
    },
    async signOutReviewer(req, res) {
      const token = readCookie(cookieHeader(req), REVIEWER_COOKIE);
      if (token) await db.deleteFrom('demo_sessions').where('token_hash', '=', hash(token)).execute();
      res.appendHeader('set-cookie', `${REVIEWER_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    },
    async applicantNames(userIds) {
      if (userIds.length === 0) return new Map();
      const rows = await db.selectFrom('demo_sessions').select(['user_id', 'name']).where('role', '=', 'applicant').where('user_id', 'in', [...userIds]).execute();
      return new Map(rows.map((row) => [row.user_id!, row.name]));
    },
  };
}

/** The session cookie's value, as sent: a key for rate limits, whether or not it names a session. */
export function sessionIdOf(req: CookieSource): string | undefined {
  return readCookie(cookieHeader(req), SESSION_COOKIE);
}

function cookieHeader(req: CookieSource): string {
  return (req instanceof Request ? req.headers.get('cookie') : req.headers.cookie) ?? '';
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function readCookie(header: string, name: string): string | undefined {
  for (const pair of header.split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
