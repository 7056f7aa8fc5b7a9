import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Local account passwords (decision 11), as the NCSC advises: long enough, not one of the
 * passwords people commonly choose, and no composition rules. Stored as argon2id.
 */

export const MIN_PASSWORD_LENGTH = 12;
/** Longer than any passphrase a person types; bounds the hashing work a request can ask for. */
export const MAX_PASSWORD_LENGTH = 256;

// About 49,000 passwords seen most often in breaches, lower case.
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    (dictionary['passwords-common'] as readonly string[]).map((p) => p.toLowerCase()),
  );
  return common;
}

/** Why a password may not be used, or null when it may. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters long (a few words together make a good one)`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'is one of the most commonly used passwords';
  if (new Set(lower).size <= 2) return 'repeats one or two characters';
  const email = context.email?.toLowerCase();
  if (email && (lower.includes(email) || lower.includes(email.split('@')[0] ?? email))) {
    return 'must not contain your e-mail address';
  }
  return null;
}

// OWASP's recommended minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (the package's Algorithm enum is const, which this build cannot import).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash matches nothing
  }
}

// Verified against when the account does not exist, so an unknown address takes as long as a
// wrong password and the answers cannot be told apart by timing.
let decoy: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('not-a-real-password-for-anyone');
  await verifyPassword(await decoy, password);
  return false;
}
