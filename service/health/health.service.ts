export type DependencyName = 'database' | 'storage' | 'queue';

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: Record<DependencyName, 'up' | 'down'>;
  /** What is down and why, when something is. */
  problems: string[];
}

export type Probe = () => Promise<void>;

/** Asks each dependency in parallel, each within a time limit, so /ready never hangs. */
export class HealthService {
  constructor(
    private readonly probes: Record<DependencyName, Probe>,
    private readonly timeoutMs = 2_000,
  ) {}

  async readiness(): Promise<Readiness> {
    const names = Object.keys(this.probes) as DependencyName[];
    const results = await Promise.all(names.map((name) => this.probe(name)));
    const problems = results.filter((r): r is string => r !== null);
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] === null ? 'up' : 'down'])) as Readiness['checks'];
    return { status: problems.length === 0 ? 'ready' : 'unavailable', checks, problems };
  }

  private async probe(name: DependencyName): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([this.probes[name](), timeout]);
      return null;
    } catch (error) {
      return `${name}: ${(error as Error).message}`;
    } finally {
      clearTimeout(timer);
    }
  }
}
