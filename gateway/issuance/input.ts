/** BOT001 as typed by the customer. */
export interface IssuanceForm {
  mail: string;
  mailConfirm: string;
  startPassword: string;
  startPasswordConfirm: string;
}

export interface IssuanceInput {
  mail: string;
  startPassword: string;
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/**
 * Carrier addresses may break RFC 5322 (docomo and au issued `taro..x.@docomo.ne.jp`), so the
 * local part is any run of printable ASCII mail characters, dots anywhere.
 */
const MAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const START_PASSWORD = /^[0-9]{4,8}$/;

/** Full-width letters, digits and ＠ become half-width; surrounding spaces go. */
export function normalizeTyped(value: string): string {
  return value.normalize('NFKC').trim();
}

export function isMailAddress(value: string): boolean {
  return value.length <= 254 && MAIL.test(value);
}

export function validateIssuanceForm(form: IssuanceForm): { input: IssuanceInput } | { errors: FieldErrors<keyof IssuanceForm> } {
  const mail = normalizeTyped(form.mail);
  const mailConfirm = normalizeTyped(form.mailConfirm);
  const startPassword = normalizeTyped(form.startPassword);
  const startPasswordConfirm = normalizeTyped(form.startPasswordConfirm);
  const errors: FieldErrors<keyof IssuanceForm> = {};

  if (mail === '') errors.mail = '携帯電話メールアドレスを入力して下さい。';
  else if (!isMailAddress(mail)) errors.mail = '携帯電話メールアドレスを正しく入力して下さい。（半角英数字記号）';
  if (mailConfirm === '') errors.mailConfirm = '携帯電話メールアドレス(確認用)を入力して下さい。';
  else if (!errors.mail && mailConfirm !== mail) errors.mailConfirm = '携帯電話メールアドレスと携帯電話メールアドレス(確認用)が一致しません。';

  if (startPassword === '') errors.startPassword = '利用開始パスワードを入力して下さい。';
  else if (!START_PASSWORD.test(startPassword)) errors.startPassword = '利用開始パスワードは4～8桁の数字で入力して下さい。';
  if (startPasswordConfirm === '') errors.startPasswordConfirm = '利用開始パスワード(確認用)を入力して下さい。';
  else if (!errors.startPassword && startPasswordConfirm !== startPassword) {
    errors.startPasswordConfirm = '利用開始パスワードと利用開始パスワード(確認用)が一致しません。';
  }
  return Object.keys(errors).length > 0 ? { errors } : { input: { mail, startPassword } };
}

const CONFIRM_PASSWORD = /^[A-Za-z0-9]{6,12}$/;

/** 確認用パスワード: 6–12 half-width alphanumerics; null when it cannot be one. */
export function confirmPasswordError(value: string): string | null {
  if (value === '') return '確認用パスワードを入力して下さい。';
  if (!CONFIRM_PASSWORD.test(value)) return '確認用パスワードは半角英数字6～12桁で入力して下さい。';
  return null;
}
