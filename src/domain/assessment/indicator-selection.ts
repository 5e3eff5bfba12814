/**
 * The indicators a practitioner has ticked: the one list shared by a quick check, a draft and a
 * submission, with one cap (the toggle lives in toggle-indicator.ts, which needs no zod).
 */
import { z } from 'zod';
import { idSchema } from '../thresholds/schema.ts';

/** More than any document has; a list longer than this is damaged or hostile. */
export const MAX_INDICATORS = 500;

export const indicatorIdsSchema = z.array(idSchema).max(MAX_INDICATORS);
