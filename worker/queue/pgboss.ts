import { PgBoss, type Db } from 'pg-boss';
import type { Logger } from '../logger';
import type { Delivery, Job, JobHandler, JobQueue } from './port';

export interface PgBossQueueOptions {
  /** A database of its own, or statements on the application's pool (whose logins follow rotation). */
  connection: { connectionString: string } | { db: Db };
  queueName?: string;
  maxAttempts: number;
  /** How long a job may run before pg-boss hands it out again. */
  expireInSeconds: number;
  pollingIntervalSeconds?: number;
  log: Logger;
}

/** The local queue: Postgres-backed, with retries and a dead-letter queue, so nothing else needs to run. */
export class PgBossQueue implements JobQueue {
  readonly kind = 'local' as const;
  private readonly boss: PgBoss;
  private readonly name: string;
  private readonly deadLetter: string;
  private started?: Promise<void>;
  /** This process's workers: woken on send, so a job made here starts at once rather than at the next poll. */
  private readonly workerIds: string[] = [];

  constructor(private readonly options: PgBossQueueOptions) {
    this.name = options.queueName ?? 'documents';
    this.deadLetter = `${this.name}-dead-letter`;
    this.boss = new PgBoss({ ...options.connection, max: 4, schedule: false });
    this.boss.on('error', (error) => options.log.error({ err: error }, 'queue error'));
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      await this.boss.createQueue(this.deadLetter);
      await this.boss.createQueue(this.name, {
        retryLimit: this.options.maxAttempts - 1,
        retryDelay: 2,
        retryBackoff: true,
        expireInSeconds: this.options.expireInSeconds,
        deadLetter: this.deadLetter,
      });
    })();
    return this.started;
  }

  async send(job: Job): Promise<void> {
    await this.start();
    const id = await this.boss.send(this.name, job);
    if (!id) throw new Error('The queue did not accept the job');
    for (const workerId of this.workerIds) this.boss.notifyWorker(workerId);
  }

  async consume(handler: JobHandler, options: { concurrency: number }): Promise<void> {
    await this.start();
    const maxAttempts = this.options.maxAttempts;
    // One job at a time per worker, so concurrency is the number of workers.
    for (let i = 0; i < options.concurrency; i++) {
      const workerId = await this.boss.work<Job>(
        this.name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5 },
        async ([job]) => {
          if (!job) return;
          const delivery: Delivery = { attempt: job.retryCount + 1, maxAttempts };
          await handler(job.data, delivery);
        },
      );
      this.workerIds.push(workerId);
    }
  }

  /** Jobs that used up their attempts, for operators and tests. */
  async deadLetters(): Promise<Job[]> {
    await this.start();
    const jobs = await this.boss.fetch<Job>(this.deadLetter, { batchSize: 100 });
    return (jobs ?? []).map((j) => j.data);
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
