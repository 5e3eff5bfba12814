/** Health for load balancers and the API description: neither needs a device token. */
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DocumentRegistry } from '../documents.ts';
import { openApiDocument } from '../openapi.ts';
import type { Tables } from '../store/schema.ts';

export function registerMetaRoutes(app: FastifyInstance, db: Kysely<Tables>, documents: DocumentRegistry) {
  app.get('/api/v1/health', async (request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ok' };
    } catch {
      request.log.warn('health check: the database cannot be reached');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  const description = JSON.stringify(openApiDocument(documents));
  app.get('/api/v1/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(description),
  );
}
