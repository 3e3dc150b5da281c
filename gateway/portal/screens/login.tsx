import type { FC } from 'hono/jsx';
import { Csrf, FieldError, Frame, Message, type FrameProps } from '../frame.tsx';
import { CHANGE_NOTICE } from '../../../handset/wording.ts';
import { OtpLoginForms } from './parts.tsx';

export type Chrome = Pick<FrameProps, 'bankName' | 'csrf' | 'fontSize' | 'loggedIn'> & { csrf: string };

/** BLI001: ログインID + ログインパスワード. */
export const LoginScreen: FC<{ chrome: Chrome; loginId?: string; error?: string | undefined; notice?: string | undefined; errors?: { loginId?: string; password?: string } }> = (props) => (
  <Frame {...props.chrome} loggedIn={false} screenId="BLI001" title="ログイン">
    <p class="lead">ログインIDとログインパスワードを入力し、「ログイン」ボタンを押して下さい。</p>
    <Message error={props.error} notice={props.notice} />
    <form method="post" action="/ib/login" class="panel" novalidate>
      <Csrf token={props.chrome.csrf} />
      <table class="form-table">
        <tr>
          <th><label for="loginId">ログインID</label><small>(半角英数字)</small></th>
          <td>
            <input id="loginId" name="loginId" value={props.loginId ?? ''} autocomplete="username" maxlength={32} required />
            <FieldError name="loginId" error={props.errors?.loginId} />
          </td>
        </tr>
        <tr>
          <th><label for="password">ログインパスワード</label><small>(半角英数字記号)</small></th>
          <td>
            <input id="password" name="password" type="password" autocomplete="current-password" maxlength={64} required />
            <FieldError name="password" error={props.errors?.password} />
          </td>
        </tr>
      </table>
      <div class="buttons">
        <button type="submit" class="primary">ログイン</button>
      </div>
    </form>
    <section class="notes">
      <h2>ご注意</h2>
      <ul>
        <li>ワンタイムパスワードをご利用中のお客様は、ログインIDとログインパスワードの後にワンタイムパスワードを入力していただきます。</li>
        <li>ログインパスワードを連続して誤るとログインが一時的に制限されます。</li>
      </ul>
    </section>
  </Frame>
);

/** BLI002: the OTP step of the login when the customer's OTP is 利用中. */
export const OtpLoginScreen: FC<{ chrome: Chrome; digits: number; error?: string | undefined; fieldError?: string | undefined }> = (props) => (
  <Frame {...props.chrome} loggedIn={false} screenId="BLI002" title="ワンタイムパスワード認証">
    <p class="lead">携帯電話のトークン（アプリ）に表示されているワンタイムパスワードを入力し、「ログイン」ボタンを押して下さい。</p>
    <Message error={props.error} />
    <OtpLoginForms base="/ib" csrf={props.chrome.csrf} digits={props.digits} fieldError={props.fieldError} />
    <section class="notes" data-section="lost-token">
      <h2>携帯電話を紛失した場合・トークン（アプリ）を削除した場合</h2>
      <ul>
        <li>ワンタイムパスワードを表示できないときは、お取引店までご連絡下さい。ご本人確認のうえ、{props.chrome.bankName}でワンタイムパスワードの利用を解除いたします。</li>
        <li>利用解除の後は、ログインIDとログインパスワードだけでログインできます。翌日以降に、改めて「トークン発行」「ワンタイムパスワード利用開始」を行って下さい。</li>
        <li>{CHANGE_NOTICE}</li>
      </ul>
    </section>
  </Frame>
);
