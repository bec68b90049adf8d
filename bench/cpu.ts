import fs from 'node:fs';
import { cpuUsage } from 'node:process';

/** Milliseconds of CPU (user and system) in a `process.cpuUsage()` or `threadCpuUsage()` reading. */
export const cpuMsOf = ({ user, system }: NodeJS.CpuUsage): number => (user + system) / 1000;

/** CPU milliseconds this process (every thread of it) has used so far. */
export const ownCpuMs = (): number => cpuMsOf(cpuUsage());

/** Clock ticks per second of /proc's CPU times: 100 on every Linux this runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user and system) a process has used so far, from /proc; undefined where there is none. */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command's closing parenthesis start at the state (field 3); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** A thread's name (the process's own thread is `main`) and its CPU seconds so far. */
export interface ThreadTime {
  name: string;
  seconds: number;
}

/** CPU seconds so far of every thread of a process, by thread id. */
export function threadTimes(pid: number | undefined): Map<string, ThreadTime> {
  const threads = new Map<string, ThreadTime>();
  if (pid === undefined) return threads;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const name = task === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(task, { name, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return threads;
}

/** Seconds per thread name: what each kind of thread (the main thread, libuv's pool, V8's workers) used, summed. */
export function byThreadName(threads: Iterable<ThreadTime>): Map<string, number> {
  const byName = new Map<string, number>();
  for (const { name, seconds } of threads) byName.set(name, (byName.get(name) ?? 0) + seconds);
  return byName;
}

/** CPU seconds so far of each kind of thread of a process, by thread name. */
export function threadCpu(pid: number | undefined): Map<string, number> {
  return byThreadName(threadTimes(pid).values());
}

/** CPU time per unit of work, summed over the runs it is told of: robust to a shared machine, where rates are not. */
export class CpuPerRequest {
  private cpuSeconds = 0;
  private requests = 0;

  constructor(private readonly pid: number | undefined) {}

  /** Runs `work` and adds its CPU time and the requests it reports. */
  async measure<T extends { requests: number }>(work: () => Promise<T>): Promise<T> {
    const before = cpuSecondsOf(this.pid);
    const result = await work();
    const after = cpuSecondsOf(this.pid);
    if (before !== undefined && after !== undefined) {
      this.cpuSeconds += after - before;
      this.requests += result.requests;
    }
    return result;
  }

  /** Microseconds of CPU per request over every run measured; null when none could be. */
  microseconds(): number | null {
    return this.requests > 0 ? (this.cpuSeconds * 1e6) / this.requests : null;
  }
}
