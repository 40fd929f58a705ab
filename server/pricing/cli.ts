// `npm run --silent price -- --tenant FILE --service KEY --fields '{"rooms":2}' [--code CODE] [--date YYYY-MM-DD]`
// Prices one service of a tenant file and prints the result as one JSON line
// (exit 0), or `{"error":{…}}` (exit 1).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError, isAppError } from '../errors.ts';
import { localDate } from '../time.ts';
import { loadService } from './compile-service.ts';
import { UnknownServiceError } from './errors.ts';

const USAGE = 'usage: npm run --silent price -- --tenant FILE --service KEY [--fields JSON] [--code CODE] [--date YYYY-MM-DD]';

class InvalidRequestError extends AppError {
  override name = 'InvalidRequestError';
  constructor(message: string) {
    super(400, 'invalid_request', message);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

async function run(argv: string[]): Promise<unknown> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { tenant: { type: 'string' }, service: { type: 'string' }, fields: { type: 'string' }, code: { type: 'string' }, date: { type: 'string' } },
    }).values;
  } catch (error) {
    throw new InvalidRequestError(`${(error as Error).message}; ${USAGE}`);
  }
  if (!args.tenant || !args.service) throw new InvalidRequestError(`--tenant and --service are required; ${USAGE}`);
  if (args.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.date)) throw new InvalidRequestError('--date must look like 2027-06-30');

  let text: string;
  try {
    text = await readFile(args.tenant, 'utf8');
  } catch (error) {
    throw new InvalidRequestError(`cannot read tenant file ${args.tenant}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const tenant = parseJson(text, `tenant file ${args.tenant}`) as { services?: unknown; timezone?: unknown };
  if (tenant === null || typeof tenant !== 'object' || !Array.isArray(tenant.services)) {
    throw new InvalidRequestError(`tenant file ${args.tenant} has no "services" list`);
  }
  const index = tenant.services.findIndex((s: unknown) => (s as { key?: unknown } | null)?.key === args.service);
  if (index === -1) throw new UnknownServiceError(args.service);

  const service = loadService(tenant.services[index], 1, `services[${index}]`);
  const fields = args.fields === undefined ? {} : parseJson(args.fields, '--fields');
  const today = args.date ?? localDate(typeof tenant.timezone === 'string' ? tenant.timezone : undefined);
  return service.price(fields, { discountCode: args.code, today });
}

try {
  process.stdout.write(`${JSON.stringify(await run(process.argv.slice(2)))}\n`);
} catch (error) {
  const wire = isAppError(error) && error.expose ? error.toJSON() : { error: { code: 'server_error', message: String(error) } };
  process.stdout.write(`${JSON.stringify(wire)}\n`);
  process.exitCode = 1;
}
