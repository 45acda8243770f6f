import { numberEnv } from '../platform/config.ts';
import { env } from '../platform/resource-env.ts';

// The rate limit's budgets (shared/intake/rate-limit.ts), set by environment variables. Kept apart from
// the limiter so that the local runtime can set them without importing the SDK clients before it has
// set their environment.

export interface RateLimits {
  /** Well-formed submissions a minute from one address; also its tracking look-ups. */
  readonly perAddress: number;
  /** Well-formed submissions a minute from one device; clients without the page's cookie share one per address. */
  readonly perDevice: number;
  /** Refused bodies (failed validation, unknown or withdrawn codes) a minute from one address. */
  readonly refused: number;
}

// The reasoning behind these figures is in README ("Rate limits").
export const DEFAULT_RATE_LIMITS: RateLimits = { perAddress: 120, perDevice: 10, refused: 30 };

const RATE_LIMIT_ENV: Readonly<Record<keyof RateLimits, string>> = {
  perAddress: env.rateLimitPerMinute,
  perDevice: env.rateLimitDevicePerMinute,
  refused: env.rateLimitRefusedPerMinute,
};

export function rateLimitsFromEnv(): RateLimits {
  const read = (budget: keyof RateLimits) => {
    const value = numberEnv(RATE_LIMIT_ENV[budget], DEFAULT_RATE_LIMITS[budget]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`Environment variable ${RATE_LIMIT_ENV[budget]} must be a whole number of at least 1, got ${value}`);
    return value;
  };
  return { perAddress: read('perAddress'), perDevice: read('perDevice'), refused: read('refused') };
}

/** The environment that sets these budgets, for the local runtime: `every` of them, then any `one by one`. */
export function rateLimitEnv(every: number | undefined, oneByOne: Partial<RateLimits> = {}): Record<string, string> {
  const entries: [string, string][] = [];
  for (const budget of ['perAddress', 'perDevice', 'refused'] as const) {
    const value = oneByOne[budget] ?? every;
    if (value !== undefined) entries.push([RATE_LIMIT_ENV[budget], String(value)]);
  }
  return Object.fromEntries(entries);
}
