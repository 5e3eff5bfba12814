import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const ROOT_DIR = fileURLToPath(new URL('../../..', import.meta.url));
