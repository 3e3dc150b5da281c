import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Services } from '../services.ts';
import type { TransferDraft } from '../banking/transfers.ts';
import { originOf, takeFlash, type CookiePolicy, type PortalContext, type PortalEnv } from './context.ts';
import { formOf, rememberForm } from './forms.ts';
import { otpProblem } from './messages.ts';
import { chrome, render } from './render.ts';
import { NewPayeeScreen, TransferConfirmScreen, TransferDoneScreen, TransferOtpScreen, TransferScreen } from './screens/transfer.tsx';

const STALE_TRANSFER = 'この振込の画面は古くなっているか、別の画面で手続きが済んでいます。もう一度振込先を選択して下さい。';

/**
 * 振込・振替 (mounted at /ib/transfer): BFK001 / BFK002 → BFK003 → BFK004; a payee not registered in
 * advance while the OTP is 利用中 goes BFK003 → 次へ → BFK005 (the OTP on its own screen) → 次へ → BFK004,
 * as the seed's transfer note says. Each draft is kept under its form id, so tabs do not mix.
 */
export function transferRoutes(services: Services, policy: CookiePolicy): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const digits = (c: PortalContext) => c.var.tenant.policy.digits;
  const account = (c: PortalContext) => services.transfers.account(c.var.customer.id);
  const toConfirm = (c: PortalContext, draft: TransferDraft) => {
    const formId = randomUUID();
    c.var.session.transfers = rememberForm(c.var.session.transfers, formId, { draft });
    return c.redirect(`/ib/transfer/confirm?form=${formId}`);
  };
  const stale = (c: PortalContext) => {
    c.var.session.flash = STALE_TRANSFER;
    return c.redirect('/ib/transfer');
  };
  const pendingOf = (c: PortalContext, formId: string) => formOf(c.var.session.transfers, formId);

  app.get('/', async (c) => render(c, <TransferScreen chrome={chrome(c)} account={await account(c)} error={takeFlash(c.var.session)} />));

  app.post('/', async (c) => {
    const form = { payeeId: c.var.form.payeeId ?? '', amount: c.var.form.amount ?? '' };
    const checked = await services.transfers.toRegisteredPayee(c.var.customer.id, form);
    if ('errors' in checked) return render(c, <TransferScreen chrome={chrome(c)} account={await account(c)} errors={checked.errors} form={form} />, 400);
    return toConfirm(c, checked.draft);
  });

  app.get('/new', async (c) => render(c, <NewPayeeScreen chrome={chrome(c)} otpActive={c.var.customer.otpStatus === 'active'} />));

  app.post('/new', async (c) => {
    const { bank = '', branch = '', accountType = '', accountNumber = '', holder = '', amount = '' } = c.var.form;
    const form = { bank, branch, accountType, accountNumber, holder, amount };
    const checked = await services.transfers.toNewPayee(c.var.customer.id, form);
    if ('errors' in checked) {
      return render(c, <NewPayeeScreen chrome={chrome(c)} errors={checked.errors} form={form} otpActive={c.var.customer.otpStatus === 'active'} />, 400);
    }
    return toConfirm(c, checked.draft);
  });

  app.get('/confirm', async (c) => {
    const formId = c.req.query('form') ?? '';
    const pending = pendingOf(c, formId);
    if (!pending) return stale(c);
    return render(c, <TransferConfirmScreen chrome={chrome(c)} formId={formId} draft={pending.draft} />);
  });

  /** Executes the pending transfer once per form; BFK005 posts the OTP, BFK003 everything else. */
  async function execute(c: PortalContext, from: 'confirm' | 'otp') {
    const session = c.var.session;
    const formId = c.var.form.formId ?? '';
    const customerId = c.var.customer.id;
    if (session.transferred?.formId === formId) return c.redirect('/ib/transfer/done');
    const pending = pendingOf(c, formId);
    if (!pending) return stale(c);
    // A transfer that needs the OTP is only ever executed from its own screen.
    if (pending.draft.otpRequired && from === 'confirm') return c.redirect(`/ib/transfer/otp?form=${encodeURIComponent(formId)}`);
    const screen = (problem: { page?: string | undefined; field?: string | undefined }) =>
      from === 'otp'
        ? render(c, <TransferOtpScreen chrome={chrome(c)} formId={formId} draft={pending.draft} digits={digits(c)} error={problem.page} fieldError={problem.field} />, 400)
        : render(c, <TransferConfirmScreen chrome={chrome(c)} formId={formId} draft={pending.draft} error={problem.page} />, 400);

    let otpVerified = false;
    if (pending.draft.otpRequired) {
      const outcome = await services.issuance.verifyCustomerCode(customerId, c.var.form.otp ?? '', originOf(c, policy));
      if (outcome.reason !== 'ok') return screen(otpProblem(outcome, digits(c)));
      otpVerified = true;
    }
    const result = await services.transfers.execute(customerId, pending.draft, formId, otpVerified, originOf(c, policy));
    if (result.status === 'insufficient') return screen({ page: '支払可能残高が不足しています。' });
    if (result.status !== 'done' && result.status !== 'existing') return screen({ field: 'ワンタイムパスワードを入力して下さい。' });
    session.transferred = { formId, transferId: result.transfer.id, balance: result.balance };
    delete session.transfers![formId];
    return c.redirect('/ib/transfer/done');
  }

  app.post('/confirm', (c) => execute(c, 'confirm'));

  app.get('/otp', async (c) => {
    const formId = c.req.query('form') ?? '';
    const pending = pendingOf(c, formId);
    if (!pending) return stale(c);
    if (!pending.draft.otpRequired) return c.redirect(`/ib/transfer/confirm?form=${encodeURIComponent(formId)}`);
    return render(c, <TransferOtpScreen chrome={chrome(c)} formId={formId} draft={pending.draft} digits={digits(c)} />);
  });

  app.post('/otp', (c) => execute(c, 'otp'));

  app.get('/done', async (c) => {
    const done = c.var.session.transferred;
    const transfer = done && (await services.transfers.transfer(done.transferId));
    if (!done || !transfer || transfer.customerId !== c.var.customer.id) return c.redirect('/ib/transfer');
    return render(c, <TransferDoneScreen chrome={chrome(c)} transfer={transfer} balance={done.balance} />);
  });

  return app;
}
