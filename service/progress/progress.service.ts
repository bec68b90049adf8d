import type { Response } from 'express';
import type { DocumentRepository, ErrorInfo, StageName, TaskRecord, TaskState } from '../../worker';
import { notFound } from '../http/errors';

export interface ProgressView {
  task_id: string;
  document_id: string;
  state: TaskState;
  stage: StageName | null;
  percent: number;
  updated_at: string;
  error: ErrorInfo | null;
}

const UUID = /^[0-9a-f-]{36}$/i;
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

export interface StreamOptions {
  /** How often the task is read while streaming. */
  pollMs: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
}

/** Where a task has got to, as one answer or as a stream of server-sent events until it ends. */
export class ProgressService {
  constructor(
    private readonly repo: DocumentRepository,
    private readonly options: StreamOptions = { pollMs: 300, heartbeatMs: 15_000 },
  ) {}

  async get(tenantId: string, taskId: string): Promise<ProgressView> {
    const task = UUID.test(taskId) ? await this.repo.findTask(tenantId, taskId) : null;
    if (!task) throw notFound('Task');
    return toView(task);
  }

  /**
   * Streams `progress` events whenever the task changes, and ends after the final one. Reading the
   * database (not memory) means it works whichever process or Lambda runs the task.
   */
  async stream(tenantId: string, taskId: string, res: Response): Promise<ProgressView> {
    let view = await this.get(tenantId, taskId);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    let last = '';
    let lastWrite = Date.now();
    let id = 0;
    while (!closed) {
      const payload = JSON.stringify(view);
      if (payload !== last) {
        res.write(`id: ${++id}\nevent: progress\ndata: ${payload}\n\n`);
        last = payload;
        lastWrite = Date.now();
      } else if (Date.now() - lastWrite >= this.options.heartbeatMs) {
        res.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
      if (isFinal(view.state)) break;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
      const task = await this.repo.findTask(tenantId, taskId);
      if (!task) break;
      view = toView(task);
    }
    res.end();
    return view;
  }
}
