// ServiceAccount: a `warden_service_account` with its roles and keys in one construct.
// Roles are either authoritative (`roles` prop → one warden_service_account_roles that
// removes anything not listed) or additive (`grant()` → one warden_role_assignment each);
// never both on one account, as the provider's schema requires.
// `ServiceAccount.fromName` wraps an existing account (data source) with the same
// `grant`/`addKey` surface.
import { Token } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { DataWardenServiceAccount } from '../generated/providers/warden/data-warden-service-account/index.ts';
import { RoleAssignment } from '../generated/providers/warden/role-assignment/index.ts';
import { ServiceAccountRoles } from '../generated/providers/warden/service-account-roles/index.ts';
import { ServiceAccount as ServiceAccountResource } from '../generated/providers/warden/service-account/index.ts';
import { ApiKey, type ApiKeyProps } from './api-key.ts';
import { CustomRole, roleName, type RoleRef } from './custom-role.ts';
import { Problems, isKnown } from './validation.ts';

export interface ServiceAccountProps {
  /** Unique lowercase slug in the organization, e.g. `ci-github-actions`. Changing it replaces the account. */
  readonly name: string;
  /** What the account is for. @default "" */
  readonly description?: string;
  /** Stop every key of the account at once (reversible). @default false */
  readonly disabled?: boolean;
  /** Refuse `destroy` while true. @default false */
  readonly deletionProtection?: boolean;
  /**
   * The complete role set (authoritative: roles not listed are removed, `[]` removes all).
   * @default undefined — roles are not managed here, or granted additively with `grant()`
   */
  readonly roles?: RoleRef[];
}

/** Options of `addKey`: everything of an ApiKey but the account. */
export type AddKeyOptions = Omit<ApiKeyProps, 'serviceAccountId'>;

/** What both a declared and an imported service account offer. */
export interface IServiceAccount extends IConstruct {
  /** `sa_…` id (token). */
  readonly id: string;
  /** The account name as declared or looked up. */
  readonly name: string;
  /** Keys added through this construct. */
  readonly keys: readonly ApiKey[];
  /** Grants one role additively. */
  grant(role: RoleRef): RoleAssignment;
  /** Issues an API key for this account. */
  addKey(options: AddKeyOptions): ApiKey;
}

/** Construct id of a key or grant: readable when the value is a literal, indexed otherwise. */
function childId(prefix: string, value: RoleRef, index: number): string {
  if (value instanceof CustomRole) {
    return `${prefix}-${value.node.id}`;
  }
  return isKnown(value) ? `${prefix}-${value}` : `${prefix}-${index}`;
}

/** grant/addKey shared by declared and imported accounts. */
abstract class ServiceAccountBase extends Construct implements IServiceAccount {
  abstract readonly id: string;
  abstract readonly name: string;
  private readonly keyList: ApiKey[] = [];
  private readonly grantList: RoleAssignment[] = [];
  private readonly granted = new Set<string>();

  get keys(): readonly ApiKey[] {
    return this.keyList;
  }

  /** Additive role assignments made with `grant()`. */
  get grants(): readonly RoleAssignment[] {
    return this.grantList;
  }

  grant(role: RoleRef): RoleAssignment {
    const name = roleName(role);
    if (isKnown(name) && this.granted.has(name)) {
      throw new Error(`${this.node.path}: role "${name}" is granted twice`);
    }
    this.granted.add(name);
    const assignment = new RoleAssignment(this, childId('grant', role, this.grantList.length), { serviceAccountId: this.id, role: name });
    this.grantList.push(assignment);
    return assignment;
  }

  /** Issues a key; its construct id is `key-<label>`, so labels are unique per account. */
  addKey(options: AddKeyOptions): ApiKey {
    if (!Token.isUnresolved(options.label) && this.keyList.some((k) => k.label === options.label)) {
      throw new Error(`${this.node.path}: a key labelled "${options.label}" already exists on this account`);
    }
    const key = new ApiKey(this, childId('key', options.label, this.keyList.length), { ...options, serviceAccountId: this.id });
    this.keyList.push(key);
    return key;
  }
}

/**
 * A Warden service account with its roles and API keys.
 *
 * @example
 * const ci = new ServiceAccount(this, 'ci', { name: 'ci-github-actions', description: 'CI', roles: ['member'] });
 * ci.addKey({ label: 'github-actions', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h' }).exposeSecret('ci_key');
 *
 * const bot = new ServiceAccount(this, 'bot', { name: 'release-bot' });
 * bot.grant('reader'); // additive: other assignments of the account are left alone
 */
export class ServiceAccount extends ServiceAccountBase {
  /** The generated `warden_service_account` resource, for escape hatches. */
  readonly resource: ServiceAccountResource;
  /** The authoritative role set, when the `roles` prop is given. */
  readonly roleSet?: ServiceAccountRoles;
  readonly name: string;

  /**
   * An existing service account looked up by name (through the `warden_service_account`
   * data source). It can receive additive grants and keys; the account itself stays unmanaged.
   */
  static fromName(scope: Construct, id: string, name: string): ImportedServiceAccount {
    return new ImportedServiceAccount(scope, id, name);
  }

  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id);
    const problems = new Problems();
    problems.slug('name', props.name);
    const seen = new Set<string>();
    (props.roles ?? []).forEach((role, i) => {
      const name = roleName(role);
      if (isKnown(name) && seen.has(name)) {
        problems.add(`roles[${i}]`, `"${name}" is listed twice`);
      } else if (typeof role === 'string' && isKnown(role)) {
        problems.slug(`roles[${i}]`, role);
      }
      seen.add(name);
    });
    problems.throwIfAny(this.node.path);

    this.name = props.name;
    this.resource = new ServiceAccountResource(this, 'account', {
      name: props.name,
      description: props.description,
      disabled: props.disabled,
      deletionProtection: props.deletionProtection,
    });
    if (props.roles !== undefined) {
      this.roleSet = new ServiceAccountRoles(this, 'roles', { serviceAccountId: this.resource.id, roles: props.roles.map(roleName) });
    }
  }

  get id(): string {
    return this.resource.id;
  }

  /** RFC 3339 creation time (token). */
  get createdAt(): string {
    return this.resource.createdAt;
  }

  override grant(role: RoleRef): RoleAssignment {
    if (this.roleSet) {
      throw new Error(`${this.node.path}: roles are declared authoritatively with the "roles" prop; add "${roleName(role)}" there instead of calling grant()`);
    }
    return super.grant(role);
  }
}

/**
 * A service account that exists already, from `ServiceAccount.fromName`.
 *
 * @example
 * const admin = ServiceAccount.fromName(this, 'bootstrap', 'bootstrap-admin');
 * admin.addKey({ label: 'break-glass', ttl: '1d' });
 */
export class ImportedServiceAccount extends ServiceAccountBase {
  /** The `warden_service_account` data source: description, disabled, roles, created_at. */
  readonly data: DataWardenServiceAccount;
  readonly name: string;

  constructor(scope: Construct, id: string, name: string) {
    super(scope, id);
    const problems = new Problems();
    problems.slug('name', name);
    problems.throwIfAny(this.node.path);
    this.name = name;
    this.data = new DataWardenServiceAccount(this, 'lookup', { name });
  }

  get id(): string {
    return this.data.id;
  }

  /** The roles the account holds now, as read at plan time. */
  get currentRoles(): string[] {
    return this.data.roles;
  }
}
