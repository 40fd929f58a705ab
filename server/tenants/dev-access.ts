// Tenant-file keys for development only (issue #7): a secret key and users
// with a password and a role, so demos and tests can call the admin API and
// sign in. A production start refuses any file that has them
// (load-tenant-files.ts): production keys and people come through the admin API.
import { z } from 'zod';
import { SECRET_KEY_PATTERN } from '../auth/api-keys.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { ROLES } from '../admin/permissions.ts';

const secretKey = z
  .string()
  .regex(SECRET_KEY_PATTERN, 'must be sk_test_ or sk_live_ followed by at least 16 letters, digits or "_"')
  .describe('Development only (refused when NODE_ENV=production): a secret admin-API key of this tenant, sk_test_… or sk_live_…; stored hashed.');

const devUser = z
  .strictObject({
    email: z.email('must be an email address').max(254).transform((email) => email.toLowerCase()).describe('Sign-in email (stored lowercase).'),
    password: z.string().describe('Sign-in password: at least 12 characters and not a common password.'),
    role: z.enum(ROLES).describe('Role in this tenant: owner, admin, editor or viewer.'),
  })
  .superRefine((user, ctx) => {
    const problem = passwordProblem(user.password, user.email);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: ['password'], input: '(hidden)' });
  });

const devUsers = z
  .array(devUser)
  .max(20)
  .superRefine((users, ctx) => {
    const seen = new Map<string, number>();
    users.forEach((user, i) => {
      const earlier = seen.get(user.email);
      if (earlier === undefined) seen.set(user.email, i);
      else ctx.addIssue({ code: 'custom', message: `is the same email as devUsers[${earlier}]`, path: [i, 'email'], input: user.email });
    });
  })
  .describe('Development only (refused when NODE_ENV=production): people who can sign in to this tenant, each with a role.');

/** The keys tenant-file.ts adds to a tenant file. */
export const devAccessShape = {
  secretKey: secretKey.optional(),
  devUsers: devUsers.optional(),
};

/** The keys of a file a production start refuses. */
export const DEV_ONLY_KEYS = ['secretKey', 'devUsers'] as const;
