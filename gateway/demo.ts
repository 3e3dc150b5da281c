import { BUSINESS_POLICY, PERSONAL_POLICY } from './otp/policy.ts';
import { hashPassword } from './security/password.ts';
import type { Account, Customer, Data, Tenant } from './store/schema.ts';

/**
 * The fictional institutions and people created on first start. Their credentials are
 * documented in the README so that testers and scripts can log in.
 */
export const DEMO_TENANTS: Tenant[] = [
  { id: 'himawari', name: 'ひまわり台信用組合', kind: 'personal', serviceId: '10100001', policy: PERSONAL_POLICY, lastUserId: '999800000000' },
  { id: 'kodama', name: 'こだま野信用金庫', kind: 'business', serviceId: '20200001', policy: BUSINESS_POLICY, lastUserId: '999800000000' },
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
  { id: 'W0002', tenantId: 'kodama', loginId: 'W0002', name: 'こだま 二郎', role: 'general', password: 'Passw0rd!', adminId: 'W0001' },
  { id: 'W0005', tenantId: 'kodama', loginId: 'W0005', name: 'こだま 五月', role: 'general', password: 'Passw0rd!', adminId: 'W0001' },
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

export async function demoData(): Promise<Pick<Data, 'tenants' | 'customers' | 'accounts'>> {
  const customers = await Promise.all(
    DEMO_CUSTOMERS.map(async ({ password, confirmPassword, ...person }): Promise<Customer> => ({
      ...person,
      passwordHash: await hashPassword(password),
      ...(confirmPassword ? { confirmPasswordHash: await hashPassword(confirmPassword) } : {}),
      otpStatus: 'none',
      loginFailures: 0,
      confirmFailures: 0,
    })),
  );
  return {
    tenants: Object.fromEntries(DEMO_TENANTS.map((tenant) => [tenant.id, structuredClone(tenant)])),
    customers: Object.fromEntries(customers.map((customer) => [customer.id, customer])),
    accounts: Object.fromEntries(DEMO_ACCOUNTS.map((account) => [account.customerId, structuredClone(account)])),
  };
}
