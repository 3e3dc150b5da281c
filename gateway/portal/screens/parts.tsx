import type { FC } from 'hono/jsx';
import { Csrf, FieldError, Required } from '../frame.tsx';

/** The one-time password row shared by BLI002, BOK001 and BFK003. */
export const OtpInputTable: FC<{ digits: number; fieldError?: string | undefined }> = ({ digits, fieldError }) => (
  <table class="form-table">
    <InputRow label="ワンタイムパスワード" hint={`(半角数字${digits}桁)`} name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength={16} class="otp" error={fieldError} />
  </table>
);

/** The OTP step of a login (BLI002, BBL002): the code, and the way back out. `base` is the portal's prefix. */
export const OtpLoginForms: FC<{ base: '/ib' | '/biz'; csrf: string; digits: number; fieldError?: string | undefined }> = ({ base, csrf, digits, fieldError }) => (
  <>
    <form method="post" action={`${base}/login/otp`} class="panel" novalidate>
      <Csrf token={csrf} />
      <OtpInputTable digits={digits} fieldError={fieldError} />
      <div class="buttons">
        <button type="submit" class="primary">ログイン</button>
      </div>
    </form>
    <form method="post" action={`${base}/logout`} class="inline-back">
      <Csrf token={csrf} />
      <button type="submit" class="link">ログインを中止する</button>
    </form>
  </>
);

/** 送付先メールアドレス, as BOT003 and BOT002 show it. */
export const MailInfo: FC<{ mail: string }> = ({ mail }) => (
  <>
    <h2 class="section-title">送付先メールアドレス</h2>
    <table class="info-table">
      <tr>
        <th>携帯電話メールアドレス</th>
        <td data-field="mail" class="long-text">{mail}</td>
      </tr>
    </table>
  </>
);

/** トークン情報: what the customer types into the app's 初期設定. */
export const TokenInfo: FC<{ serviceId: string; userId: string }> = ({ serviceId, userId }) => (
  <>
    <h2 class="section-title">トークン情報</h2>
    <table class="info-table">
      <tr>
        <th>サービスID</th>
        <td data-field="serviceId">{serviceId}</td>
      </tr>
      <tr>
        <th>ユーザID</th>
        <td data-field="userId">{userId}</td>
      </tr>
    </table>
  </>
);

type InputAttributes = {
  type?: string;
  value?: string;
  inputmode?: 'numeric' | 'text' | 'email';
  maxlength: number;
  autocomplete?: string;
  class?: string;
};

/** One 【必須】 row of an input table: label, the field, and its error under it. */
export const InputRow: FC<{ label: string; hint?: string; name: string; error?: string | undefined } & InputAttributes> = ({ label, hint, name, error, ...input }) => (
  <tr>
    <Required label={label} {...(hint ? { hint } : {})} for={name} />
    <td>
      <input id={name} name={name} {...input} />
      <FieldError name={name} error={error} />
    </td>
  </tr>
);
