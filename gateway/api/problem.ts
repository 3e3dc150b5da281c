import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { VerifyOutcome } from '../otp/check.ts';

/** Every refusal of the bank API (docs/api.md, "Errors"): its code, HTTP status and title. */
export const PROBLEMS = {
  wrong: { status: 422, title: 'ワンタイムパスワードが正しくありません' },
  replayed: { status: 422, title: 'このワンタイムパスワードは使用済みです' },
  expired: { status: 422, title: 'トークンの利用期限が過ぎています' },
  revoked: { status: 422, title: 'トークンは利用停止されています' },
  malformed: { status: 422, title: 'ワンタイムパスワードの形式が正しくありません' },
  clock_skew: { status: 422, title: 'ワンタイムパスワードの時刻がずれています（端末またはサーバの時計）' },
  locked: { status: 423, title: 'トークンはロックされています' },
  unknown: { status: 404, title: '該当するものがありません' },
  bad_request: { status: 400, title: 'リクエストが正しくありません' },
  unauthorized: { status: 401, title: 'APIキーが無効です' },
  forbidden: { status: 403, title: 'このAPIキーには権限がありません' },
  conflict: { status: 409, title: '現在の状態では実行できません' },
  too_large: { status: 413, title: 'リクエストが大きすぎます' },
  rate_limited: { status: 429, title: 'リクエストが多すぎます' },
  internal: { status: 500, title: 'サーバー内部のエラーです' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

const TYPE_BASE = 'https://ketai-token.invalid/problems/';

/** Extra members some problems carry (RFC 9457 extension members). */
export interface ProblemExtras {
  detail?: string;
  attemptsLeft?: number;
  lockedUntil?: string;
  reissueFrom?: string;
  /** Which fields of the request were wrong (bad_request). */
  errors?: { path: string; message: string }[];
}

/** Thrown by a handler (or middleware) and answered by `problemResponse`: the one way the API refuses. */
export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly extras: ProblemExtras = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export function problemBody(code: ProblemCode, extras: ProblemExtras = {}) {
  const { status, title } = PROBLEMS[code];
  return { type: `${TYPE_BASE}${code}`, title, status, code, ...extras };
}

export function problemResponse(c: Context, problem: ApiProblem): Response {
  const body = problemBody(problem.code, problem.extras);
  return c.body(JSON.stringify(body), body.status, { 'Content-Type': 'application/problem+json', ...problem.headers });
}

/** The OTP engine's refusal as the API states it: `code` is the engine's reason. */
export function outcomeProblem(outcome: VerifyOutcome): ApiProblem {
  const { reason } = outcome;
  if (reason === 'ok') throw new Error('an accepted code is not a problem');
  return new ApiProblem(reason, {
    ...(reason === 'unknown' ? { detail: 'no such token' } : {}),
    ...(outcome.attemptsLeft !== undefined ? { attemptsLeft: outcome.attemptsLeft } : {}),
    ...(outcome.lockedUntil !== undefined ? { lockedUntil: new Date(outcome.lockedUntil).toISOString() } : {}),
  });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]]),
    detail: z.string().optional(),
    attemptsLeft: z.number().int().optional(),
    lockedUntil: z.string().optional(),
    reissueFrom: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** The problem responses a route documents, grouped by status. */
export function problems(...codes: ProblemCode[]) {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of ['bad_request', 'unauthorized', 'too_large', 'rate_limited', ...codes] as ProblemCode[]) {
    const { status } = PROBLEMS[code];
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      { description: `problem+json: ${list.map((code) => `\`${code}\``).join(', ')}`, content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );
}
