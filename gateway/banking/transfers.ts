import { randomUUID } from 'node:crypto';
import type { AuditTrail, Origin } from '../audit/trail.ts';
import type { Database } from '../store/database.ts';
import type { Account, Payee, Transfer } from '../store/schema.ts';
import type { FieldErrors } from '../issuance/input.ts';
import { normalizeTyped } from '../issuance/input.ts';

/** A transfer checked and ready for the confirm screen. */
export interface TransferDraft {
  payee: Omit<Payee, 'id'>;
  amount: number;
  registeredPayee: boolean;
  /** A payee not registered in advance, with the OTP 利用中: the seed asks for a code. */
  otpRequired: boolean;
}

export interface NewPayeeForm {
  bank: string;
  branch: string;
  accountType: string;
  accountNumber: string;
  holder: string;
  amount: string;
}

export type TransferResult =
  | { status: 'done' | 'existing'; transfer: Transfer; balance: number }
  | { status: 'insufficient' | 'otp_missing' };

const MAX_AMOUNT = 10_000_000;

/** 振込・振替 for personal customers: registered payees, and new ones guarded by the OTP. */
export class TransferService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly now: () => number,
  ) {}

  account(customerId: string): Promise<Account | undefined> {
    return this.db.accounts.get(customerId);
  }

  transfer(id: string): Promise<Transfer | undefined> {
    return this.db.transfers.get(id);
  }

  async toRegisteredPayee(customerId: string, form: { payeeId: string; amount: string }): Promise<{ draft: TransferDraft } | { errors: FieldErrors<'payeeId' | 'amount'> }> {
    const account = await this.account(customerId);
    const payee = account?.payees.find((candidate) => candidate.id === form.payeeId);
    const errors: FieldErrors<'payeeId' | 'amount'> = {};
    if (!payee) errors.payeeId = '振込先を選択して下さい。';
    const amount = this.#amount(form.amount, account, errors);
    if (!payee || amount === null) return { errors };
    const { id: _id, ...details } = payee;
    return { draft: { payee: details, amount, registeredPayee: true, otpRequired: false } };
  }

  async toNewPayee(customerId: string, form: NewPayeeForm): Promise<{ draft: TransferDraft } | { errors: FieldErrors<keyof NewPayeeForm> }> {
    const account = await this.account(customerId);
    const errors: FieldErrors<keyof NewPayeeForm> = {};
    const bank = normalizeTyped(form.bank);
    const branch = normalizeTyped(form.branch);
    const accountNumber = normalizeTyped(form.accountNumber);
    const holder = normalizeTyped(form.holder);
    if (bank === '' || bank.length > 30) errors.bank = '金融機関名を30文字以内で入力して下さい。';
    if (branch === '' || branch.length > 30) errors.branch = '支店名を30文字以内で入力して下さい。';
    if (form.accountType !== '普通' && form.accountType !== '当座') errors.accountType = '科目を選択して下さい。';
    if (!/^\d{7}$/.test(accountNumber)) errors.accountNumber = '口座番号は7桁の数字で入力して下さい。';
    if (!/^[\u30A0-\u30FF\u3000 ()（）.\-]{1,30}$/.test(holder)) errors.holder = '受取人名は全角カタカナ30文字以内で入力して下さい。';
    const amount = this.#amount(form.amount, account, errors);
    if (Object.keys(errors).length > 0 || amount === null) return { errors };
    const customer = (await this.db.customers.get(customerId))!;
    return {
      draft: {
        payee: { bank, branch, accountType: form.accountType as Payee['accountType'], accountNumber, holder },
        amount,
        registeredPayee: false,
        otpRequired: customer.otpStatus === 'active',
      },
    };
  }

  /** Carries out a draft once per form: a double submit finds the first transfer. */
  async execute(customerId: string, draft: TransferDraft, formId: string, otpVerified: boolean, origin?: Origin): Promise<TransferResult> {
    return this.db.transaction(async (tx): Promise<TransferResult> => {
      const account = await tx.accounts.get(customerId);
      const earlier = await tx.transfers.byForm(customerId, formId);
      if (earlier) return { status: 'existing', transfer: earlier, balance: account?.balance ?? 0 };
      if (draft.otpRequired && !otpVerified) return { status: 'otp_missing' };
      if (!account || account.balance < draft.amount) return { status: 'insufficient' };
      const balance = account.balance - draft.amount;
      await tx.accounts.put({ ...account, balance });
      const transfer: Transfer = {
        id: randomUUID(),
        customerId,
        payee: draft.payee,
        amount: draft.amount,
        registeredPayee: draft.registeredPayee,
        otpChecked: otpVerified,
        createdAt: new Date(this.now()).toISOString(),
        formId,
      };
      await tx.transfers.put(transfer);
      if (otpVerified) {
        const customer = await tx.customers.get(customerId);
        await this.audit.record(tx.audit, {
          action: 'transfer',
          result: 'ok',
          actor: `customer:${customerId}`,
          customerId,
          ...(customer ? { tenantId: customer.tenantId } : {}),
          ...(origin ? { origin } : {}),
          detail: { amount: draft.amount, newPayee: !draft.registeredPayee },
        });
      }
      return { status: 'done', transfer, balance };
    });
  }

  #amount(typed: string, account: Account | undefined, errors: { amount?: string }): number | null {
    const digits = normalizeTyped(typed).replace(/[,円]/g, '');
    const amount = /^\d{1,9}$/.test(digits) ? Number(digits) : NaN;
    if (!(amount >= 1 && amount <= MAX_AMOUNT)) {
      errors.amount = '振込金額は1円以上10,000,000円以下の半角数字で入力して下さい。';
      return null;
    }
    if (!account || amount > account.balance) {
      errors.amount = '振込金額が支払可能残高を超えています。';
      return null;
    }
    return amount;
  }
}
