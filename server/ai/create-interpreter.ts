// The interpret endpoint's engine. For now the local, deterministic provider
// answers every request; the AI issue adds OpenAI and Anthropic in front of it
// with routing, breakers and quotas, keeping this signature.
import type { Interpreter } from '../http/routes/widget.ts';
import { interpretLocally } from './local-provider.ts';

export function createInterpreter(): Interpreter {
  return async (tenant, service, text) => {
    const result = interpretLocally(text, service.config.fields, tenant.locale);
    return { fields: result.fields, confidence: result.confidence, missing: result.missing, provider: 'local' };
  };
}
