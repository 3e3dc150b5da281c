import { BUSINESS_POLICY, PERSONAL_POLICY } from './otp/policy.ts';
import { hashPassword, PASSWORD_COST, type ScryptCost } from './security/password.ts';
import type { Database } from './store/database.ts';
import type { Account, Customer, Tenant } from './store/schema.ts';

/**
 * The fictional institutions and people created on first start. Their credentials are
 * documented in the README so that testers and scripts can log in.
 */
export const DEMO_TENANTS: Tenant[] = [
  { id: 'himawari', name: 'ひまわり台信用組合', kind: 'personal', serviceId: '10100001', policy: PERSONAL_POLICY },
  { id: 'kodama', name: 'こだま野信用金庫', kind: 'business', serviceId: '20200001', policy: BUSINESS_POLICY },
];

interface DemoCustomer {
  id: string;
  tenantId: string;
  loginId: string;
  name: string;
  role: Customer['role'];
  password: string;
  confirmPassword?: string;
  adminId?: string;
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  { id: 'c-taro', tenantId: 'himawari', loginId: 'taro', name: '見本 太郎', role: 'personal', password: 'Passw0rd!', confirmPassword: 'kakunin1' },
  { id: 'c-hanako', tenantId: 'himawari', loginId: 'hanako', name: '見本 花子', role: 'personal', password: 'Passw0rd!', confirmPassword: 'kakunin2' },
  { id: 'W0001', tenantId: 'kodama', loginId: 'admin01', name: 'こだま 一郎', role: 'admin', password: 'Passw0rd!', confirmPassword: 'shonin01' },
  // 11 一般者 under admin01, so that BOA001's list has two pages.
  ...['二郎', '三子', '四郎', '五月', '六助', '七海', '八雲', '九美', '十和', '十一', '十二'].map(
    (given, i): DemoCustomer => {
      const id = `W${String(i + 2).padStart(4, '0')}`;
      return { id, tenantId: 'kodama', loginId: id, name: `こだま ${given}`, role: 'general', password: 'Passw0rd!', adminId: 'W0001' };
    },
  ),
];

/** Personal customers' accounts, each with payees registered in advance (no OTP needed). */
export const DEMO_ACCOUNTS: Account[] = [
  {
    customerId: 'c-taro', branch: '本店営業部', accountType: '普通', accountNumber: '1234567', balance: 1_250_000,
    payees: [
      { id: 'p-1', bank: 'ひまわり台信用組合', branch: '駅前支店', accountType: '普通', accountNumber: '7654321', holder: 'ミホン ハナコ' },
      { id: 'p-2', bank: 'さくら坂銀行', branch: '中央支店', accountType: '当座', accountNumber: '0011223', holder: 'カ)サンプルショウジ' },
    ],
  },
  {
    customerId: 'c-hanako', branch: '駅前支店', accountType: '普通', accountNumber: '7654321', balance: 380_000,
    payees: [{ id: 'p-1', bank: 'ひまわり台信用組合', branch: '本店営業部', accountType: '普通', accountNumber: '1234567', holder: 'ミホン タロウ' }],
  },
];

/**
 * The demo passwords' hashes at the production cost, made once (`hashPassword`) and kept here: the
 * passwords are public (README), and hashing them afresh was about 160 ms of CPU in every first start,
 * i.e. in every scenario run's gateway. A password missing here, or another cost, is hashed at start.
 */
export const DEMO_PASSWORD_HASHES: ReadonlyMap<string, string> = new Map([
  ['Passw0rd!', 'scrypt$16384$8$1$B4i8whT5o_tgRa8GfmtFbg$Kzzmh7QIUpC1eW0HyWdRV7z_x-31MYYv5KeK6y1-Jfk'],
  ['kakunin1', 'scrypt$16384$8$1$y3nYCllZJYps6W0HwOCZEQ$hu8q4_qbQry_5Kn0_Z1haj3gS1GtywG4P7EDgd13y1c'],
  ['kakunin2', 'scrypt$16384$8$1$dgzvMObOZb9RZUzKCOkvew$JqR-V8d_PrkSow6mEcg0zL3eJm-xEkf2j4y-OZTqCLc'],
  ['shonin01', 'scrypt$16384$8$1$lhreCfltVaQAvrIKu7AuEg$cvsLpaMkLYfy9y9I0-DCdrTS_sXCAmJ8F5Ex8TZETbo'],
]);

const sameCost = (a: ScryptCost, b: ScryptCost) => a.N === b.N && a.r === b.r && a.p === b.p;

/** Fills an empty store with the demo banks, customers and accounts (first start only). */
export async function seedDemo(db: Database, cost: ScryptCost): Promise<boolean> {
  if ((await db.tenants.list()).length > 0) return false;
  const known = sameCost(cost, PASSWORD_COST) ? DEMO_PASSWORD_HASHES : undefined;
  // One hash per distinct password: the demo start stays quick.
  const hashes = new Map<string, Promise<string>>();
  const hash = (password: string) => {
    if (!hashes.has(password)) hashes.set(password, Promise.resolve(known?.get(password) ?? hashPassword(password, cost)));
    return hashes.get(password)!;
  };
  const customers = await Promise.all(
    DEMO_CUSTOMERS.map(async ({ password, confirmPassword, ...person }): Promise<Customer> => ({
      ...person,
      passwordHash: await hash(password),
      ...(confirmPassword ? { confirmPasswordHash: await hash(confirmPassword) } : {}),
      otpStatus: 'none',
      loginFailures: 0,
      confirmFailures: 0,
    })),
  );
  await db.transaction(async (tx) => {
    if ((await tx.tenants.list()).length > 0) return;
    for (const tenant of DEMO_TENANTS) await tx.tenants.put(structuredClone(tenant));
    for (const customer of customers) await tx.customers.put(customer);
    for (const account of DEMO_ACCOUNTS) await tx.accounts.put(structuredClone(account));
  });
  return true;
}
