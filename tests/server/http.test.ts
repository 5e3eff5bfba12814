import type { LightMyRequestResponse } from 'fastify';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/domain/engine/assess.ts';
import { submissionSchema } from '../../src/domain/sync/submission-schema.ts';
import { exampleSubmission } from '../../server/openapi-example.ts';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers.ts';
import {
  createTestDatabase,
  DATABASE_KINDS,
  fakeStaticDir,
  startTestApp,
  testDocuments,
  type TestApp,
  type TestDatabase,
} from './support/harness.ts';

function expectSecurityHeaders(response: LightMyRequestResponse) {
  expect(response.headers).toMatchObject({
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
}

describe('the strict content security policy', () => {
  it.each([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ])('includes %s', (directive) => {
    expect(CONTENT_SECURITY_POLICY.split(';')).toContain(directive);
  });

  it('allows nothing inline and nothing from elsewhere, and no eval but WebAssembly from this origin', () => {
    expect(CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-|\*|https?:/);
  });
});

describe.each(DATABASE_KINDS)('the app and the API served together on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = fakeStaticDir();
    testDatabase = await createTestDatabase(kind);
    server = await startTestApp(testDatabase, { staticDir });
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
    rmSync(staticDir, { recursive: true, force: true });
  });
  const get = (url: string, method: 'GET' | 'HEAD' | 'POST' = 'GET') => server.app.inject({ method, url });

  it('serves index.html at / and never lets it be cached without revalidation', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(response);
  });

  it('serves the service worker with no-cache, so updates are seen at once', async () => {
    const response = await get('/sw.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(response);
  });

  it('lets hashed assets be cached for a year', async () => {
    const response = await get('/assets/index-Abc123.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(response);
  });

  it('answers app routes with index.html, so deep links work offline and online', async () => {
    const response = await get('/drafts/8e2f6a41-5c3d-4b7e-a9f0-1d2c3b4a5e6f');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(response);
  });

  it('answers a missing asset with 404, never with index.html', async () => {
    for (const url of ['/assets/index-Old999.js', '/missing.png']) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('<div id="root">');
      expectSecurityHeaders(response);
    }
  });

  it('answers unknown API addresses with a JSON 404, never the app', async () => {
    const response = await get('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not-found' });
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response);
  });

  it('answers the health check for load balancers', async () => {
    const response = await get('/api/v1/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response);
  });

  it('sends the security headers and no-store on API errors too', async () => {
    const response = await server.submit('nope', {});
    expect(response.statusCode).toBe(401);
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response);
  });

  it('gives each response a request id, keeping a well-formed one from the load balancer', async () => {
    const fromBalancer = await server.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'lb-4f2a9c1d' },
    });
    expect(fromBalancer.headers['x-request-id']).toBe('lb-4f2a9c1d');
    const injected = await server.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'bad\nid "injected"' },
    });
    expect(injected.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the API description', () => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('sqlite');
    server = await startTestApp(testDatabase);
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  async function description() {
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response);
    return response.json();
  }

  it('is OpenAPI 3.1 with the submission, receipt, problem and enrolment schemas', async () => {
    const document = await description();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'Enrolment',
      'EnrolmentRequest',
      'Problem',
      'Receipt',
      'Submission',
      'SubmissionStatus',
    ]);
    expect(document.paths['/api/v1/submissions/{id}'].get.responses['404']).toBeDefined();
    expect(document.components.schemas.Submission).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['draftId', 'documentId', 'documentVersion', 'practitionerLevel']),
    });
    const post = document.paths['/api/v1/submissions'].post;
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '401', '409', '413', '415', '422', '429', '500']);
    expect(post.parameters[0]).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: true });
  });

  it('carries an example submission that the schema accepts and the engine can assess', async () => {
    const document = await description();
    const example = document.paths['/api/v1/submissions'].post.requestBody.content['application/json'].example;
    expect(example).toEqual(exampleSubmission);
    const submission = submissionSchema.parse(example);
    const pinned = (await testDocuments()).get(submission.documentId, submission.documentVersion);
    if (!pinned) throw new Error(`the example pins ${submission.documentId} ${submission.documentVersion}, not found`);
    const result = assess(pinned, { ageBand: submission.concern.ageBand, indicators: submission.indicators });
    expect(result.suggestedLevel).toBe(submission.suggestedLevel);
  });

  it('accepts its own example through the API', async () => {
    const { token } = await server.enrol();
    const response = await server.submit(token, exampleSubmission);
    expect(response.statusCode).toBe(201);
  });
});
