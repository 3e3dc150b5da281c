import type { FC } from 'hono/jsx';
import type { NewPayeeForm, TransferDraft } from '../../banking/transfers.ts';
import type { FieldErrors } from '../../issuance/input.ts';
import type { Account, Transfer } from '../../store/schema.ts';
import { Csrf, FieldError, Frame, Message, Required } from '../frame.tsx';
import { yen } from './home.tsx';
import type { Chrome } from './login.tsx';
import { InputRow, OtpInputTable } from './parts.tsx';

/** BFK001: 振込先の選択 (registered payees) and the amount. */
export const TransferScreen: FC<{ chrome: Chrome; account?: Account | undefined; errors?: FieldErrors<'payeeId' | 'amount'>; form?: { payeeId?: string; amount?: string }; error?: string | undefined }> = ({ chrome, account, errors = {}, form = {}, error }) => (
  <Frame {...chrome} section="transfer" screenId="BFK001" title="振込・振替 (振込先選択)">
    <p class="lead">事前登録済みの振込先を選択し、振込金額を入力して「次へ」ボタンを押して下さい。</p>
    <Message error={error} />
    {account && <p>支払口座：{account.branch} {account.accountType} {account.accountNumber}（支払可能残高 <span data-field="balance">{yen(account.balance)}</span>）</p>}
    <form method="post" action="/ib/transfer" novalidate>
      <Csrf token={chrome.csrf} />
      <h2 class="section-title">事前登録済み振込先</h2>
      <table class="list-table">
        <thead>
          <tr>
            <th>選択</th>
            <th>金融機関</th>
            <th>支店</th>
            <th>科目・口座番号</th>
            <th>受取人名</th>
          </tr>
        </thead>
        <tbody>
          {(account?.payees ?? []).map((payee) => (
            <tr>
              <td><input type="radio" name="payeeId" value={payee.id} id={`payee-${payee.id}`} checked={form.payeeId === payee.id} /></td>
              <td><label for={`payee-${payee.id}`}>{payee.bank}</label></td>
              <td>{payee.branch}</td>
              <td>{payee.accountType} {payee.accountNumber}</td>
              <td>{payee.holder}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError name="payeeId" error={errors.payeeId} />
      <table class="form-table">
        <InputRow label="振込金額" hint="(半角数字・円)" name="amount" inputmode="numeric" value={form.amount ?? ''} maxlength={12} error={errors.amount} />
      </table>
      <div class="buttons">
        <button type="submit" class="primary">次へ</button>
      </div>
    </form>
    <p class="back"><a href="/ib/transfer/new">新しい振込先へ振込</a></p>
  </Frame>
);

/** BFK002: 新しい振込先の入力. */
export const NewPayeeScreen: FC<{ chrome: Chrome; errors?: FieldErrors<keyof NewPayeeForm>; form?: Partial<NewPayeeForm>; otpActive: boolean }> = ({ chrome, errors = {}, form = {}, otpActive }) => (
  <Frame {...chrome} section="transfer" screenId="BFK002" title="振込・振替 (新しい振込先の入力)">
    <p class="lead">振込先の口座と振込金額を入力し、「次へ」ボタンを押して下さい。</p>
    {otpActive && <p class="message-notice">事前登録以外の振込先へのお振込みには、ワンタイムパスワードの入力が必要です。</p>}
    <form method="post" action="/ib/transfer/new" novalidate>
      <Csrf token={chrome.csrf} />
      <table class="form-table">
        <InputRow label="金融機関名" name="bank" value={form.bank ?? ''} maxlength={60} error={errors.bank} />
        <InputRow label="支店名" name="branch" value={form.branch ?? ''} maxlength={60} error={errors.branch} />
        <tr>
          <Required label="科目" for="accountType" />
          <td>
            <select id="accountType" name="accountType">
              <option value="普通" selected={form.accountType !== '当座'}>普通</option>
              <option value="当座" selected={form.accountType === '当座'}>当座</option>
            </select>
            <FieldError name="accountType" error={errors.accountType} />
          </td>
        </tr>
        <InputRow label="口座番号" hint="(半角数字7桁)" name="accountNumber" inputmode="numeric" value={form.accountNumber ?? ''} maxlength={16} error={errors.accountNumber} />
        <InputRow label="受取人名" hint="(全角カタカナ)" name="holder" value={form.holder ?? ''} maxlength={60} error={errors.holder} />
        <InputRow label="振込金額" hint="(半角数字・円)" name="amount" inputmode="numeric" value={form.amount ?? ''} maxlength={12} error={errors.amount} />
      </table>
      <div class="buttons">
        <button type="submit" class="primary">次へ</button>
      </div>
    </form>
    <p class="back"><a href="/ib/transfer">戻る</a></p>
  </Frame>
);

const PayeeTable: FC<{ draft: Pick<TransferDraft, 'payee' | 'amount'> }> = ({ draft }) => (
  <table class="info-table">
    <tr><th>振込先金融機関</th><td>{draft.payee.bank} {draft.payee.branch}</td></tr>
    <tr><th>科目・口座番号</th><td>{draft.payee.accountType} {draft.payee.accountNumber}</td></tr>
    <tr><th>受取人名</th><td data-field="holder">{draft.payee.holder}</td></tr>
    <tr><th>振込金額</th><td class="amount" data-field="amount">{yen(draft.amount)}</td></tr>
  </table>
);

/** BFK003: 振込内容確認. A payee that needs the OTP goes on with 「次へ」 to BFK005. */
export const TransferConfirmScreen: FC<{ chrome: Chrome; formId: string; draft: TransferDraft; error?: string | undefined }> = (props) => (
  <Frame {...props.chrome} section="transfer" screenId="BFK003" title="振込・振替 (振込内容確認)">
    <p class="lead">
      {props.draft.otpRequired
        ? '振込内容をご確認のうえ、「次へ」ボタンを押して下さい。次の画面でワンタイムパスワードを入力します。'
        : '振込内容をご確認のうえ、「振込を実行する」ボタンを押して下さい。'}
    </p>
    <Message error={props.error} />
    <PayeeTable draft={props.draft} />
    <form method={props.draft.otpRequired ? 'get' : 'post'} action={props.draft.otpRequired ? '/ib/transfer/otp' : '/ib/transfer/confirm'} novalidate>
      {props.draft.otpRequired ? (
        <input type="hidden" name="form" value={props.formId} />
      ) : (
        <>
          <Csrf token={props.chrome.csrf} />
          <input type="hidden" name="formId" value={props.formId} />
        </>
      )}
      <div class="buttons">
        <a class="button" href="/ib/transfer">中止する</a>
        <button type="submit" class="primary">{props.draft.otpRequired ? '次へ' : '振込を実行する'}</button>
      </div>
    </form>
  </Frame>
);

/** BFK005: ワンタイムパスワード入力, for a payee not registered in advance while the OTP is 利用中; 「次へ」 completes the transfer. */
export const TransferOtpScreen: FC<{ chrome: Chrome; formId: string; draft: TransferDraft; digits: number; error?: string | undefined; fieldError?: string | undefined }> = (props) => (
  <Frame {...props.chrome} section="transfer" screenId="BFK005" title="振込・振替 (ワンタイムパスワード入力)">
    <p class="lead">携帯電話のトークン（アプリ）に表示されているワンタイムパスワードを入力し、「次へ」ボタンを押して下さい。「次へ」を押すとお振込みが完了します。</p>
    <Message error={props.error} />
    <PayeeTable draft={props.draft} />
    <form method="post" action="/ib/transfer/otp" novalidate>
      <Csrf token={props.chrome.csrf} />
      <input type="hidden" name="formId" value={props.formId} />
      <h2 class="section-title">ワンタイムパスワードの入力</h2>
      <p>事前登録以外の振込先のため、ワンタイムパスワードの入力が必要です。</p>
      <OtpInputTable digits={props.digits} fieldError={props.fieldError} />
      <div class="buttons">
        <a class="button" href="/ib/transfer">中止する</a>
        <button type="submit" class="primary">次へ</button>
      </div>
    </form>
    <p class="back"><a href={`/ib/transfer/confirm?form=${encodeURIComponent(props.formId)}`}>戻る</a></p>
  </Frame>
);

/** BFK004: 振込完了. */
export const TransferDoneScreen: FC<{ chrome: Chrome; transfer: Transfer; balance: number }> = ({ chrome, transfer, balance }) => (
  <Frame {...chrome} section="transfer" screenId="BFK004" title="振込・振替 (振込完了)">
    <p class="lead">お振込みを受け付けました。</p>
    <PayeeTable draft={transfer} />
    <table class="info-table">
      <tr><th>受付番号</th><td data-field="transferId">{transfer.id.slice(0, 8).toUpperCase()}</td></tr>
      <tr><th>ワンタイムパスワード認証</th><td data-field="otpChecked">{transfer.otpChecked ? '認証済' : transfer.registeredPayee ? '不要（事前登録済み振込先）' : '不要（ワンタイムパスワード未利用）'}</td></tr>
      <tr><th>振込後残高</th><td class="amount">{yen(balance)}</td></tr>
    </table>
    <div class="buttons">
      <a class="button" href="/ib/top">トップページへ</a>
    </div>
  </Frame>
);
