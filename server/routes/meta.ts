/** Health for load balancers and the API description: neither needs a device token. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DocumentRegistry } from '../documents.ts';
import { openApiDocument } from '../openapi.ts';
import type { OpenDatabase } from '../store/database.ts';

/**
 * Health: 200 `ok`; 200 `degraded` while requests meet a busy database (they answer 503 and the
 * devices retry); 503 `unavailable` when the database cannot be reached or is damaged.
 */
export function registerMetaRoutes(
  app: FastifyInstance,
  database: Pick<OpenDatabase, 'db' | 'monitor'>,
  documents: DocumentRegistry,
) {
  app.get('/api/v1/health', async (request, reply) => {
    const unavailable = () => reply.code(503).send({ status: 'unavailable' });
    if (database.monitor.state === 'damaged') return unavailable();
    try {
      await sql`select 1`.execute(database.db);
    } catch (error) {
      database.monitor.note(error);
      request.log.warn('health check: the database cannot be reached');
      return unavailable();
    }
    return { status: database.monitor.state === 'degraded' ? 'degraded' : 'ok' };
  });

  const description = JSON.stringify(openApiDocument(documents));
  app.get('/api/v1/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(description),
  );
}
