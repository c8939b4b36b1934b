// What a deployment needs before anyone can sign in: Convex Auth's RS256 key pair in its own
// format (JWT_PRIVATE_KEY: PKCS#8 PEM with its newlines as spaces; JWKS: the public key as
// {"keys":[{"use":"sig",...}]}) and the one-time code that creates the first administrator.
// Made here for the launcher (local backend) and `kafkasder keys` (a hosted one) alike.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { GENERATED_SETUP_CODE_LENGTH, setupCodeFromBytes } from '../../../shared/domain/setupCode';

export interface DeploymentSecrets {
  JWT_PRIVATE_KEY: string;
  JWKS: string;
  KAFKASDER_SETUP_CODE: string;
}

export function generateSecrets(): DeploymentSecrets {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    JWT_PRIVATE_KEY: pem.trimEnd().replace(/\n/g, ' '),
    JWKS: JSON.stringify({ keys: [{ use: 'sig', ...jwk }] }),
    KAFKASDER_SETUP_CODE: newSetupCode(),
  };
}

export function newSetupCode(): string {
  return setupCodeFromBytes(randomBytes(GENERATED_SETUP_CODE_LENGTH));
}

/**
 * The secrets as a .env file for `npx convex env set --from-file FILE` (the CLI parses it with
 * dotenv). Single quotes keep the PEM's spaces and the JSON's double quotes as they are; none of
 * the values can hold a single quote, a newline or a `#` outside quotes.
 */
export function deploymentEnvFile(secrets: DeploymentSecrets): string {
  const lines = Object.entries(secrets).map(([name, value]) => {
    if (/['\n\r]/.test(value)) throw new Error(`${name} cannot be written to a .env file as is`);
    return `${name}='${value}'`;
  });
  return [
    '# Kafkasder Panel: sign-in keys (Convex Auth) and the first administrator’s one-time setup code.',
    '# Set them on the deployment with `npx convex env set --from-file <this file>`, then delete this file.',
    ...lines,
    '',
  ].join('\n');
}
