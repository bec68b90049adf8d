import type { Check, Claims, ExtractedField } from '../../worker/domain';
import { emptyState, type PipelineState, type Stage, type StageContext } from '../../worker/pipeline/types';

/** A field as the extract stage writes it. */
export function field(value: string, extra: Partial<ExtractedField> = {}): ExtractedField {
  return { value, confidence: 0.95, source: 'rules', page: 1, ...extra };
}

export interface ContextInput {
  fields?: Record<string, string | ExtractedField>;
  claims?: Claims;
  state?: Partial<PipelineState>;
  filename?: string;
  bytes?: Buffer;
  sha256?: string;
}

/** A stage context as the runner builds it, with a hand-made state from earlier stages. */
export function contextFor(input: ContextInput = {}): StageContext {
  const state = { ...emptyState(), ...input.state };
  for (const [name, value] of Object.entries(input.fields ?? {})) state.fields[name] = typeof value === 'string' ? field(value) : value;
  return {
    document: {
      id: '00000000-0000-4000-8000-000000000001',
      tenant_id: '00000000-0000-4000-8000-000000000002',
      filename: input.filename ?? 'document.pdf',
      content_type: state.file?.mime ?? 'application/pdf',
      size_bytes: input.bytes?.length ?? 0,
      sha256: input.sha256 ?? 'a'.repeat(64),
    },
    task: { id: '00000000-0000-4000-8000-000000000003', kind: 'process' },
    claims: input.claims ?? {},
    bytes: input.bytes ?? Buffer.alloc(0),
    state,
    progress: async () => undefined,
  };
}

export async function runStage(stage: Stage, input: ContextInput = {}): Promise<PipelineState> {
  const ctx = contextFor(input);
  await stage.run(ctx);
  return ctx.state;
}

export function checkOf(state: PipelineState, id: string): Check {
  const found = state.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} among ${state.checks.map((c) => c.id).join(', ')}`);
  return found;
}
