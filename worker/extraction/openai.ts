import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { DocumentType } from '../domain';
import { FIELD_NAMES, type FieldName } from './fields';
import type { ModelExtractor } from './port';

export interface LlmSettings {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  /** Retries the SDK makes on 429, 5xx and connection errors before giving up. */
  maxRetries?: number;
}

/** Values as the model read them: strings in the document's own words or null when absent. */
export const llmReplySchema = z.object({
  document_type: z.enum(['certificate_of_incorporation', 'vat_registration_certificate', 'bank_statement', 'utility_bill', 'unknown']),
  fields: z.object(
    Object.fromEntries(FIELD_NAMES.map((name) => [name, z.string().nullable()])) as Record<FieldName, z.ZodNullable<z.ZodString>>,
  ),
});

export type LlmReply = z.infer<typeof llmReplySchema>;

export type LlmOutcome = (
  | { ok: true; reply: LlmReply; model: string; /** The reply's text exactly as the model sent it, kept as evidence. */ raw: string }
  | { ok: false; reason: 'refused' | 'malformed' | 'timeout' | 'rate_limited' | 'unauthorized' | 'unavailable'; detail: string }
) & { /** SHA-256 of the messages sent, so evidence names the prompt without storing the document twice. */ prompt_sha256?: string };

/** The model's text budget; the first pages say who the document is about. */
const MAX_PROMPT_CHARS = 12_000;

const INSTRUCTIONS = `You read UK business documents (certificates of incorporation, VAT registration certificates, bank statements, utility bills) for identity checks.
Return the fields as printed in the document, about the business the document is issued to or addressed to, never the issuer (bank, utility supplier, HMRC, Companies House).
Use null for any field the document does not state. Dates as YYYY-MM-DD. statement_period as "YYYY-MM-DD/YYYY-MM-DD". address without the postcode, lines joined by ", ".
document_date is the issue date, the statement end date or the bill date.`;

function promptText(pages: string[]): string {
  const text = pages.map((p, i) => `--- page ${i + 1} ---\n${p}`).join('\n');
  return text.length > MAX_PROMPT_CHARS ? text.slice(0, MAX_PROMPT_CHARS) : text;
}

function failure(error: unknown): LlmOutcome {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { ok: false, reason: 'timeout', detail: error.message };
  if (error instanceof OpenAI.RateLimitError) return { ok: false, reason: 'rate_limited', detail: error.message };
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return { ok: false, reason: 'unauthorized', detail: error.message };
  }
  return { ok: false, reason: 'unavailable', detail: (error as Error)?.message ?? String(error) };
}

/**
 * Asks an OpenAI-compatible chat model for the fields, with a strict JSON schema, and checks the
 * reply against the same schema. Every way it can go wrong is an outcome, never a throw: the
 * rules stand in for the model.
 */
export class LlmExtractor implements ModelExtractor {
  private readonly client: OpenAI;

  constructor(private readonly settings: LlmSettings) {
    this.client = new OpenAI({
      apiKey: settings.apiKey,
      baseURL: settings.baseURL,
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries ?? 1,
    });
  }

  async extract(pages: string[], documentType: DocumentType): Promise<LlmOutcome> {
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: `The rules classified this as: ${documentType}.\n\n${promptText(pages)}` },
    ];
    const prompt_sha256 = createHash('sha256').update(JSON.stringify(messages)).digest('hex');
    return { ...(await this.ask(messages)), prompt_sha256 };
  }

  private async ask(messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[]): Promise<LlmOutcome> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create({
        model: this.settings.model,
        temperature: 0,
        messages,
        response_format: zodResponseFormat(llmReplySchema, 'kyb_document_fields'),
      });
    } catch (error) {
      return failure(error);
    }
    const message = completion.choices[0]?.message;
    if (message?.refusal) return { ok: false, reason: 'refused', detail: message.refusal };
    if (!message?.content)
      return { ok: false, reason: 'malformed', detail: `empty reply (finish_reason ${completion.choices[0]?.finish_reason ?? 'none'})` };
    let json: unknown;
    try {
      json = JSON.parse(message.content);
    } catch {
      return { ok: false, reason: 'malformed', detail: 'reply is not JSON' };
    }
    const parsed = llmReplySchema.safeParse(json);
    if (!parsed.success) return { ok: false, reason: 'malformed', detail: parsed.error.issues[0]?.message ?? 'schema mismatch' };
    return { ok: true, reply: parsed.data, model: completion.model, raw: message.content };
  }
}
