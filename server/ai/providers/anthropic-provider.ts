// Anthropic through the official SDK: the Messages API with structured output
// (output_config.format, a JSON Schema built from the service's fields). A
// model or endpoint that refuses output_config gets a forced tool call with
// the same schema instead, remembered per provider instance. The SDK's own
// retries are off (maxRetries: 0).
import Anthropic from '@anthropic-ai/sdk';
import { answerJsonSchema, readAnswer } from '../answer-schema.ts';
import { INSTRUCTIONS, userMessage } from '../prompt.ts';
import { ProviderError, isProviderError, type AiProvider, type ExtractRequest, type TokenUsage } from '../provider.ts';
import { toProviderError } from './sdk-errors.ts';

export interface AnthropicSettings {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  maxOutputTokens?: number;
}

const TOOL = 'fill_quote_fields';
/** A 400 that says structured output is not available here (not a usage limit, not a bad schema). */
const NO_OUTPUT_CONFIG = /output_config|output format|structured output/i;

export function createAnthropicProvider(settings: AnthropicSettings): AiProvider {
  const client = new Anthropic({ apiKey: settings.apiKey, baseURL: settings.baseURL ?? null, maxRetries: 0, timeout: 60_000 });
  const { model } = settings;
  let forcedTool = false;

  const call = async (request: ExtractRequest, signal: AbortSignal, withTool: boolean): Promise<Anthropic.Messages.Message> => {
    const schema = answerJsonSchema(request.fields);
    const base = {
      model,
      max_tokens: settings.maxOutputTokens ?? 600,
      system: INSTRUCTIONS,
      messages: [{ role: 'user' as const, content: userMessage(request.text, request.fields, request.locale) }],
    };
    const params: Anthropic.Messages.MessageCreateParamsNonStreaming = withTool
      ? { ...base, tools: [{ name: TOOL, description: 'Fill in the quote form.', input_schema: { ...schema, type: 'object' } }], tool_choice: { type: 'tool', name: TOOL } }
      : { ...base, output_config: { format: { type: 'json_schema', schema } } };
    return client.messages.create(params, { signal });
  };

  return {
    name: 'anthropic',
    model,
    async extract(request, { signal }) {
      let message: Anthropic.Messages.Message;
      try {
        try {
          message = await call(request, signal, forcedTool);
        } catch (error) {
          const failure = toProviderError(error, 'anthropic');
          if (forcedTool || failure.kind !== 'bad_request' || !NO_OUTPUT_CONFIG.test(JSON.stringify((error as { error?: unknown }).error ?? ''))) throw failure;
          forcedTool = true;
          message = await call(request, signal, true);
        }
      } catch (error) {
        throw isProviderError(error) ? error : toProviderError(error, 'anthropic');
      }
      const usage: TokenUsage = { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens };
      const block = message.content.find((b) => b.type === 'tool_use' || b.type === 'text');
      if (block === undefined) throw new ProviderError('invalid_answer', 'anthropic: no text or tool call in the answer', { usage });
      const raw = block.type === 'tool_use' ? block.input : block.type === 'text' ? block.text : undefined;
      return { ...readAnswer(raw, request.fields, usage), usage };
    },
  };
}
