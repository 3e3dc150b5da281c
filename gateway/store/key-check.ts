import type { SecretBox } from '../security/secret-box.ts';

const TEXT = 'ketai-token';
const CONTEXT = 'key-check';

/** A value sealed with the secret key and stored with the data: start-up proves the key matches it. */
export interface KeyCheck {
  create(): string;
  matches(stored: string): boolean;
}

export function keyCheck(box: SecretBox): KeyCheck {
  return {
    create: () => box.seal(TEXT, CONTEXT),
    matches: (stored) => {
      try {
        return box.open(stored, CONTEXT) === TEXT;
      } catch {
        return false;
      }
    },
  };
}
