declare module 'virtual:thresholds' {
  /** The documents this build of the app ships, without their indicators. */
  export const catalogue: readonly import('../domain/thresholds/catalogue.ts').DocumentSummary[];
  /** Loads one compiled, validated document (a separate chunk, precached with the app). */
  export function loadDocument(id: string): Promise<import('../domain/thresholds/schema.ts').ThresholdsDocument>;
}
