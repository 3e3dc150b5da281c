import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { confirmPasswordError, validateIssuanceForm } from '../issuance/input.ts';
import type { Services } from '../services.ts';
import { formatJst } from '../time.ts';
import { takeFlash, type PortalContext, type PortalEnv } from './context.ts';
import { confirmPasswordProblem, otpProblem } from './messages.ts';
import { chrome, customerOf, portalTenant, publicOrigin, render } from './render.ts';
import {
  ActivateDoneScreen,
  ActivateScreen,
  IssueConfirmScreen,
  IssueDoneScreen,
  IssueInputScreen,
  OtpMenuScreen,
  ReleaseDoneScreen,
  ReleaseScreen,
} from './screens/otp.tsx';

/** BOP001 and the flows it starts: トークン発行, 利用開始, 利用解除 (mounted at /ib/otp). */
export function otpRoutes(services: Services): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const overview = (c: PortalContext) => services.issuance.overview(customerOf(c, services).id);
  const digits = () => portalTenant(services).policy.digits;
  const backToMenu = (c: PortalContext, message: string) => {
    c.var.session.flash = message;
    return c.redirect('/ib/otp');
  };

  app.get('/', async (c) => render(c, <OtpMenuScreen chrome={chrome(c, services)} overview={overview(c)} error={takeFlash(c.var.session)} />));

  // BOT001 → BOT003 → BOT002
  const issueRefusal = (c: PortalContext): string | null => {
    const state = overview(c);
    if (state.reissueFrom !== undefined) return `利用解除の当日はトークン発行を行えません。${formatJst(state.reissueFrom)}以降に再度お手続き下さい。`;
    if (!state.canIssue) return 'トークンは発行済みです。新たに発行する場合は、利用解除を行って下さい。';
    return null;
  };

  app.get('/issue', async (c) => {
    const refusal = issueRefusal(c);
    if (refusal) return backToMenu(c, refusal);
    const session = c.var.session;
    // 戻る from BOT003 keeps the form (and its id); a fresh visit starts a new one.
    session.issuance ??= { formId: randomUUID() };
    return render(c, <IssueInputScreen chrome={chrome(c, services)} formId={session.issuance.formId} mail={session.issuance.draft?.mail ?? ''} />);
  });

  app.post('/issue', async (c) => {
    const session = c.var.session;
    const form = c.var.form;
    if (!session.issuance || form.formId !== session.issuance.formId) return backToMenu(c, 'トークン発行の画面が古くなっています。もう一度お手続き下さい。');
    const checked = validateIssuanceForm({
      mail: form.mail ?? '',
      mailConfirm: form.mailConfirm ?? '',
      startPassword: form.startPassword ?? '',
      startPasswordConfirm: form.startPasswordConfirm ?? '',
    });
    if ('errors' in checked) {
      return render(c, <IssueInputScreen chrome={chrome(c, services)} formId={session.issuance.formId} mail={form.mail ?? ''} errors={checked.errors} />, 400);
    }
    session.issuance.draft = await services.issuance.prepare(checked.input);
    return c.redirect('/ib/otp/issue/confirm');
  });

  app.get('/issue/confirm', async (c) => {
    const pending = c.var.session.issuance;
    if (!pending?.draft) return c.redirect('/ib/otp');
    return render(c, <IssueConfirmScreen chrome={chrome(c, services)} formId={pending.formId} mail={pending.draft.mail} />);
  });

  app.post('/issue/confirm', async (c) => {
    const session = c.var.session;
    const form = c.var.form;
    // A second 確定する of a form that already went through: show its result.
    if (session.issued && form.formId === session.issued.formId) return c.redirect('/ib/otp/issue/done');
    const pending = session.issuance;
    if (!pending?.draft || form.formId !== pending.formId) return c.redirect('/ib/otp');
    if (form.action === 'cancel') {
      delete session.issuance;
      return backToMenu(c, 'トークン発行を中止しました。');
    }
    const screen = (problem: { page?: string | undefined; field?: string | undefined }) =>
      render(c, <IssueConfirmScreen chrome={chrome(c, services)} formId={pending.formId} mail={pending.draft!.mail} error={problem.page} fieldError={problem.field} />, 400);
    const password = form.confirmPassword ?? '';
    const formatError = confirmPasswordError(password);
    if (formatError) return screen({ field: formatError });
    const checked = await services.confirmPasswords.check(session.customerId!, password);
    if (checked.status !== 'ok') return screen(confirmPasswordProblem(checked));

    const result = await services.issuance.issue(session.customerId!, pending.draft, pending.formId, publicOrigin(c, services));
    if (result.status === 'refused') {
      delete session.issuance;
      return backToMenu(c, issueRefusal(c) ?? 'トークンは発行済みです。');
    }
    session.issued = { formId: pending.formId, issuanceId: result.issuance.id, mailSent: result.mailSent };
    delete session.issuance;
    return c.redirect('/ib/otp/issue/done');
  });

  app.get('/issue/done', async (c) => {
    const issued = c.var.session.issued;
    const issuance = issued && services.store.data.issuances[issued.issuanceId];
    if (!issued || !issuance) return c.redirect('/ib/otp');
    const tenant = services.store.data.tenants[issuance.tenantId]!;
    return render(c, <IssueDoneScreen chrome={chrome(c, services)} mail={issuance.mail} serviceId={tenant.serviceId} userId={issuance.userId} mailSent={issued.mailSent} />);
  });

  // BOK001 → BOK002
  app.get('/activate', async (c) => {
    if (!overview(c).canActivate) return backToMenu(c, 'ワンタイムパスワード利用開始は、トークン発行後に行えます。');
    return render(c, <ActivateScreen chrome={chrome(c, services)} digits={digits()} />);
  });

  app.post('/activate', async (c) => {
    if (!overview(c).canActivate) return c.redirect('/ib/otp');
    const outcome = await services.issuance.activate(customerOf(c, services).id, c.var.form.otp ?? '');
    if (outcome.reason === 'ok') return c.redirect('/ib/otp/activate/done');
    const problem = otpProblem(outcome, digits());
    return render(c, <ActivateScreen chrome={chrome(c, services)} digits={digits()} error={problem.page} fieldError={problem.field} />, 400);
  });

  app.get('/activate/done', async (c) => {
    if (overview(c).status !== 'active') return c.redirect('/ib/otp');
    return render(c, <ActivateDoneScreen chrome={chrome(c, services)} />);
  });

  // BOS001 → BOS002
  app.get('/release', async (c) => {
    if (!overview(c).canRelease) return backToMenu(c, 'ワンタイムパスワードは登録されていません。');
    return render(c, <ReleaseScreen chrome={chrome(c, services)} />);
  });

  app.post('/release', async (c) => {
    if (!overview(c).canRelease) return c.redirect(c.var.session.released ? '/ib/otp/release/done' : '/ib/otp');
    const screen = (problem: { page?: string | undefined; field?: string | undefined }) =>
      render(c, <ReleaseScreen chrome={chrome(c, services)} error={problem.page} fieldError={problem.field} />, 400);
    const password = c.var.form.confirmPassword ?? '';
    const formatError = confirmPasswordError(password);
    if (formatError) return screen({ field: formatError });
    const checked = await services.confirmPasswords.check(c.var.session.customerId!, password);
    if (checked.status !== 'ok') return screen(confirmPasswordProblem(checked));
    const { reissueFrom } = await services.issuance.release(c.var.session.customerId!);
    c.var.session.released = { reissueFrom };
    return c.redirect('/ib/otp/release/done');
  });

  app.get('/release/done', async (c) => {
    const released = c.var.session.released;
    if (!released) return c.redirect('/ib/otp');
    return render(c, <ReleaseDoneScreen chrome={chrome(c, services)} reissueFrom={released.reissueFrom} />);
  });

  return app;
}
