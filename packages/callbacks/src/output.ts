/**
 * Where progress output goes: anything with a `write(text)` method, such as `process.stdout`.
 * `isTTY` true means a terminal, where the bar redraws itself in place with `\r`.
 */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * A stream that prints each complete line with `console.log` (for browsers and other hosts
 * without `process.stdout`); text after the last newline waits for the next write.
 */
export function consoleLineStream(): OutputStream {
  let pending = '';
  return {
    isTTY: false,
    write(text: string): void {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) console.log(line);
    },
  };
}

/**
 * `process.stdout` where the host has one (Node, Deno, Bun), otherwise a {@link consoleLineStream}.
 * Reads `globalThis.process` at call time and imports nothing, so it is safe in browsers.
 */
export function defaultOutputStream(): OutputStream {
  const host = globalThis as { process?: { stdout?: Partial<OutputStream> } };
  const stdout = host.process?.stdout;
  if (stdout && typeof stdout.write === 'function') return stdout as OutputStream;
  return consoleLineStream();
}
