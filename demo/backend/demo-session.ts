import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const SESSION_COOKIE = 'demo_session';

export interface DemoSessions {
  /** The numeric demo user behind the request's cookie, or null. */
  userOf(req: IncomingMessage): number | null;
  /** Same, creating a user and setting the cookie when the request has none. */
  ensure(req: IncomingMessage, res: ServerResponse): number;
}

/**
 * Stands in for the host's real login: each browser gets its own numeric user id (Treezor user ids
 * are numbers) so that one visitor never lists another's documents.
 */
export function createDemoSessions(firstUserId = 1370854, maxSessions = 100_000): DemoSessions {
  const users = new Map<string, number>();
  let nextUserId = firstUserId;

  const userOf = (req: IncomingMessage): number | null => {
    const id = sessionIdOf(req);
    return (id !== undefined && users.get(id)) || null;
  };

  return {
    userOf,
    ensure(req, res) {
      const existing = userOf(req);
      if (existing !== null) return existing;
      const id = randomBytes(18).toString('base64url');
      const userId = nextUserId++;
      users.set(id, userId);
      // Every cookie-less visit makes a session: past the cap, the oldest are forgotten.
      while (users.size > maxSessions) users.delete(users.keys().next().value!);
      // Lax keeps the cookie off cross-site POSTs; the element's JSON body needs a preflight anyway.
      res.setHeader('set-cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
      return userId;
    },
  };
}

/** The session cookie's value, as sent: a key for rate limits, whether or not it names a session. */
export function sessionIdOf(req: IncomingMessage): string | undefined {
  return readCookie(req.headers.cookie ?? '', SESSION_COOKIE);
}

function readCookie(header: string, name: string): string | undefined {
  for (const pair of header.split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
