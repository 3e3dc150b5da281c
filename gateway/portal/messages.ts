import type { ConfirmResult } from '../auth/confirm-password.ts';
import type { ActivationOutcome } from '../issuance/service.ts';
import { formatJst } from '../time.ts';

/** Where an OTP problem is shown: under the field (input the customer can fix) or at the top. */
export interface Problem {
  field?: string;
  page?: string;
}

/** One clear message per outcome: the seed's "同じパスワードは連続して使用できません" for a replay. */
export function otpProblem(outcome: ActivationOutcome, digits: number): Problem {
  switch (outcome.reason) {
    case 'ok':
      return {};
    case 'malformed':
      return { field: `ワンタイムパスワードは半角数字${digits}桁で入力して下さい。` };
    case 'wrong':
      return outcome.lockedUntil
        ? { page: `ワンタイムパスワードを規定回数以上誤って入力されたため、ロックしました。${formatJst(outcome.lockedUntil)}以降に再度お試し下さい。` }
        : { field: `ワンタイムパスワードが正しくありません。（あと${outcome.attemptsLeft}回誤るとロックされます）` };
    case 'replayed':
      return { field: 'このワンタイムパスワードは使用済みです。同じパスワードは連続して使用できません。新しいワンタイムパスワードが表示されてから入力して下さい。' };
    case 'locked':
      return { page: `ワンタイムパスワードがロックされています。${formatJst(outcome.lockedUntil!)}以降に再度お試し下さい。` };
    case 'expired':
      return { page: 'トークンの利用期限が過ぎています。利用解除のうえ、再度トークン発行を行って下さい。' };
    case 'revoked':
      return { page: 'このトークンは利用解除されています。' };
    case 'not_provisioned':
      return { page: 'トークン（アプリ）の初期設定が完了していません。携帯電話でアプリの初期設定を行ってから入力して下さい。' };
    case 'unknown':
      return { page: 'ワンタイムパスワードが登録されていません。' };
  }
}

export function confirmPasswordProblem(result: ConfirmResult): Problem {
  switch (result.status) {
    case 'ok':
      return {};
    case 'wrong':
      return { field: `確認用パスワードが正しくありません。（あと${result.attemptsLeft}回誤るとロックされます）` };
    case 'locked':
      return { page: `確認用パスワードを規定回数以上誤って入力されたため、お取引を制限しています。${formatJst(result.until)}以降に再度お試し下さい。` };
  }
}

export const LOGIN_INVALID = 'ログインIDまたはログインパスワードが正しくありません。';
export const loginLocked = (until: number) => `ログインを一時的に制限しています。${formatJst(until)}以降に再度お試し下さい。`;
export const SESSION_EXPIRED = '一定時間（5分）以上操作がなかったため、ログアウトしました。お手数ですが、再度ログインして下さい。';
export const PAGE_EXPIRED = '画面の有効期限（5分）が切れました。お手数ですが、もう一度入力して下さい。';
export const LOGGED_OUT = 'ログアウトしました。ご利用ありがとうございました。';
export const STALE_FORM = '画面の有効期限が切れたか、同じ画面が別のウィンドウで操作されました。お手数ですが、最初から操作をやり直して下さい。';
export const TOO_LARGE = '入力内容が大きすぎます。入力内容をご確認下さい。';
export const TOO_MANY_TRIES = 'お使いの回線から誤った入力が続いたため、受付を制限しています。しばらく時間をおいてから再度お試し下さい。';
export const NOT_FOUND = 'お探しのページは見つかりませんでした。';
