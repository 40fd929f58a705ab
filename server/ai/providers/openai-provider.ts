// OpenAI through the official SDK: the Responses API with structured output
// (a strict JSON Schema built from the service's fields). The SDK's own
// retries are off (maxRetries: 0): our retry loop, breaker and router decide.
import OpenAI from 'openai';
import { answerJsonSchema, readAnswer } from '../answer-schema.ts';
import { INSTRUCTIONS, userMessage } from '../prompt.ts';
import { ProviderError, type AiProvider } from '../provider.ts';
import { toProviderError } from './sdk-errors.ts';

export interface OpenAiSettings {
  apiKey: string;
  /** Unset: OpenAI's own API. */
  baseURL?: string | undefined;
  model: string;
  /** Cap on the answer's length; an answer is a few dozen tokens. */
  maxOutputTokens?: number;
}

export function createOpenAiProvider(settings: OpenAiSettings): AiProvider {
  const client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL ?? null, maxRetries: 0, timeout: 60_000 });
  const { model } = settings;
  return {
    name: 'openai',
    model,
    async extract(request, { signal }) {
      let response: OpenAI.Responses.Response;
      try {
        response = await client.responses.create(
          {
            model,
            instructions: INSTRUCTIONS,
            input: [{ role: 'user', content: userMessage(request.text, request.fields, request.locale) }],
            text: { format: { type: 'json_schema', name: 'quote_fields', schema: answerJsonSchema(request.fields), strict: true } },
            max_output_tokens: settings.maxOutputTokens ?? 600,
            store: false,
          },
          { signal },
        );
      } catch (error) {
        throw toProviderError(error, 'openai');
      }
      const usage = { inputTokens: response.usage?.input_tokens ?? 0, outputTokens: response.usage?.output_tokens ?? 0 };
      if (response.status !== undefined && response.status !== 'completed') {
        throw new ProviderError('invalid_answer', `openai: response ${response.status}`, { usage });
      }
      return { ...readAnswer(response.output_text, request.fields, usage), usage };
    },
  };
}
