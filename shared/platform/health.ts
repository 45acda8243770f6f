// Health is a list of probes, each a named check that throws when its part is unreachable.
// Functions probe the AWS resources they need; the local runtime registers probes for its own parts
// (emulators, pollers, scheduler), so one handler answers for both. While the local runtime is still
// starting, its gateway answers with the same report, naming the parts still starting.

export interface HealthProbe {
  readonly name: string;
  readonly check: () => Promise<void>;
}

export interface HealthReport {
  readonly status: 'ok' | 'unavailable' | 'starting';
  readonly checks: Record<string, 'ok' | 'unreachable' | 'starting'>;
  readonly missing?: readonly string[];
}

const registered: HealthProbe[] = [];

/** Adds a probe to every health check in this process; returns how to remove it again. */
export function registerHealthProbe(probe: HealthProbe): () => void {
  registered.push(probe);
  return () => {
    const index = registered.indexOf(probe);
    if (index >= 0) registered.splice(index, 1);
  };
}

const TIMEOUT_MS = 2_000;

async function passes(probe: HealthProbe): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS);
  });
  try {
    await Promise.race([probe.check(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(probes: readonly HealthProbe[]): Promise<HealthReport> {
  const all = [...probes, ...registered];
  const results = await Promise.all(all.map(async (probe) => [probe.name, await passes(probe)] as const));
  const missing = results.filter(([, ok]) => !ok).map(([name]) => name);
  const checks = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'ok' : 'unreachable'] as const));
  return missing.length === 0 ? { status: 'ok', checks } : { status: 'unavailable', checks, missing };
}

/** The report while some parts are still starting: each part is up (true) or not yet. */
export function startingReport(parts: ReadonlyMap<string, boolean>): HealthReport {
  const checks = Object.fromEntries([...parts].map(([name, up]) => [name, up ? 'ok' : 'starting'] as const));
  return { status: 'starting', checks, missing: [...parts].filter(([, up]) => !up).map(([name]) => name) };
}
