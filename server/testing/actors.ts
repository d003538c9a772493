import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../db/seed/demo.seed';
import type { Database } from '../db/client';
import type { Actor } from '../lib/actor';
import { login, resolveSession } from '../modules/auth/auth.service';
import { testConfig } from './app';

/** The actor of every demo account, as a request would see it (for policy tests). */
export async function demoActors(db: Database): Promise<Actor[]> {
  const settings = testConfig();
  const ctx = { ip: null, requestId: null };
  const actors: Actor[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const { token } = await login({ db, settings, username: a.username, password: DEMO_PASSWORD, ctx });
    const s = await resolveSession({ db, settings, token, ctx });
    if (!s || s === 'expired') throw new Error(`no session for ${a.username}`);
    actors.push(s.actor);
  }
  return actors;
}
