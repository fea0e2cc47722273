import type { Role } from '../../core/resolution.ts'

/**
 * The roles that see the leads' routes. Its own module so the app can check it without loading the
 * API's description (openapi-routes.ts, which documents the routes with it).
 */
export const LEAD_ROLES: readonly Role[] = ['lead', 'finance_controller', 'admin']
