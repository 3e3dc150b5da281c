import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { confirmPasswordError, validateIssuanceForm } from '../issuance/input.ts';
import type { Services } from '../services.ts';
import { formatJst } from '../time.ts';
import { originOf, takeFlash, type CookiePolicy, type PortalContext, type PortalEnv } from './context.ts';
import { formOf, rememberForm } from './forms.ts';
import { confirmPasswordProblem, otpProblem } from './messages.ts';
import { chrome, publicOrigin, render } from './render.ts';
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
export function otpRoutes(services: Services, policy: CookiePolicy): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const overview = (c: PortalContext) => services.issuance.overview(c.var.customer.id);
  const digits = (c: PortalContext) => c.var.tenant.policy.digits;
  const STALE_ISSUE = 'トークン発行の画面が古くなっています。もう一度お手続き下さい。';
  const backToMenu = (c: PortalContext, message: string) => {
    c.var.session.flash = message;
    return c.redirect('/ib/otp');
  };

  app.get('/', async (c) => render(c, <OtpMenuScreen chrome={chrome(c)} overview={await overview(c)} error={takeFlash(c.var.session)} />));

  // BOT001 → BOT003 → BOT002
  const issueRefusal = async (c: PortalContext): Promise<string | null> => {
    const state = await overview(c);
    if (state.reissueFrom !== undefined) return `利用解除の当日はトークン発行を行えません。${formatJst(state.reissueFrom)}以降に再度お手続き下さい。`;
    if (!state.canIssue) return 'トークンは発行済みです。新たに発行する場合は、利用解除を行って下さい。';
    return null;
  };

  // Each BOT001 form keeps its own input under its id, so two tabs never mix their addresses.
  app.get('/issue', async (c) => {
    const refusal = await issueRefusal(c);
    if (refusal) return backToMenu(c, refusal);
    const session = c.var.session;
    // 戻る from BOT003 keeps the form (and its id); a fresh visit starts a new one.
    const back = c.req.query('form');
    const formId = back && formOf(session.issuances, back) ? back : randomUUID();
    session.issuances = rememberForm(session.issuances, formId, formOf(session.issuances, formId) ?? {});
    return render(c, <IssueInputScreen chrome={chrome(c)} formId={formId} mail={session.issuances[formId]!.draft?.mail ?? ''} />);
  });

  app.post('/issue', async (c) => {
    const session = c.var.session;
    const form = c.var.form;
    const formId = form.formId ?? '';
    if (!formOf(session.issuances, formId)) return backToMenu(c, STALE_ISSUE);
    const checked = validateIssuanceForm({
      mail: form.mail ?? '',
      mailConfirm: form.mailConfirm ?? '',
      startPassword: form.startPassword ?? '',
      startPasswordConfirm: form.startPasswordConfirm ?? '',
    });
    if ('errors' in checked) {
      return render(c, <IssueInputScreen chrome={chrome(c)} formId={formId} mail={form.mail ?? ''} errors={checked.errors} />, 400);
    }
    session.issuances = rememberForm(session.issuances, formId, { draft: await services.issuance.prepare(checked.input) });
    return c.redirect(`/ib/otp/issue/confirm?form=${encodeURIComponent(formId)}`);
  });

  app.get('/issue/confirm', async (c) => {
    const formId = c.req.query('form') ?? '';
    const draft = formOf(c.var.session.issuances, formId)?.draft;
    if (!draft) return backToMenu(c, STALE_ISSUE);
    return render(c, <IssueConfirmScreen chrome={chrome(c)} formId={formId} mail={draft.mail} />);
  });

  app.post('/issue/confirm', async (c) => {
    const session = c.var.session;
    const form = c.var.form;
    const formId = form.formId ?? '';
    const customerId = c.var.customer.id;
    // A second 確定する of a form that already went through (a double submit, a reload): show its result.
    const done = await services.issuance.byForm(customerId, formId);
    if (done) {
      session.issued = { formId, issuanceId: done.id };
      return c.redirect('/ib/otp/issue/done');
    }
    const draft = formOf(session.issuances, formId)?.draft;
    if (!draft) return backToMenu(c, STALE_ISSUE);
    if (form.action === 'cancel') {
      delete session.issuances![formId];
      return backToMenu(c, 'トークン発行を中止しました。');
    }
    const screen = (problem: { page?: string | undefined; field?: string | undefined }) =>
      render(c, <IssueConfirmScreen chrome={chrome(c)} formId={formId} mail={draft.mail} error={problem.page} fieldError={problem.field} />, 400);
    const password = form.confirmPassword ?? '';
    const formatError = confirmPasswordError(password);
    if (formatError) return screen({ field: formatError });
    const checked = await services.confirmPasswords.check(customerId, password, originOf(c, policy));
    if (checked.status !== 'ok') return screen(confirmPasswordProblem(checked));

    const result = await services.issuance.issue(customerId, draft, formId, publicOrigin(c, services), originOf(c, policy));
    delete session.issuances![formId];
    if (result.status === 'refused') return backToMenu(c, (await issueRefusal(c)) ?? 'トークンは発行済みです。');
    session.issued = { formId, issuanceId: result.issuance.id };
    return c.redirect('/ib/otp/issue/done');
  });

  app.get('/issue/done', async (c) => {
    const issued = c.var.session.issued;
    const issuance = issued && (await services.issuance.byForm(c.var.customer.id, issued.formId));
    if (!issued || !issuance) return c.redirect('/ib/otp');
    return render(c, <IssueDoneScreen chrome={chrome(c)} mail={issuance.mail} serviceId={c.var.tenant.serviceId} userId={issuance.userId} />);
  });

  // BOK001 → BOK002
  app.get('/activate', async (c) => {
    const state = await overview(c);
    if (state.voided) return backToMenu(c, '発行済みのトークンは無効になりました。再度トークン発行を行って下さい。');
    if (!state.canActivate) return backToMenu(c, 'ワンタイムパスワード利用開始は、トークン発行後に行えます。');
    return render(c, <ActivateScreen chrome={chrome(c)} digits={digits(c)} />);
  });

  app.post('/activate', async (c) => {
    if (!(await overview(c)).canActivate) return c.redirect('/ib/otp');
    const outcome = await services.issuance.activate(c.var.customer.id, c.var.form.otp ?? '', originOf(c, policy));
    if (outcome.reason === 'ok') return c.redirect('/ib/otp/activate/done');
    const problem = otpProblem(outcome, digits(c));
    return render(c, <ActivateScreen chrome={chrome(c)} digits={digits(c)} error={problem.page} fieldError={problem.field} />, 400);
  });

  app.get('/activate/done', async (c) => {
    if ((await overview(c)).status !== 'active') return c.redirect('/ib/otp');
    return render(c, <ActivateDoneScreen chrome={chrome(c)} />);
  });

  // BOS001 → BOS002
  app.get('/release', async (c) => {
    if (!(await overview(c)).canRelease) return backToMenu(c, 'ワンタイムパスワードは登録されていません。');
    return render(c, <ReleaseScreen chrome={chrome(c)} />);
  });

  app.post('/release', async (c) => {
    if (!(await overview(c)).canRelease) return c.redirect(c.var.session.released ? '/ib/otp/release/done' : '/ib/otp');
    const screen = (problem: { page?: string | undefined; field?: string | undefined }) =>
      render(c, <ReleaseScreen chrome={chrome(c)} error={problem.page} fieldError={problem.field} />, 400);
    const password = c.var.form.confirmPassword ?? '';
    const formatError = confirmPasswordError(password);
    if (formatError) return screen({ field: formatError });
    const checked = await services.confirmPasswords.check(c.var.customer.id, password, originOf(c, policy));
    if (checked.status !== 'ok') return screen(confirmPasswordProblem(checked));
    const { reissueFrom } = await services.issuance.release(c.var.customer.id, originOf(c, policy));
    c.var.session.released = { reissueFrom };
    return c.redirect('/ib/otp/release/done');
  });

  app.get('/release/done', async (c) => {
    const released = c.var.session.released;
    if (!released) return c.redirect('/ib/otp');
    return render(c, <ReleaseDoneScreen chrome={chrome(c)} reissueFrom={released.reissueFrom} />);
  });

  return app;
}
