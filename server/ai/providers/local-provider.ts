// The local, deterministic provider behind the same interface: no network,
// no tokens, no cost. It is the embedded default and the last fallback, so it
// sits behind no breaker and always answers.
import { interpretLocally } from '../local-provider.ts';
import type { AiProvider } from '../provider.ts';

export const LOCAL_MODEL = 'rules-v1';

export function createLocalProvider(): AiProvider {
  return {
    name: 'local',
    model: LOCAL_MODEL,
    async extract(request) {
      const result = interpretLocally(request.text, request.fields, request.locale);
      return { ...result, usage: { inputTokens: 0, outputTokens: 0 } };
    },
  };
}
