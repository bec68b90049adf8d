import { type DocumentRepository, type ErrorInfo, type StageName, type TaskRecord, type TaskState, isUuid } from '../../worker';
import { ServiceError, notFound } from '../errors';

export interface ProgressView {
  task_id: string;
  document_id: string;
  state: TaskState;
  stage: StageName | null;
  percent: number;
  updated_at: string;
  error: ErrorInfo | null;
}

const isFinal = (state: TaskState) => state === 'completed' || state === 'failed';

function toView(task: TaskRecord): ProgressView {
  return {
    task_id: task.id,
    document_id: task.document_id,
    state: task.state,
    stage: task.stage ?? null,
    percent: task.percent,
    updated_at: task.updated_at.toISOString(),
    error: task.error_code ? { code: task.error_code, message: task.error_message ?? '' } : null,
  };
}

/** Progress streams open in this process, per tenant: each holds a connection and polls the database. */
class OpenStreams {
  private readonly open = new Map<string, number>();

  constructor(private readonly perTenant: number) {}

  /** Counts one more stream for the tenant, or refuses it past the cap; returns the function that counts it out. */
  take(tenantId: string): () => void {
    const count = this.open.get(tenantId) ?? 0;
    if (count >= this.perTenant) {
      throw new ServiceError(
        'too_many',
        'too_many_streams',
        `This tenant already has ${count} progress streams open; close one or read progress without Accept: text/event-stream.`,
      );
    }
    this.open.set(tenantId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(tenantId) ?? 1) - 1;
      if (left > 0) this.open.set(tenantId, left);
      else this.open.delete(tenantId);
    };
  }
}

export interface ProgressOptions {
  /** How often the task is read while followed. */
  pollMs?: number;
  /** Progress streams one tenant may hold open at once in this process. */
  maxStreamsPerTenant?: number;
}

/** Where a task has got to, as one answer or followed until it ends. */
export class ProgressService {
  private readonly pollMs: number;
  private readonly streams: OpenStreams;

  constructor(
    private readonly repo: DocumentRepository,
    options: ProgressOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 300;
    this.streams = new OpenStreams(options.maxStreamsPerTenant ?? Number.POSITIVE_INFINITY);
  }

  async get(tenantId: string, taskId: string): Promise<ProgressView> {
    const task = isUuid(taskId) ? await this.repo.findTask(tenantId, taskId) : null;
    if (!task) throw notFound('Task');
    return toView(task);
  }

  /**
   * The task's progress, read again every poll until it ends: the current view first (a missing task,
   * or one stream more than the tenant may hold, throws before anything is yielded), then each changed view, and `null` for a poll that found no
   * change. Reading the database (not memory) means it works whichever process or Lambda runs the task.
   */
  async *follow(tenantId: string, taskId: string): AsyncGenerator<ProgressView | null> {
    const release = this.streams.take(tenantId);
    try {
      let view = await this.get(tenantId, taskId);
      yield view;
      let last = JSON.stringify(view);
      while (!isFinal(view.state)) {
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
        const task = await this.repo.findTask(tenantId, taskId);
        if (!task) return;
        view = toView(task);
        const payload = JSON.stringify(view);
        yield payload === last ? null : view;
        last = payload;
      }
    } finally {
      release();
    }
  }
}
