// `npm run eval:interpret`: field-level accuracy of each provider path on the
// labelled corpus (test/eval/interpret-corpus.ts).
// - local: the deterministic reader, as the endpoint runs it.
// - openai, anthropic: the official SDKs and our schema/validation. Without
//   keys they talk to the local fakes of the wire formats, whose "model"
//   answers with the local reading, so they measure the pipeline (prompt,
//   SDK, structured output, validation), not a model. With OPENAI_API_KEY /
//   ANTHROPIC_API_KEY set (and no *_BASE_URL), they call the real providers.
// Prints a table, the local reader's mistakes with --verbose, and one JSON line last.
import { interpretLocally, sanitizeVisitorText } from '../../server/ai/local-provider.ts';
import type { AiProvider } from '../../server/ai/provider.ts';
import { createAnthropicProvider } from '../../server/ai/providers/anthropic-provider.ts';
import { createOpenAiProvider } from '../../server/ai/providers/openai-provider.ts';
import { createLocalProvider } from '../../server/ai/providers/local-provider.ts';
import { startFakeLlm, type FakeLlm } from '../../server/ai/testing/fake-llm-server.ts';
import type { EvalService } from './eval-services.ts';
import { CORPUS } from './interpret-corpus.ts';
import { accuracy, corpusServices, emptyScore, scoreOne, type Score } from './score.ts';

const verbose = process.argv.includes('--verbose');
const services = corpusServices();
let current: EvalService | undefined;

/** The fake model: the local reading of the visitor text, as a structured answer. */
const fakeModel = (visitorText: string | null) => {
  const service = current!;
  const reading = interpretLocally(visitorText ?? '', service.fields, service.locale);
  return { answer: { fields: reading.fields, confidence: reading.confidence }, usage: { input: 400, output: 40 } };
};

const fakes: FakeLlm[] = [];
async function remote(wire: 'openai' | 'anthropic'): Promise<{ provider: AiProvider; label: string }> {
  const key = process.env[wire === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY'];
  const model = process.env[wire === 'openai' ? 'EVAL_OPENAI_MODEL' : 'EVAL_ANTHROPIC_MODEL'] ?? (wire === 'openai' ? 'gpt-5-mini' : 'claude-haiku-4-5');
  const make = wire === 'openai' ? createOpenAiProvider : createAnthropicProvider;
  if (key) return { provider: make({ apiKey: key, baseURL: process.env[wire === 'openai' ? 'OPENAI_BASE_URL' : 'ANTHROPIC_BASE_URL'], model }), label: `${wire} ${model} (real)` };
  const fake = await startFakeLlm(wire);
  fake.setDefault((request) => fakeModel(request.visitorText));
  fakes.push(fake);
  return { provider: make({ apiKey: 'fake', baseURL: fake.baseURL, model }), label: `${wire} ${model} (fake wire, local reading)` };
}

const paths: Array<{ name: string; label: string; provider: AiProvider }> = [
  { name: 'local', label: 'local rules-v1', provider: createLocalProvider() },
  { name: 'openai', ...(await remote('openai')) },
  { name: 'anthropic', ...(await remote('anthropic')) },
];

const results: Record<string, Score> = {};
const perService: Record<string, Score> = {};
for (const path of paths) {
  const score = emptyScore();
  for (const item of CORPUS) {
    const service = services.get(item.service);
    if (service === undefined) throw new Error(`the corpus names an unknown service ${item.service}`);
    current = service;
    let answered: Record<string, unknown> = {};
    try {
      const answer = await path.provider.extract({ text: sanitizeVisitorText(item.text), fields: service.fields, locale: service.locale }, { signal: AbortSignal.timeout(30_000) });
      answered = answer.fields;
    } catch (error) {
      if (verbose) console.log(`${path.name}: ${(error as Error).message}`);
    }
    scoreOne(score, item, answered);
    if (path.name === 'local') scoreOne((perService[item.service] ??= emptyScore()), item, answered);
  }
  results[path.name] = score;
}
await Promise.all(fakes.map((fake) => fake.close()));

const pct = (score: Score): string => `${(accuracy(score) * 100).toFixed(1)} %`;
console.log(`Corpus: ${CORPUS.length} descriptions, ${services.size} services\n`);
console.log('| path | fields right / counted | field accuracy | descriptions exactly right |');
console.log('| --- | ---: | ---: | ---: |');
for (const path of paths) {
  const s = results[path.name]!;
  console.log(`| ${path.label} | ${s.right} / ${s.counted} | ${pct(s)} | ${s.exact} / ${s.descriptions} |`);
}
console.log('\nLocal, per service:\n');
console.log('| service | descriptions | field accuracy |');
console.log('| --- | ---: | ---: |');
for (const [service, s] of Object.entries(perService)) console.log(`| ${service} | ${s.descriptions} | ${pct(s)} |`);
if (verbose) {
  console.log('\nLocal mistakes:');
  for (const m of results.local!.mistakes) console.log(`- ${m.text}\n    expected ${JSON.stringify(m.expected)}\n    answered ${JSON.stringify(m.answered)}`);
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(results).map(([name, s]) => [name, Math.round(accuracy(s) * 1000) / 1000]))));
