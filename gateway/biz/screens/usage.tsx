import type { FC } from 'hono/jsx';
import { Csrf, FieldError, Message, Required } from '../../portal/frame.tsx';
import { InputRow } from '../../portal/screens/parts.tsx';
import { BizFrame, type BizChrome } from '../frame.tsx';
import type { Usage } from '../usage.ts';

const TOKEN_MODE = {
  individual: { label: '利用者ごとにトークンを利用', hint: '利用者ごとに別々のトークンを登録し、各利用者が自分のトークンを使用します。' },
  shared: { label: '全利用者で1つのトークンを共用', hint: '管理者に登録したトークンを全利用者で使用します。一般者にはトークンを登録しません。' },
} as const;
const LOGIN_OTP = { on: 'する', off: 'しない' } as const;

/** The form's values as typed ('on' / 'off' for loginOtp), or the stored ones. */
export interface UsageForm {
  tokenMode?: string | undefined;
  loginOtp?: string | undefined;
}
export type UsageErrors = Partial<Record<'tokenMode' | 'loginOtp' | 'approvalPassword', string>>;

export const usageForm = (usage: Usage): UsageForm => ({ tokenMode: usage.tokenMode, loginOtp: usage.loginOtp ? 'on' : 'off' });

/** The current 利用形態, as BOA001 and BOA011 show it. */
export const UsageSummary: FC<{ usage: Usage }> = ({ usage }) => (
  <table class="info-table">
    <tr><th>トークンの利用形態</th><td data-field="tokenMode">{TOKEN_MODE[usage.tokenMode].label}</td></tr>
    <tr><th>ログイン時のワンタイムパスワード認証</th><td data-field="loginOtp">{LOGIN_OTP[usage.loginOtp ? 'on' : 'off']}</td></tr>
  </table>
);

const Choice: FC<{ name: string; value: string; checked: boolean; label: string; hint?: string }> = (props) => (
  <p class="choice">
    <label>
      <input type="radio" name={props.name} value={props.value} checked={props.checked} /> {props.label}
    </label>
    {props.hint && <small>{props.hint}</small>}
  </p>
);

/** BOA010: 利用形態設定 — one token per user or one for all, and whether login asks for the code. */
export const UsageScreen: FC<{ chrome: BizChrome; form: UsageForm; error?: string | undefined; errors?: UsageErrors }> = ({ chrome, form, error, errors }) => (
  <BizFrame chrome={chrome} screenId="BOA010" title="ワンタイムパスワード 利用形態設定" section="admin" steps={2}>
    <Message error={error} />
    <p class="lead">ワンタイムパスワード認証の利用形態を選択し、承認用パスワードを入力して【確定】をクリックしてください。</p>
    <form method="post" action="/biz/admin/otp/usage" class="panel" novalidate>
      <Csrf token={chrome.csrf} />
      <h2 class="section-title">利用形態の選択</h2>
      <table class="form-table">
        <tr>
          <Required label="トークンの利用形態" />
          <td>
            {(['individual', 'shared'] as const).map((mode) => <Choice name="tokenMode" value={mode} checked={form.tokenMode === mode} {...TOKEN_MODE[mode]} />)}
            <FieldError name="tokenMode" error={errors?.tokenMode} />
          </td>
        </tr>
        <tr>
          <Required label="ログイン時のワンタイムパスワード認証" />
          <td>
            {(['on', 'off'] as const).map((value) => <Choice name="loginOtp" value={value} checked={form.loginOtp === value} label={LOGIN_OTP[value]} />)}
            <small>「しない」を選択すると、トークンを登録した利用者もログインパスワードのみでログインできます。</small>
            <FieldError name="loginOtp" error={errors?.loginOtp} />
          </td>
        </tr>
      </table>
      <ul class="notes">
        <li>「全利用者で1つのトークンを共用」に変更するには、管理者のトークンを登録し、一般者のトークンをすべて登録解除してください。</li>
        <li>「利用者ごとにトークンを利用」に変更した場合、一般者はトークンを登録するまでログインパスワードのみでログインします。</li>
      </ul>
      <h2 class="section-title">承認用パスワードの入力</h2>
      <p>承認用パスワードを入力してください。</p>
      <table class="form-table">
        <InputRow label="承認用パスワード" name="approvalPassword" type="password" autocomplete="off" maxlength={64} error={errors?.approvalPassword} />
      </table>
      <div class="buttons"><button type="submit" class="primary">確定</button></div>
    </form>
    <p class="back"><a href="/biz/admin/otp" class="button">&lt; 戻る</a></p>
  </BizFrame>
);

/** BOA011: 利用形態設定 完了. */
export const UsageDoneScreen: FC<{ chrome: BizChrome; usage: Usage }> = ({ chrome, usage }) => (
  <BizFrame chrome={chrome} screenId="BOA011" title="利用形態設定完了" section="admin" steps={3}>
    <Message notice="利用形態の変更が完了しました。" />
    <p class="lead" data-field="done">利用形態を変更しました。変更後の利用形態は現在より有効となります。</p>
    <UsageSummary usage={usage} />
    <p class="back"><a href="/biz/admin/otp" class="button">一覧へ戻る</a></p>
  </BizFrame>
);
