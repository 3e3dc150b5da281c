import type { Services } from '../services.ts';
import { BizAdminService } from './admin.ts';
import { EnrolmentService } from './enrolment.ts';
import { UsageService } from './usage.ts';

export interface BizServices {
  enrolment: EnrolmentService;
  admin: BizAdminService;
  usage: UsageService;
}

/** The business-banking services, built once over the shared ones. */
export function bizServices(services: Services): BizServices {
  return {
    enrolment: new EnrolmentService(services.db, services.tokens, services.audit, services.now),
    admin: new BizAdminService(services.db, services.tokens, services.confirmPasswords, services.audit, services.now),
    usage: new UsageService(services.db, services.confirmPasswords, services.audit),
  };
}
