import type { FC } from 'hono/jsx';
import { FieldError, Required } from '../frame.tsx';

/** The one-time password row shared by BLI002, BOK001 and BFK003. */
export const OtpInputTable: FC<{ digits: number; fieldError?: string | undefined }> = ({ digits, fieldError }) => (
  <table class="form-table">
    <tr>
      <Required label="ワンタイムパスワード" hint={`(半角数字${digits}桁)`} for="otp" />
      <td>
        <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength={16} class="otp" />
        <FieldError name="otp" error={fieldError} />
      </td>
    </tr>
  </table>
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
