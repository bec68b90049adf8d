import type { StageName } from '../domain';
import { PermanentError } from '../errors';
import { metrics } from '../telemetry/metrics';
import { inSpan } from '../telemetry/tracing';
import { emptyState, type PipelineState, type Stage, type StageContext } from './types';

export type ProgressSink = (stage: StageName, percent: number) => Promise<void>;

/** The task ran past its deadline: retrying would run past it again. */
export function processingTimeout(): PermanentError {
  return new PermanentError('processing_timeout', 'Processing took longer than a document is allowed; it was stopped.');
}

/** Runs the stages in order, turning each stage's own progress into one percentage for the task. */
export async function runStages(
  stages: readonly Stage[],
  input: Omit<StageContext, 'state' | 'progress'>,
  onProgress: ProgressSink,
): Promise<PipelineState> {
  const state = emptyState();
  const total = stages.reduce((sum, s) => sum + s.weight, 0) || 1;
  let done = 0;
  for (const stage of stages) {
    if (input.signal?.aborted) throw processingTimeout();
    const before = done;
    const share = stage.weight / total;
    await onProgress(stage.name, (before / total) * 100);
    const started = performance.now();
    await inSpan(`stage ${stage.name}`, { 'kyb.stage': stage.name }, () =>
      stage.run({
        ...input,
        state,
        progress: (fraction) => onProgress(stage.name, (before / total + share * Math.min(1, Math.max(0, fraction))) * 100),
      }),
    );
    metrics().stageDuration(stage.name, performance.now() - started);
    done += stage.weight;
  }
  return state;
}
