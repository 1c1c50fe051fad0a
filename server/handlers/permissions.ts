// The published permission catalog.
import { PERMISSIONS } from '../permissions.ts';
import type { Handler } from './common.ts';

export const listPermissions: Handler = async () => ({ status: 200, body: { items: PERMISSIONS } });
