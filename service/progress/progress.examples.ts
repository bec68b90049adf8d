import type { ProgressView } from './progress.service';

/** The example the spec shows for a task's progress: half way, checking the registries. */
export const progressExample: ProgressView = {
  task_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
  document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
  state: 'running',
  stage: 'registries',
  percent: 70,
  updated_at: '2026-11-30T09:41:10.902Z',
  error: null,
};
