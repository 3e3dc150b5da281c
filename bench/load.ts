import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { promisify } from 'node:util';

export const CONNECTIONS = 32;

export interface LoadResult {
  requests: number;
  perSecond: number;
}

export interface Load {
  /** Which generator measured: `wrk` or the in-process fallback. */
  tool: string;
  /** Loads `url` for `seconds`; every answer must be 2xx. */
  run(url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult>;
}

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((path) => existsSync(path));

/** wrk (one thread, 32 keep-alive connections) when installed: its client costs the server nothing. */
export function loadGenerator(): Load {
  return WRK ? { tool: `wrk -t1 -c${CONNECTIONS}`, run: wrk } : { tool: `node:http loop (${CONNECTIONS} keep-alive, wrk not installed)`, run: nodeLoop };
}

async function wrk(url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]), url];
  const { stdout } = await promisify(execFile)(WRK!, args);
  const failed = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  if (failed) throw new Error(`wrk ${url}: ${failed[0]}\n${stdout}`);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  const requests = /(\d+) requests in/.exec(stdout);
  if (!rate || !requests) throw new Error(`wrk printed no rate:\n${stdout}`);
  return { requests: Number(requests[1]), perSecond: Number(rate[1]) };
}

/** The fallback: node:http with keep-alive from this process (far less client overhead than fetch). */
async function nodeLoop(url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      request(url, { agent, headers }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode! < 300 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
      })
        .on('error', reject)
        .end();
    });
  const started = performance.now();
  const until = started + seconds * 1000;
  let count = 0;
  const connection = async () => {
    while (performance.now() < until) {
      await once();
      count++;
    }
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, connection));
  } finally {
    agent.destroy();
  }
  return { requests: count, perSecond: count / ((performance.now() - started) / 1000) };
}

/** CPU seconds (user + system) process `pid` has used so far, from /proc: the server's own cost, whatever else loads the machine. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), counted from after the command name.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** sysconf(_SC_CLK_TCK): 100 on Linux for every architecture node runs on. */
const CLOCK_TICKS = 100;

/** One request of a counted load. */
export interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Runs exactly `count` calls, `connections` at a time, over keep-alive node:http; every one must answer 200. Calls per second. */
export async function callsPerSecond(base: string, count: number, callAt: (index: number) => Call, connections: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const once = ({ method, path, body, headers = {} }: Call) =>
    new Promise<void>((resolve, reject) => {
      const sent = request(base + path, { agent, method, headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${method} ${path} answered ${response.statusCode}: ${Buffer.concat(chunks)}`))));
      });
      sent.on('error', reject);
      sent.end(body);
    });
  let next = 0;
  const start = performance.now();
  try {
    await Promise.all(Array.from({ length: connections }, async () => {
      while (next < count) await once(callAt(next++));
    }));
  } finally {
    agent.destroy();
  }
  return count / ((performance.now() - start) / 1000);
}
