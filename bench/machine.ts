import { cpus, totalmem, type } from 'node:os';

/** One line describing where the figures were taken. */
export function describeMachine(): string {
  const cpu = cpus();
  return `${type()} · ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`;
}

/** Runs `step` repeatedly for about `ms` and returns operations per second. */
export async function perSecond(ms: number, step: () => unknown | Promise<unknown>, batch = 1): Promise<number> {
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < ms) {
    await step();
    count += batch;
  }
  return count / ((performance.now() - start) / 1000);
}

export function report(name: string, value: number, unit: string): void {
  console.log(`  ${name.padEnd(58)} ${Math.round(value).toLocaleString('en-US').padStart(12)} ${unit}`);
}
