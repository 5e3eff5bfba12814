/**
 * Reads a YAML file and remembers where everything in it is, so that a problem found at a data
 * path can be reported as `file:line:col`.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { DataPath } from '../../src/domain/thresholds/problem.ts';

export interface Located {
  file: string;
  line: number;
  col: number;
  message: string;
}

export interface YamlSource {
  file: string;
  data: unknown;
  syntaxProblems: Located[];
  locate(path: DataPath, atKey?: boolean): { line: number; col: number };
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntaxProblems = document.errors.map((error) => ({
    file,
    ...position(error.pos[0]),
    message: `the YAML cannot be read here: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
  }));

  const locate = (path: DataPath, atKey = false) => {
    let node: Node | null | undefined = document.contents;
    let keyNode: Node | undefined;
    for (const part of path) {
      if (isMap(node)) {
        const pair: Pair | undefined = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = (pair.value as Node | null) ?? keyNode;
      } else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
        keyNode = undefined;
        node = node.items[part] as Node;
      } else {
        break;
      }
    }
    const target = atKey && keyNode ? keyNode : node;
    return position(target?.range?.[0] ?? 0);
  };

  return { file, data: syntaxProblems.length ? undefined : document.toJS(), syntaxProblems, locate };
}

export async function readYamlSource(file: string, shownAs = file): Promise<YamlSource> {
  return parseYamlSource(shownAs, await readFile(file, 'utf8'));
}
