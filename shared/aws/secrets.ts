import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { env } from '../platform/resource-env.ts';
import { optionalEnv, requireEnv } from '../platform/config.ts';

/**
 * The key that signs survey codes and salts rate-limit hashes. In AWS it lives in Secrets Manager and
 * is cached for five minutes; the local runtime passes a key it generated and keeps under .local/.
 */
export async function signingKey(): Promise<Buffer> {
  const local = optionalEnv(env.signingKey);
  if (local !== undefined) return Buffer.from(local, 'base64');
  const value = await getSecret(requireEnv(env.signingKeySecretArn), { maxAge: 300 });
  if (typeof value !== 'string' || value.length < 32) throw new Error('The signing key secret is missing or too short');
  return Buffer.from(value, 'utf8');
}
