import { resolve } from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /**
   * SQLite file. Relative paths resolve against the process cwd: `npm start` runs from the
   * repo root, so the default is <repo>/data/starboard.db; the E2E harness passes an absolute path.
   */
  STARBOARD_DB: z
    .string()
    .min(1)
    .default("./data/starboard.db")
    .transform((p) => (p === ":memory:" ? p : resolve(process.cwd(), p))),
  /**
   * Optional: `postgres://…` runs on PostgreSQL instead of the SQLite file (STARBOARD_DB is
   * then ignored). Several web processes may share it behind a load balancer.
   */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Optional: when set, the session cookie is also HMAC-signed (ids are already 256-bit random). */
  SESSION_SECRET: z.string().min(16).optional(),
  /** Force the Secure `__Host-` session cookie even when the request looks like plain HTTP. */
  STARBOARD_COOKIE_SECURE: booleanFlag,
  /** Behind a TLS-terminating proxy: trust `X-Forwarded-Proto: https` to mean HTTPS. */
  STARBOARD_TRUST_PROXY: booleanFlag,
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The process environment, parsed and validated once. Throws a readable error when invalid. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
