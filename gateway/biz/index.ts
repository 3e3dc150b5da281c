import type { Services } from '../services.ts';
import { BizAdminService } from './admin.ts';
import { EnrolmentService } from './enrolment.ts';

/** The business-banking services, built once over the shared ones. */
export function bizServices(services: Services): { enrolment: EnrolmentService; admin: BizAdminService } {
  return {
    enrolment: new EnrolmentService(services.db, services.tokens, services.audit, services.now),
    admin: new BizAdminService(services.db, services.tokens, services.confirmPasswords, services.audit, services.now),
  };
}
