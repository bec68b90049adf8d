import type { TaskRecord } from '../persistence/records';
import type { Job } from './port';

/** The message that asks for this task in its current generation. */
export function jobOf(task: Pick<TaskRecord, 'id' | 'document_id' | 'tenant_id' | 'generation'>): Job {
  return { document_id: task.document_id, task_id: task.id, generation: task.generation, tenant_id: task.tenant_id };
}
