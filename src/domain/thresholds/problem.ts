/**
 * A problem found in a rules file, before it is given a line and column. `path` is the route
 * through the file's data (e.g. `["subDomains", 0, "indicators", 3, "level"]`); the loader turns
 * it into `file:line:col` for the writing group.
 */
import type { z } from 'zod';

export type DataPath = readonly (string | number)[];

export interface SourceProblem {
  file: string;
  path: DataPath;
  message: string;
  /** Point at the field's name rather than its value (used for unknown or duplicate fields). */
  atKey?: boolean;
}

const MAX_SHOWN_INPUT = 40;

function showInput(input: unknown): string | undefined {
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (typeof input === 'string') {
    const shown = input.length > MAX_SHOWN_INPUT ? `${input.slice(0, MAX_SHOWN_INPUT)}…` : input;
    return JSON.stringify(shown);
  }
  if (input === null) return 'nothing';
  if (Array.isArray(input)) return input.length ? 'a list' : 'an empty list';
  if (typeof input === 'object') return 'a group of fields';
  return undefined;
}

function fieldName(path: DataPath): string {
  const last = path.at(-1);
  if (typeof last === 'string') return last;
  const parent = path.at(-2);
  return typeof parent === 'string' ? `each item in ${parent}` : 'this value';
}

/**
 * Turns zod's issues into sentences a non-programmer can act on: the schema's own message where
 * it has one, "x is missing" for absent fields, and what was found.
 */
export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): SourceProblem[] {
  return issues.flatMap((issue): SourceProblem[] => {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file,
        path: [...path, key],
        message: `"${key}" is not a field here: check its spelling and indentation`,
        atKey: true,
      }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return [{ file, path, message: `${fieldName(path)} is missing`, atKey: true }];
    }
    const found = showInput(issue.input);
    const message = issue.message.startsWith('Invalid input') || issue.message.startsWith('Too ')
      ? `${fieldName(path)}: ${issue.message.toLowerCase()}`
      : issue.message;
    return [{ file, path, message: found === undefined ? message : `${message} (found ${found})` }];
  });
}
