/** The loader lives with the server, which needs it at start-up; scripts reach it from here. */
export * from '../../server/thresholds/load-documents.ts';
