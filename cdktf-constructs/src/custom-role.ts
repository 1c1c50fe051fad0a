// CustomRole: a `warden_role` — a named set of permissions from the server's catalog.
// Only the shape is checked here; the provider checks names against the live catalog at
// plan time, so this library never carries a copy that could drift from the server.
import { Construct } from 'constructs';
import { Role } from '../generated/providers/warden/role/index.ts';
import { Problems, isKnown } from './validation.ts';
import { BUILTIN_ROLE_NAMES } from '@wardenhq/sdk';

/** Built-in roles: immutable, and never the name of a custom role. */
export const BUILTIN_ROLES: readonly string[] = BUILTIN_ROLE_NAMES;
const PERMISSION = /^[a-z_]+:[a-z_]+$/;

export interface CustomRoleProps {
  /** Role name, a slug that is not a built-in role. Changing it replaces the role. */
  readonly name: string;
  /** What the role is for. @default "" */
  readonly description?: string;
  /** Permissions from the catalog, e.g. `['org:read', 'keys:read']`. */
  readonly permissions: string[];
}

/**
 * A custom role. Pass it (or its name) to `ServiceAccount` roles or `grant()`; passing the
 * construct makes Terraform create the role before the assignment.
 *
 * @example
 * const deployer = new CustomRole(this, 'deployer', { name: 'deployer', permissions: ['org:read', 'keys:write'] });
 * new ServiceAccount(this, 'ci', { name: 'ci-prod', roles: [deployer] });
 */
export class CustomRole extends Construct {
  /** The generated `warden_role` resource, for escape hatches. */
  readonly resource: Role;

  constructor(scope: Construct, id: string, props: CustomRoleProps) {
    super(scope, id);
    const problems = new Problems();
    problems.slug('name', props.name);
    if (isKnown(props.name) && (BUILTIN_ROLES as readonly string[]).includes(props.name)) {
      problems.add('name', `"${props.name}" is a built-in role; choose another name`);
    }
    if (Array.isArray(props.permissions)) {
      if (props.permissions.length === 0) {
        problems.add('permissions', 'must hold at least one permission (e.g. org:read)');
      }
      props.permissions.forEach((p, i) => {
        if (isKnown(p) && !PERMISSION.test(p)) {
          problems.add(`permissions[${i}]`, `${JSON.stringify(p)} is not a permission (e.g. keys:read)`);
        }
      });
    }
    problems.throwIfAny(this.node.path);
    this.resource = new Role(this, 'role', { name: props.name, description: props.description, permissions: props.permissions });
  }

  /**
   * The role name as a reference to the resource's `id` (which equals the name). `id` is
   * computed, so on the first plan it is unknown: the provider's plan-time "unknown role"
   * check waits, and Terraform creates the role before the assignments that use it.
   * (`name` would be known at plan time and fail that check while the role does not exist.)
   */
  get name(): string {
    return this.resource.id;
  }
}

/** A role as accepted by `ServiceAccount`: a built-in or custom role name, or a CustomRole. */
export type RoleRef = string | CustomRole;

export function roleName(role: RoleRef): string {
  return typeof role === 'string' ? role : role.name;
}
