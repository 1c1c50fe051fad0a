// ServiceAccount: a `warden_service_account` with its roles and keys in one construct.
// Roles are either authoritative (`roles` prop → warden_service_account_roles) or
// additive (`grant()` → one warden_role_assignment each); never both.
import { Construct } from 'constructs';
import { DataWardenServiceAccount } from '../generated/providers/warden/data-warden-service-account/index.ts';
import { RoleAssignment } from '../generated/providers/warden/role-assignment/index.ts';
import { ServiceAccountRoles } from '../generated/providers/warden/service-account-roles/index.ts';
import { ServiceAccount as ServiceAccountResource } from '../generated/providers/warden/service-account/index.ts';
import { ApiKey, type ApiKeyProps } from './api-key.ts';

export interface ServiceAccountProps {
  /** Unique lowercase slug in the organization, e.g. `ci-github-actions`. */
  readonly name: string;
  /** What the account is for. @default "" */
  readonly description?: string;
  /** Stop every key of the account. @default false */
  readonly disabled?: boolean;
  /** Refuse `destroy` while true. @default false */
  readonly deletionProtection?: boolean;
  /** The complete role set (authoritative). @default undefined — use grant() for additive roles */
  readonly roles?: string[];
}

export type AddKeyOptions = Omit<ApiKeyProps, 'serviceAccountId'>;

/**
 * A Warden service account with its roles and API keys.
 *
 * @example
 * const ci = new ServiceAccount(this, 'ci', { name: 'ci-github-actions', roles: ['member'] });
 * ci.addKey({ label: 'github-actions-prod', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h' });
 */
export class ServiceAccount extends Construct {
  readonly resource: ServiceAccountResource;
  readonly name: string;
  readonly keys: ApiKey[] = [];
  readonly grants: RoleAssignment[] = [];
  readonly roleSet?: ServiceAccountRoles;
  private readonly roleNames: string[];

  /** An existing service account, looked up by name (read-only). */
  static fromName(scope: Construct, id: string, name: string): DataWardenServiceAccount {
    return new DataWardenServiceAccount(scope, id, { name });
  }

  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id);
    this.name = props.name;
    this.roleNames = [...(props.roles ?? [])];
    this.resource = new ServiceAccountResource(this, 'account', {
      name: props.name,
      description: props.description,
      disabled: props.disabled,
      deletionProtection: props.deletionProtection,
    });
    if (props.roles !== undefined) {
      this.roleSet = new ServiceAccountRoles(this, 'roles', { serviceAccountId: this.resource.id, roles: props.roles });
    }
  }

  get id(): string {
    return this.resource.id;
  }

  /** Roles declared on this construct (authoritative set and grants). */
  get roles(): readonly string[] {
    return this.roleNames;
  }

  /** Grants one role additively. */
  grant(role: string): RoleAssignment {
    if (this.roleSet) {
      throw new Error(`${this.node.path}: roles are declared authoritatively with the "roles" prop; add "${role}" there instead of calling grant()`);
    }
    this.roleNames.push(role);
    const assignment = new RoleAssignment(this, `grant-${role}`, { serviceAccountId: this.resource.id, role });
    this.grants.push(assignment);
    return assignment;
  }

  /** Issues a key; its construct id is the label. */
  addKey(options: AddKeyOptions): ApiKey {
    const key = new ApiKey(this, `key-${options.label}`, { ...options, serviceAccountId: this.resource.id });
    this.keys.push(key);
    return key;
  }
}
