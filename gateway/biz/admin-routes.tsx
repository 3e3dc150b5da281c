import type { CookiePolicy } from '../portal/context.ts';
import { Hono } from 'hono';
import type { Services } from '../services.ts';
import type { ConfirmResult } from '../auth/confirm-password.ts';
import type { VerifyOutcome } from '../otp/check.ts';
import type { Customer } from '../store/schema.ts';
import { originOf, takeFlash, type PortalContext, type PortalEnv } from '../portal/context.ts';
import { otpProblem } from '../portal/messages.ts';
import { render } from '../portal/render.ts';
import { userRow, type UserFilter } from './admin.ts';
import type { BizServices } from './index.ts';
import { approvalProblem, NO_SUCH_USER, NOT_ADMIN, serialProblem, SHARED_REGISTER, SHARED_RELEASE, START_AGAIN } from './messages.ts';
import { bizChrome, bizState } from './routes.tsx';
import { AdminMenuScreen, CurrentCodeScreen, NewTokenScreen, RegisteredScreen, ReleasedScreen, ReleaseScreen, UserListScreen, UserScreen, type FieldErrors, type UserView } from './screens/admin.tsx';
import { BizErrorScreen } from './screens/login.tsx';
import { companyHistory, jstDay } from './history.ts';
import { HistoryScreen } from './screens/history.tsx';
import { UnlockScreen } from './screens/unlock.tsx';
import { holdsSharedToken, usageOf, usesAdminToken } from './usage.ts';
import { usageRoutes } from './usage-routes.tsx';

const PAGE_SIZE = 10;
/** How long a proved current code (BOA003) lets the administrator go on to BOA004. */
const PROOF_MS = 5 * 60_000;

function filterOf(query: Record<string, string>): UserFilter {
  const status = query.status === 'registered' || query.status === 'unregistered' ? query.status : undefined;
  return { ...(query.id?.trim() ? { id: query.id.trim().slice(0, 32) } : {}), ...(query.name?.trim() ? { name: query.name.trim().slice(0, 64) } : {}), ...(status ? { status } : {}) };
}

/** 管理機能 (BKN001) and ワンタイムパスワード認証情報管理 (BOA001–BOA011): administrators only. */
export function adminRoutes(services: Services, biz: BizServices, policy: CookiePolicy): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const { admin } = biz;
  const digits = (c: PortalContext) => c.var.tenant.policy.digits;
  const view = (c: PortalContext, user: Customer): UserView => userRow(c.var.customer, user);
  /** BOA002 again with why shared mode refuses this (409). */
  const sharedRefusal = (c: PortalContext, user: Customer, message: string) => render(c, <UserScreen chrome={bizChrome(c)} user={view(c, user)} error={message} />, 409);
  app.use('*', async (c, next) => {
    if (c.var.customer.role !== 'admin') return render(c, <BizErrorScreen chrome={bizChrome(c)} message={NOT_ADMIN} />, 403);
    await next();
  });
  /** The selected user of this administrator's company, or the refusal page. */
  const withUser = async (c: PortalContext, id: string | undefined, then: (user: Customer) => Promise<Response>) => {
    const user = await admin.member(c.var.customer, id);
    if (!user) return render(c, <BizErrorScreen chrome={bizChrome(c)} message={NO_SUCH_USER} />, 404);
    return then(user);
  };
  const proofFor = (c: PortalContext, user: Customer) => {
    const proof = bizState(c).proof;
    return proof && proof.customerId === user.id && proof.serial === user.tokenSerial && proof.until > services.now() ? proof : undefined;
  };

  app.get('/', (c) => render(c, <AdminMenuScreen chrome={bizChrome(c)} />));

  app.get('/unlock', async (c) => render(c, <UnlockScreen chrome={bizChrome(c)} users={await admin.locked(c.var.customer)} notice={takeFlash(c.var.session)} />));
  app.post('/unlock', (c) =>
    withUser(c, c.var.form.customerId, async (user) => {
      const password = c.var.form.approvalPassword ?? '';
      const again = async (status: 400 | 403, fieldError?: string, error?: string) => render(c, <UnlockScreen chrome={bizChrome(c)} users={await admin.locked(c.var.customer)} fieldError={fieldError} error={error} />, status);
      if (password === '') return again(400, '承認用パスワードを入力してください。');
      const result = await admin.unlock(c.var.customer, user, password, originOf(c, policy));
      if (result.status === 'password') {
        const problem = approvalProblem(result.result);
        return again(problem.page ? 403 : 400, problem.field, problem.page);
      }
      c.var.session.flash = `${user.id}（${user.name}）のロックを解除しました。`;
      return c.redirect('/biz/admin/unlock');
    }),
  );

  app.get('/history', async (c) => {
    const { customerId = '', date = '', before = '' } = c.req.query();
    const query = { ...(customerId.trim() ? { customerId: customerId.trim().slice(0, 32) } : {}), ...(date.trim() ? { date: date.trim().slice(0, 10) } : {}), ...(/^\d{13}-[0-9a-f]{12}$/.test(before) ? { before } : {}) };
    const company = await admin.company(c.var.customer);
    const problem =
      query.date && !jstDay(query.date) ? '日付はYYYY-MM-DDの形式で入力してください。' : query.customerId && !company.some((user) => user.id === query.customerId) ? NO_SUCH_USER : undefined;
    if (problem) return render(c, <HistoryScreen chrome={bizChrome(c)} events={[]} query={query} error={problem} />, 400);
    const { events, next } = await companyHistory(services.db, c.var.customer, company, query);
    return render(c, <HistoryScreen chrome={bizChrome(c)} events={events} next={next} query={query} />);
  });

  app.get('/otp', async (c) => {
    const filter = filterOf(c.req.query());
    const rows = await admin.rows(c.var.customer, filter);
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const first = (page - 1) * PAGE_SIZE;
    return render(c, <UserListScreen chrome={bizChrome(c)} list={{ rows: rows.slice(first, first + PAGE_SIZE), page, pages, total: rows.length, first: first + 1, filter, usage: usageOf(c.var.customer) }} />);
  });
  app.route('/otp/usage', usageRoutes(biz.usage, policy));

  app.get('/otp/user', (c) => withUser(c, c.req.query('customerId'), async (user) => render(c, <UserScreen chrome={bizChrome(c)} user={view(c, user)} />)));

  // 登録 ▶: an exchange proves the current token first (BOA003), a first registration goes to BOA004.
  app.get('/otp/register', (c) =>
    withUser(c, c.req.query('customerId'), async (user) => {
      if (usesAdminToken(c.var.customer, user)) return sharedRefusal(c, user, SHARED_REGISTER);
      if (user.tokenSerial && !proofFor(c, user)) return render(c, <CurrentCodeScreen chrome={bizChrome(c)} user={view(c, user)} digits={digits(c)} />);
      return render(c, <NewTokenScreen chrome={bizChrome(c)} user={view(c, user)} digits={digits(c)} />);
    }),
  );

  app.post('/otp/current', (c) =>
    withUser(c, c.var.form.customerId, async (user) => {
      if (!user.tokenSerial) return c.redirect(`/biz/admin/otp/register?customerId=${encodeURIComponent(user.id)}`);
      const outcome = await admin.proveCurrent(c.var.customer, user, c.var.form.otp ?? '', originOf(c, policy));
      if (outcome.reason !== 'ok') {
        const problem = otpProblem(outcome, digits(c));
        return render(c, <CurrentCodeScreen chrome={bizChrome(c)} user={view(c, user)} digits={digits(c)} error={problem.page} fieldError={problem.field} />, 400);
      }
      bizState(c).proof = { customerId: user.id, serial: user.tokenSerial, until: services.now() + PROOF_MS };
      return c.redirect(`/biz/admin/otp/register?customerId=${encodeURIComponent(user.id)}`);
    }),
  );

  app.post('/otp/new', (c) =>
    withUser(c, c.var.form.customerId, async (user) => {
      const proof = proofFor(c, user);
      if (user.tokenSerial && !proof) return render(c, <CurrentCodeScreen chrome={bizChrome(c)} user={view(c, user)} digits={digits(c)} error={START_AGAIN} />, 409);
      const { serial = '', otp = '', approvalPassword = '' } = c.var.form;
      const errors: FieldErrors = {
        ...(serial.trim() === '' ? { serial: 'シリアル番号を入力してください。' } : {}),
        ...(otp.trim() === '' ? { otp: 'ワンタイムパスワードを入力してください。' } : {}),
        ...(approvalPassword === '' ? { approvalPassword: '承認用パスワードを入力してください。' } : {}),
      };
      const again = (status: 400 | 409 | 403, fields: FieldErrors, error?: string) =>
        render(c, <NewTokenScreen chrome={bizChrome(c)} user={view(c, user)} digits={digits(c)} errors={fields} error={error} />, status);
      if (Object.keys(errors).length > 0) return again(400, errors);
      const result = await admin.register(c.var.customer, user, { serial, otp, approvalPassword, currentSerial: user.tokenSerial }, originOf(c, policy));
      switch (result.status) {
        case 'ok': {
          const state = bizState(c);
          delete state.proof;
          state.done = { customerId: user.id, kind: result.exchanged ? 'exchanged' : 'registered' };
          return c.redirect('/biz/admin/otp/done');
        }
        case 'password':
        case 'otp': {
          const refusal = credentialRefusal(result, digits(c));
          return again(refusal.status, refusal.fields, refusal.error);
        }
        case 'changed':
          return render(c, <BizErrorScreen chrome={bizChrome(c)} message={START_AGAIN} />, 409);
        case 'shared':
          return sharedRefusal(c, user, SHARED_REGISTER);
        default:
          return again(result.status === 'bound' ? 409 : 400, { serial: serialProblem(result.status) });
      }
    }),
  );

  app.get('/otp/done', async (c) => {
    const done = bizState(c).done;
    if (!done || done.kind === 'released') return c.redirect('/biz/admin/otp');
    return withUser(c, done.customerId, async (user) => render(c, <RegisteredScreen chrome={bizChrome(c)} user={view(c, user)} exchanged={done.kind === 'exchanged'} />));
  });

  app.get('/otp/release', (c) =>
    withUser(c, c.req.query('customerId'), async (user) => {
      if (!user.tokenSerial) return c.redirect(`/biz/admin/otp/user?customerId=${encodeURIComponent(user.id)}`);
      if (holdsSharedToken(c.var.customer, user)) return sharedRefusal(c, user, SHARED_RELEASE);
      return render(c, <ReleaseScreen chrome={bizChrome(c)} user={view(c, user)} digits={digits(c)} />);
    }),
  );

  app.post('/otp/release', (c) =>
    withUser(c, c.var.form.customerId, async (user) => {
      const { otp = '', approvalPassword = '' } = c.var.form;
      const again = (status: 400 | 403, fields: FieldErrors, error?: string) =>
        render(c, <ReleaseScreen chrome={bizChrome(c)} user={view(c, user)} digits={digits(c)} errors={fields} error={error} />, status);
      const errors: FieldErrors = {
        ...(otp.trim() === '' ? { otp: 'ワンタイムパスワードを入力してください。' } : {}),
        ...(approvalPassword === '' ? { approvalPassword: '承認用パスワードを入力してください。' } : {}),
      };
      if (Object.keys(errors).length > 0) return again(400, errors);
      const result = await admin.release(c.var.customer, user, { otp, approvalPassword }, originOf(c, policy));
      switch (result.status) {
        case 'ok':
          bizState(c).done = { customerId: user.id, kind: 'released' };
          return c.redirect('/biz/admin/otp/released');
        case 'none':
          return c.redirect(`/biz/admin/otp/user?customerId=${encodeURIComponent(user.id)}`);
        case 'shared':
          return sharedRefusal(c, user, SHARED_RELEASE);
        case 'password':
        case 'otp': {
          const refusal = credentialRefusal(result, digits(c));
          return again(refusal.status, refusal.fields, refusal.error);
        }
      }
    }),
  );

  app.get('/otp/released', async (c) => {
    const done = bizState(c).done;
    if (done?.kind !== 'released') return c.redirect('/biz/admin/otp');
    return withUser(c, done.customerId, async (user) => render(c, <ReleasedScreen chrome={bizChrome(c)} user={view(c, user)} />));
  });
  return app;
}

/** A wrong 承認用パスワード (403 once it is locked) or a refused code, as BOA004 and BOA006 show it. */
function credentialRefusal(
  result: { status: 'password'; result: Exclude<ConfirmResult, { status: 'ok' }> } | { status: 'otp'; outcome: VerifyOutcome },
  digits: number,
): { status: 400 | 403; fields: FieldErrors; error: string | undefined } {
  if (result.status === 'password') {
    const problem = approvalProblem(result.result);
    return { status: problem.page ? 403 : 400, fields: problem.field ? { approvalPassword: problem.field } : {}, error: problem.page };
  }
  const problem = otpProblem(result.outcome, digits);
  return { status: 400, fields: problem.field ? { otp: problem.field } : {}, error: problem.page };
}
