// Policy aspects: organization rules checked at synthesis. A violation fails `cdktf synth`
// (and deploy) with the construct path and the rule, before anything reaches a plan.
import { Token, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { parseDuration } from '../../sdk/duration.ts';
import { ApiKey } from '../generated/providers/warden/api-key/index.ts';
import { RoleAssignment } from '../generated/providers/warden/role-assignment/index.ts';
import { ServiceAccountRoles } from '../generated/providers/warden/service-account-roles/index.ts';
import { ServiceAccount as ServiceAccountResource } from '../generated/providers/warden/service-account/index.ts';
import { ServiceAccount } from './service-account.ts';

export class PolicyViolation extends Error {
  constructor(rule: string, path: string, message: string) {
    super(`[policy ${rule}] ${path}: ${message}`);
    this.name = 'PolicyViolation';
  }
}

const known = (value: unknown): value is string => typeof value === 'string' && !Token.isUnresolved(value);

/** The user-facing path: the hand-written construct, not its generated child. */
function pathOf(node: IConstruct): string {
  return node.node.scope?.node.path ?? node.node.path;
}

/** The ServiceAccount construct a resource belongs to, if any. */
function owningAccount(node: IConstruct): ServiceAccount | undefined {
  for (let scope: IConstruct | undefined = node; scope; scope = scope.node.scope) {
    if (scope instanceof ServiceAccount) {
      return scope;
    }
  }
  return undefined;
}

/** Keys may not live longer than `max`. */
export class MaxKeyTtl implements IAspect {
  private readonly maxMs: number;
  constructor(private readonly max: string) {
    this.maxMs = parseDuration(max, 'MaxKeyTtl');
  }
  visit(node: IConstruct): void {
    if (node instanceof ApiKey && known(node.ttlInput) && parseDuration(node.ttlInput) > this.maxMs) {
      throw new PolicyViolation('MaxKeyTtl', pathOf(node), `ttl ${node.ttlInput} exceeds the maximum ${this.max}; shorten ttl`);
    }
  }
}

/** Every key must expire. */
export class NoNonExpiringKeys implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof ApiKey && node.ttlInput === undefined) {
      throw new PolicyViolation('NoNonExpiringKeys', pathOf(node), 'the key never expires; set ttl (e.g. "90d")');
    }
  }
}

/** Some roles (e.g. admin) only for an allow-list of accounts. */
export class ForbiddenRoles implements IAspect {
  constructor(
    private readonly roles: string[],
    private readonly options: { allow?: string[] } = {},
  ) {}
  visit(node: IConstruct): void {
    const granted = node instanceof RoleAssignment ? [node.roleInput] : node instanceof ServiceAccountRoles ? (node.rolesInput ?? []) : [];
    const account = owningAccount(node)?.name;
    for (const role of granted) {
      if (known(role) && this.roles.includes(role) && !(account && this.options.allow?.includes(account))) {
        throw new PolicyViolation('ForbiddenRoles', pathOf(node), `role "${role}" is not allowed here${this.options.allow?.length ? ` (only for ${this.options.allow.join(', ')})` : ''}`);
      }
    }
  }
}

/** Service accounts and keys must say what they are for. */
export class RequireDescriptions implements IAspect {
  visit(node: IConstruct): void {
    if ((node instanceof ServiceAccountResource || node instanceof ApiKey) && !known(node.descriptionInput)) {
      if (node.descriptionInput === undefined || node.descriptionInput === '') {
        throw new PolicyViolation('RequireDescriptions', pathOf(node), 'add a description saying what this is for');
      }
    }
  }
}

/** Key labels must follow a naming rule, e.g. /^(ci|runtime)-[a-z]+-(dev|prod)$/. */
export class LabelNamingRule implements IAspect {
  constructor(private readonly pattern: RegExp) {}
  visit(node: IConstruct): void {
    if (node instanceof ApiKey && known(node.labelInput) && !this.pattern.test(node.labelInput)) {
      throw new PolicyViolation('LabelNamingRule', pathOf(node), `label "${node.labelInput}" does not match ${this.pattern}`);
    }
  }
}
