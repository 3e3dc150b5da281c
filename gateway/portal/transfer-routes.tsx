import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Services } from '../services.ts';
import type { PortalContext, PortalEnv } from './context.ts';
import { otpProblem } from './messages.ts';
import { chrome, customerOf, portalTenant, render } from './render.ts';
import { NewPayeeScreen, TransferConfirmScreen, TransferDoneScreen, TransferOtpScreen, TransferScreen } from './screens/transfer.tsx';

/**
 * 振込・振替 (mounted at /ib/transfer): BFK001 / BFK002 → BFK003 → BFK004; a payee not registered in
 * advance while the OTP is 利用中 goes BFK003 → 次へ → BFK005 (the OTP on its own screen) → 次へ → BFK004,
 * as the seed's transfer note says.
 */
export function transferRoutes(services: Services): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const digits = () => portalTenant(services).policy.digits;
  const account = (customerId: string) => services.transfers.account(customerId);

  app.get('/', async (c) => render(c, <TransferScreen chrome={chrome(c, services)} account={account(customerOf(c, services).id)} />));

  app.post('/', async (c) => {
    const customer = customerOf(c, services);
    const form = { payeeId: c.var.form.payeeId ?? '', amount: c.var.form.amount ?? '' };
    const checked = services.transfers.toRegisteredPayee(customer.id, form);
    if ('errors' in checked) return render(c, <TransferScreen chrome={chrome(c, services)} account={account(customer.id)} errors={checked.errors} form={form} />, 400);
    c.var.session.transfer = { formId: randomUUID(), draft: checked.draft };
    return c.redirect('/ib/transfer/confirm');
  });

  app.get('/new', async (c) => render(c, <NewPayeeScreen chrome={chrome(c, services)} otpActive={customerOf(c, services).otpStatus === 'active'} />));

  app.post('/new', async (c) => {
    const customer = customerOf(c, services);
    const { bank = '', branch = '', accountType = '', accountNumber = '', holder = '', amount = '' } = c.var.form;
    const form = { bank, branch, accountType, accountNumber, holder, amount };
    const checked = services.transfers.toNewPayee(customer.id, form);
    if ('errors' in checked) {
      return render(c, <NewPayeeScreen chrome={chrome(c, services)} errors={checked.errors} form={form} otpActive={customer.otpStatus === 'active'} />, 400);
    }
    c.var.session.transfer = { formId: randomUUID(), draft: checked.draft };
    return c.redirect('/ib/transfer/confirm');
  });

  app.get('/confirm', async (c) => {
    const pending = c.var.session.transfer;
    if (!pending) return c.redirect('/ib/transfer');
    return render(c, <TransferConfirmScreen chrome={chrome(c, services)} formId={pending.formId} draft={pending.draft} />);
  });

  /** Executes the pending transfer once per form; BFK005 posts the OTP, BFK003 everything else. */
  async function execute(c: PortalContext, from: 'confirm' | 'otp') {
    const session = c.var.session;
    const formId = c.var.form.formId ?? '';
    if (session.transferred?.formId === formId) return c.redirect('/ib/transfer/done');
    const pending = session.transfer;
    if (!pending || pending.formId !== formId) return c.redirect('/ib/transfer');
    // A transfer that needs the OTP is only ever executed from its own screen.
    if (pending.draft.otpRequired && from === 'confirm') return c.redirect('/ib/transfer/otp');
    const customerId = customerOf(c, services).id;
    const screen = (problem: { page?: string | undefined; field?: string | undefined }) =>
      from === 'otp'
        ? render(c, <TransferOtpScreen chrome={chrome(c, services)} formId={pending.formId} draft={pending.draft} digits={digits()} error={problem.page} fieldError={problem.field} />, 400)
        : render(c, <TransferConfirmScreen chrome={chrome(c, services)} formId={pending.formId} draft={pending.draft} error={problem.page} />, 400);

    let otpVerified = false;
    if (pending.draft.otpRequired) {
      const outcome = await services.issuance.verifyCustomerCode(customerId, c.var.form.otp ?? '');
      if (outcome.reason !== 'ok') return screen(otpProblem(outcome, digits()));
      otpVerified = true;
    }
    const result = await services.transfers.execute(customerId, pending.draft, pending.formId, otpVerified);
    if (result.status === 'insufficient') return screen({ page: '支払可能残高が不足しています。' });
    if (result.status !== 'done' && result.status !== 'existing') return screen({ field: 'ワンタイムパスワードを入力して下さい。' });
    session.transferred = { formId: pending.formId, transferId: result.transfer.id, balance: result.balance };
    delete session.transfer;
    return c.redirect('/ib/transfer/done');
  }

  app.post('/confirm', (c) => execute(c, 'confirm'));

  app.get('/otp', async (c) => {
    const pending = c.var.session.transfer;
    if (!pending) return c.redirect('/ib/transfer');
    if (!pending.draft.otpRequired) return c.redirect('/ib/transfer/confirm');
    return render(c, <TransferOtpScreen chrome={chrome(c, services)} formId={pending.formId} draft={pending.draft} digits={digits()} />);
  });

  app.post('/otp', (c) => execute(c, 'otp'));

  app.get('/done', async (c) => {
    const done = c.var.session.transferred;
    const transfer = done && services.store.data.transfers[done.transferId];
    if (!done || !transfer) return c.redirect('/ib/transfer');
    return render(c, <TransferDoneScreen chrome={chrome(c, services)} transfer={transfer} balance={done.balance} />);
  });

  return app;
}
