import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** One line describing the machine: cores, CPU model, Node version, load average. */
export function describeMachine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1]!.trim();
  } catch {
    // not Linux: keep os.cpus()'s model
  }
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  return `nproc ${cpus().length}, ${model}, Node ${process.version}, load average ${load}`;
}
