import { type DocumentRepository, type ErrorInfo, type StageName, type TaskRecord, type TaskState, isUuid } from '../../worker';
import { notFound } from '../errors';

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

/** Where a task has got to, as one answer or followed until it ends. */
export class ProgressService {
  constructor(
    private readonly repo: DocumentRepository,
    /** How often the task is read while followed. */
    private readonly pollMs = 300,
  ) {}

  async get(tenantId: string, taskId: string): Promise<ProgressView> {
    const task = isUuid(taskId) ? await this.repo.findTask(tenantId, taskId) : null;
    if (!task) throw notFound('Task');
    return toView(task);
  }

  /**
   * The task's progress, read again every poll until it ends: the current view first (a missing task
   * throws before anything is yielded), then each changed view, and `null` for a poll that found no
   * change. Reading the database (not memory) means it works whichever process or Lambda runs the task.
   */
  async *follow(tenantId: string, taskId: string): AsyncGenerator<ProgressView | null> {
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
  }
}
