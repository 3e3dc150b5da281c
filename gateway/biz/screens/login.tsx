import type { FC } from 'hono/jsx';
import { Csrf, Message } from '../../portal/frame.tsx';
import { InputRow, OtpLoginForms } from '../../portal/screens/parts.tsx';
import { BizFrame, type BizChrome } from '../frame.tsx';

/** BBL001: ログインID + ログインパスワード of the business bank. */
export const BizLoginScreen: FC<{ chrome: BizChrome; loginId?: string; error?: string | undefined; notice?: string | undefined; errors?: { loginId?: string; password?: string } }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BBL001" title="ログイン">
    <p class="lead">ログインIDとログインパスワードを入力し、「ログイン」ボタンを押してください。</p>
    <Message error={props.error} notice={props.notice} />
    <form method="post" action="/biz/login" class="panel" novalidate>
      <Csrf token={props.chrome.csrf} />
      <table class="form-table">
        <InputRow label="ログインID" hint="(半角英数字)" name="loginId" value={props.loginId ?? ''} autocomplete="username" maxlength={32} error={props.errors?.loginId} />
        <InputRow label="ログインパスワード" hint="(半角英数字記号)" name="password" type="password" autocomplete="current-password" maxlength={64} error={props.errors?.password} />
      </table>
      <div class="buttons">
        <button type="submit" class="primary">ログイン</button>
      </div>
    </form>
  </BizFrame>
);

/** BBL002: the OTP step when 利用形態 asks for it and the user has a token (`shared`: the administrator's). */
export const BizOtpLoginScreen: FC<{ chrome: BizChrome; digits: number; shared?: boolean; error?: string | undefined; fieldError?: string | undefined }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BBL002" title="ワンタイムパスワード認証">
    <p class="lead">トークンに表示されている半角数字を入力し、「ログイン」ボタンを押してください。</p>
    {props.shared && <p class="hint" data-field="shared">全利用者で共用しているトークン（管理者に登録されたトークン）をご使用ください。</p>}
    <Message error={props.error} />
    <OtpLoginForms base="/biz" csrf={props.chrome.csrf} digits={props.digits} fieldError={props.fieldError} />
    <section class="notes">
      <h2>トークンがお手元にない場合</h2>
      <ul>
        <li>現在使用しているトークンがない場合は、お取引店舗に届出が必要となります。</li>
      </ul>
    </section>
  </BizFrame>
);

/** BBM001: メイン. */
export const BizMainScreen: FC<{ chrome: BizChrome; notice?: string | undefined }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BBM001" title="メイン" section="main">
    <Message notice={props.notice} />
    <p class="lead">ご利用になる業務をメニューから選択してください。</p>
    {props.chrome.user?.admin && (
      <ul class="menu">
        <li><a href="/biz/admin">管理機能</a></li>
      </ul>
    )}
  </BizFrame>
);

/** BER001 of the business site: a refusal or an unknown page. */
export const BizErrorScreen: FC<{ chrome: BizChrome; message: string }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BER001" title="エラー">
    <Message error={props.message} />
    <p class="back"><a href={props.chrome.user ? '/biz/main' : '/biz/'}>{props.chrome.user ? 'メインへ戻る' : 'ログイン画面へ'}</a></p>
  </BizFrame>
);
