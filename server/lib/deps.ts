import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { Database } from '../db/client';

/** What every module's routes receive. */
export type Deps = { db: Database; config: Config };

/** A module's routes: registered under its prefix by app.ts. */
export type RoutesPlugin = (app: FastifyInstance, deps: Deps) => Promise<void>;

export const zodApp = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
