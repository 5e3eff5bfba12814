/**
 * A password for the admin CLI: asked for twice without echo at a terminal, or read as the first
 * line of stdin when piped (`printf '%s\n' "$PASSWORD" | npm run admin -- add-user …`), so it
 * never appears in the command line, the shell history or the process list.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export type PasswordInput = NodeJS.ReadableStream & { isTTY?: boolean };

async function firstLine(input: PasswordInput): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n') || text.length > 4096) break;
  }
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}

function askHidden(input: PasswordInput, prompt: { write(text: string): unknown }, question: string) {
  // Keystrokes are not echoed: readline puts the terminal in raw mode and writes to a sink; only
  // the prompt is shown, once raw mode is on.
  const silent = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const reader = createInterface({ input, output: silent, terminal: true });
  prompt.write(question);
  return new Promise<string>((resolve) => {
    reader.question('', (answer) => {
      reader.close();
      prompt.write('\n');
      resolve(answer);
    });
  });
}

/** Returns the password, or undefined if the two typed at a terminal differ. */
export async function readPassword(
  input: PasswordInput,
  prompt: { write(text: string): unknown },
  username: string,
): Promise<string | undefined> {
  if (!input.isTTY) return firstLine(input);
  const first = await askHidden(input, prompt, `Password for ${username}: `);
  const second = await askHidden(input, prompt, 'The same password again: ');
  return first === second ? first : undefined;
}
