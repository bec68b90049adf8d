import { hash } from 'node:crypto';
import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
import { PgBoss, type Db } from 'pg-boss';
import type { Logger } from '../logger';
import { errorFields } from '../logger/error-fields';
import type { SqlInsert, SqlTransaction } from '../persistence/port';
import type { Delivery, Job, JobHandler, JobQueue } from './port';

export interface PgBossQueueOptions {
  /** A database of its own, or statements on the application's pool (whose logins follow rotation). */
  connection: { connectionString: string } | { db: Db };
  queueName?: string;
  maxAttempts: number;
  /** How long a job may run before pg-boss hands it out again. */
  expireInSeconds: number;
  /** Jobs of one tenant running at once in this process: the rest of its workers stay free for other tenants. */
  tenantConcurrency?: number;
  pollingIntervalSeconds?: number;
  /** Whether pg-boss makes its own spans and metrics: only when traces are exported, as they cost every send and fetch. */
  telemetry?: boolean;
  log: Logger;
}

/** Jobs sent without a tenant share one group, so they are limited together rather than not at all. */
const NO_TENANT = 'no-tenant';

/** The local queue: Postgres-backed, with retries and a dead-letter queue, so nothing else needs to run. */
export class PgBossQueue implements JobQueue {
  readonly kind = 'local' as const;
  private readonly boss: PgBoss;
  private readonly name: string;
  private readonly deadLetter: string;
  private started?: Promise<void>;
  /** This process's workers: woken on send, so a job made here starts at once rather than at the next poll. */
  private readonly workerIds: string[] = [];
  private readonly settle;
  private insertText = '';
  private insertName = '';

  constructor(private readonly options: PgBossQueueOptions) {
    this.name = options.queueName ?? 'documents';
    this.deadLetter = `${this.name}-dead-letter`;
    this.boss = new PgBoss({ ...options.connection, max: 4, schedule: false, openTelemetry: { enabled: options.telemetry === true } });
    // pg-boss's errors may carry the pg client (and with it the connection string): log what they say, not what they hold.
    this.boss.on('error', (error) => options.log.error({ err: errorFields(error) }, 'queue error'));
    // About half a minute of attempts: within the 30 s a graceful stop gives a running job.
    this.settle = retry(handleAll, { maxAttempts: 7, backoff: new ExponentialBackoff({ initialDelay: 250, maxDelay: 8_000 }) });
  }

  /** The queue's settings as configured now: createQueue leaves an existing queue as it was, so they are applied after. */
  private settings() {
    return {
      retryLimit: this.options.maxAttempts - 1,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds,
    };
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      await this.boss.createQueue(this.deadLetter);
      await this.boss.createQueue(this.name, { ...this.settings(), deadLetter: this.deadLetter });
      await this.boss.updateQueue(this.name, { ...this.settings(), deadLetter: this.deadLetter });
    })();
    return this.started;
  }

  async send(job: Job): Promise<void> {
    await this.start();
    const id = await this.boss.send(this.name, job, { group: this.groupOf(job) });
    if (!id) throw new Error('The queue did not accept the job');
    this.wakeWorkers();
  }

  /**
   * The job rows join the caller's transaction in one statement; this process's workers are woken
   * once that commits. Woken before, they would look, find nothing yet, and wait out a whole poll.
   */
  async sendWithin(jobs: readonly Job[], transaction: SqlTransaction): Promise<void> {
    await this.start();
    const ids = await this.boss.insert(
      this.name,
      jobs.map((job) => ({ data: job, group: this.groupOf(job) })),
      { db: { executeSql: (text, values) => transaction.executeSql(text, values, this.insertStatement(text)) }, returnId: true },
    );
    if (ids?.length !== jobs.length) throw new Error('The queue did not accept every job');
    transaction.afterCommit(() => this.wakeWorkers());
  }

  /**
   * pg-boss's own insert of these jobs (its payload, its SQL for this queue), taken rather than run, for
   * the caller's statement to hold: pg-boss builds it and hands it to the `db` given, which keeps it.
   */
  async insertOf(jobs: readonly Job[]): Promise<SqlInsert> {
    await this.start();
    let taken: { text: string; values: unknown[] } | undefined;
    await this.boss.insert(
      this.name,
      jobs.map((job) => ({ data: job, group: this.groupOf(job) })),
      {
        db: {
          executeSql: async (text, values = []) => {
            taken = { text, values };
            return { rows: [] };
          },
        },
        returnId: true,
      },
    );
    if (!taken || !/^\s*INSERT\b/i.test(taken.text)) throw new Error("pg-boss's insert of jobs is no longer a single INSERT");
    return { ...taken, rows: jobs.length, committed: () => this.wakeWorkers() };
  }

  /** pg-boss's insert of this queue is one fixed text: prepared under a name of that text, it is parsed and planned once per connection. */
  private insertStatement(text: string): string {
    if (this.insertText !== text) {
      this.insertText = text;
      this.insertName = `pgboss_insert_${hash('sha1', text)}`;
    }
    return this.insertName;
  }

  private groupOf(job: Job): { id: string } {
    return { id: job.tenant_id ?? NO_TENANT };
  }

  private wakeWorkers(): void {
    for (const workerId of this.workerIds) this.boss.notifyWorker(workerId);
  }

  async consume(handler: JobHandler, options: { concurrency: number }): Promise<void> {
    await this.start();
    const maxAttempts = this.options.maxAttempts;
    const tenantConcurrency = Math.min(options.concurrency, this.options.tenantConcurrency ?? Math.max(1, options.concurrency - 1));
    // One job at a time per worker, `concurrency` workers.
    const workerId = await this.boss.work<Job>(
      this.name,
      {
        batchSize: 1,
        includeMetadata: true,
        localConcurrency: options.concurrency,
        // Counted in this process: the database's count (groupConcurrency) lets two workers that fetch at
        // the same moment both take a tenant's last slot, and they do, in step, job after job.
        localGroupConcurrency: tenantConcurrency,
        pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5,
      },
      async ([job]) => {
        if (!job) return;
        const delivery: Delivery = { attempt: job.retryCount + 1, maxAttempts };
        await this.run(handler, job, delivery);
      },
    );
    this.workerIds.push(workerId);
  }

  /**
   * Runs the handler and settles the job itself, retrying the settle while the database is away, so a
   * finished job is recorded as finished once it returns (pg-boss's own settle after this one finds
   * nothing left to do). A job that cannot be settled even so expires and comes back, and its task's
   * claim then acknowledges it without doing the work again.
   */
  private async run(handler: JobHandler, job: { id: string; retryCount: number; data: Job }, delivery: Delivery): Promise<void> {
    const attempt = { id: job.id, retryCount: job.retryCount };
    let failure: unknown;
    try {
      await handler(job.data, delivery);
    } catch (error) {
      failure = error;
    }
    try {
      await this.settle.execute(() =>
        failure === undefined
          ? this.boss.complete(this.name, attempt)
          : this.boss.fail(this.name, attempt, { message: (failure as Error)?.message ?? String(failure) }),
      );
    } catch (error) {
      this.options.log.error({ err: errorFields(error), job_id: job.id }, 'could not settle a job; it will expire and come back');
    }
  }

  /** Jobs that used up their attempts, for operators and tests. */
  async deadLetters(): Promise<Job[]> {
    await this.start();
    const jobs = await this.boss.fetch<Job>(this.deadLetter, { batchSize: 100 });
    return (jobs ?? []).map((j) => j.data);
  }

  /** The queue's settings as pg-boss holds them, for operators and tests. */
  async queueSettings(): Promise<{ retryLimit?: number; expireInSeconds?: number } | null> {
    await this.start();
    return this.boss.getQueue(this.name);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, timeout: 30_000 });
  }

  async ping(): Promise<void> {
    await this.start();
    await this.boss.getQueue(this.name);
  }
}
