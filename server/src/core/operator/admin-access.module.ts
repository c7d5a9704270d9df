import { Module } from '@nestjs/common';
import { ADMIN_ACCESS, AdminTokenAccess } from './admin-access';

/** Provides the one AdminAccessPolicy; swap the class here when admin pages should accept signed-in owners and admins. */
@Module({ providers: [{ provide: ADMIN_ACCESS, useClass: AdminTokenAccess }], exports: [ADMIN_ACCESS] })
export class AdminAccessModule {}
