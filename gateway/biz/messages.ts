import type { ConfirmResult } from '../auth/confirm-password.ts';
import type { Problem } from '../portal/messages.ts';
import { formatJst } from '../time.ts';
import type { RegisterResult } from './admin.ts';
import type { ChangeRefusal } from './usage.ts';

export const NOT_ADMIN = '管理機能は管理者のみご利用いただけます。';
export const NO_SUCH_USER = '選択された利用者は見つかりませんでした。一覧から選択し直してください。';
export const START_AGAIN = 'トークンの登録状況が変わりました。お手数ですが、一覧から操作をやり直してください。';

/** 承認用パスワード: the business wording of the personal 確認用パスワード message. */
export function approvalProblem(result: Exclude<ConfirmResult, { status: 'ok' }>): Problem {
  return result.status === 'wrong'
    ? { field: `承認用パスワードが正しくありません。（あと${result.attemptsLeft}回誤るとロックされます）` }
    : { page: `承認用パスワードを規定回数以上誤って入力されたため、お取引を制限しています。${formatJst(result.until)}以降に再度お試しください。` };
}

/** Why a serial was refused at BOA004 (the field the administrator can fix). */
export function serialProblem(status: Extract<RegisterResult['status'], 'malformed_serial' | 'unknown_serial' | 'bound' | 'unbound_expired'>): string {
  switch (status) {
    case 'malformed_serial':
      return 'シリアル番号は半角英数12文字で入力してください。';
    case 'unknown_serial':
      return 'シリアル番号が正しくありません。トークンに表示されているシリアル番号を入力してください。';
    case 'bound':
      return 'このトークンは既に登録されています。新しいトークンのシリアル番号を入力してください。';
    case 'unbound_expired':
      return 'このトークンは登録の期限（初期設定から7日）を過ぎています。トークン（アプリ）の初期設定をやり直してください。';
  }
}

export const SHARED_REGISTER = '全利用者で1つのトークンを共用する利用形態のため、一般者にはトークンを登録できません。管理者に登録されたトークンをご利用ください。';
export const SHARED_RELEASE = '全利用者で1つのトークンを共用しているため、管理者のトークンは登録解除できません。利用形態を「利用者ごとにトークンを利用」に変更してから登録解除してください。';

/** Why BOA010 cannot switch to shared mode (shown next to the トークンの利用形態 field). */
export function usageRefusal(refusal: ChangeRefusal): string {
  return refusal.status === 'no-admin-token'
    ? '全利用者で共用するトークンとして、先に管理者のトークンを登録してください。'
    : `利用者ごとのトークンを登録解除してから変更してください。（トークン登録済みの一般者: ${refusal.userIds.join('、')}）`;
}
