import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { normalizeSerial } from '../otp/serial.ts';
import { originOf } from '../portal/context.ts';
import type { Presenter } from '../otp/tokens.ts';
import type { Database } from '../store/database.ts';
import type { Token } from '../store/schema.ts';
import { keyActor, type ApiEnv } from './keys.ts';
import { ApiProblem } from './problem.ts';

/** Schemas and look-ups more than one resource uses. */

/** Identifiers and filters: no control characters (PostgreSQL text cannot hold NUL; no id has any). */
export const textSchema = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');

/** As typed: full-width and lower case pass; whether it is a serial is the look-up's answer (404). */
export const SerialSchema = textSchema(64).min(1).openapi({ example: 'KT3F7K9M2XQA' });
/** The engine decides whether it is a code (`malformed`), so anything short enough passes here. */
export const OtpSchema = z.string().max(64).openapi({ example: '12345678' });
export const CustomerIdSchema = textSchema(64).min(1).openapi({ example: 'c-taro' });

export const SECURITY = [{ apiKey: [] }];

/** The key's own bank's token, or 404 `unknown` (another bank's serial is unknown too, never 403). */
export async function ownToken(db: Database, tenantId: string, input: string): Promise<Token> {
  const serial = normalizeSerial(input);
  const token = serial === null ? undefined : await db.tokens.get(serial);
  if (!token || token.tenantId !== tenantId) throw new ApiProblem('unknown', { detail: 'no such token' });
  return token;
}

/** The key as the OTP engine's presenter: its bank only, named in the audit trail. */
export function presenter(c: Context<ApiEnv>): Presenter & { tenantId: string } {
  const key = c.get('apiKey');
  return { actor: keyActor(key), tenantId: key.tenantId, origin: originOf(c, c.get('trust')) };
}

export const isoTime = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : new Date(ms).toISOString());
