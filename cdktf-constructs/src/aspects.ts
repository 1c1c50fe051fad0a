// Policy aspects: organization rules checked at synthesis, before anything reaches a plan.
//
// A violation is an error annotation on the offending construct (the hand-written one when
// there is one, e.g. `stack/acme/ci-prod/key-gha` rather than its generated child). In
// cdktf 0.21 `app.synth()` — hence `cdktf synth`, `diff` and `deploy` — collects every error
// annotation of the stack and then throws once, listing `[construct path] [policy Rule] …`
// for all of them; so a pull request sees every violation in one run rather than the first
// one only (which a `throw` inside `visit` would give). `Testing.synth` ignores annotations:
// in unit tests use `Testing.fullSynth` (which does fail) or `policyViolations(stack)`.
// cdktf's own switch CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS turns errors off for a run;
// `warden review` on the saved plan is the independent second line in CI.
// The rules read the generated resources, so they also hold for resources created without
// these constructs (escape hatches, bindings used directly).
import { AnnotationMetadataEntryType, Token, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { parseDuration } from '@wardenhq/sdk';
import { ApiKey as ApiKeyResource } from '../generated/providers/warden/api-key/index.ts';
import { RoleAssignment } from '../generated/providers/warden/role-assignment/index.ts';
import { Role } from '../generated/providers/warden/role/index.ts';
import { ServiceAccountRoles } from '../generated/providers/warden/service-account-roles/index.ts';
import { ServiceAccount as ServiceAccountResource } from '../generated/providers/warden/service-account/index.ts';
import { ApiKey } from './api-key.ts';
import { CustomRole } from './custom-role.ts';
import { ImportedServiceAccount, ServiceAccount } from './service-account.ts';
import { isKnown } from './validation.ts';

export interface PolicyOptions {
  /**
   * `error` fails synthesis; `warning` only reports (for rolling a rule out gradually).
   * @default 'error'
   */
  readonly level?: 'error' | 'warning';
}

const POLICY_PREFIX = '[policy ';

/** The user-facing construct: the nearest hand-written ancestor, else the node itself. */
function ownerOf(node: IConstruct): IConstruct {
  for (let scope: IConstruct | undefined = node; scope; scope = scope.node.scope) {
    if (scope instanceof ApiKey || scope instanceof ServiceAccount || scope instanceof ImportedServiceAccount || scope instanceof CustomRole) {
      return scope;
    }
  }
  return node;
}

/** The service account (declared or imported) a resource belongs to, if any. */
function accountOf(node: IConstruct): ServiceAccount | ImportedServiceAccount | undefined {
  for (let scope: IConstruct | undefined = node; scope; scope = scope.node.scope) {
    if (scope instanceof ServiceAccount || scope instanceof ImportedServiceAccount) {
      return scope;
    }
  }
  return undefined;
}

/** Base of the policy aspects: one rule name and one way to report. */
export abstract class PolicyAspect implements IAspect {
  constructor(
    readonly rule: string,
    private readonly options: PolicyOptions = {},
  ) {}

  abstract visit(node: IConstruct): void;

  protected report(node: IConstruct, message: string): void {
    const target = ownerOf(node);
    const text = `${POLICY_PREFIX}${this.rule}] ${message}`;
    // Aspects may be invoked more than once on a tree (Testing.synth then fullSynth): report once.
    if (target.node.metadata.some((entry) => entry.data === text)) {
      return;
    }
    // What Annotations.of(target).addError/addWarning record, minus the stack trace: it
    // would point into the aspect machinery, and the path already says where to look.
    const level = (this.options.level ?? 'error') === 'error' ? AnnotationMetadataEntryType.ERROR : AnnotationMetadataEntryType.WARN;
    target.node.addMetadata(level, text, { stackTrace: false });
  }
}

/** Keys may not live longer than `max` (a non-expiring key always exceeds it). */
export class MaxKeyTtl extends PolicyAspect {
  private readonly maxMs: number;

  constructor(
    private readonly max: string,
    options?: PolicyOptions,
  ) {
    super('MaxKeyTtl', options);
    this.maxMs = parseDuration(max, 'MaxKeyTtl');
  }

  visit(node: IConstruct): void {
    if (!(node instanceof ApiKeyResource)) {
      return;
    }
    const ttl = node.ttlInput;
    if (ttl === undefined) {
      this.report(node, `the key never expires, above the maximum ttl ${this.max}; set ttl to ${this.max} or less`);
    } else if (isKnown(ttl) && parseDuration(ttl) > this.maxMs) {
      this.report(node, `ttl ${ttl} exceeds the maximum ${this.max}; shorten ttl`);
    }
  }
}

/** Every key must expire. */
export class NoNonExpiringKeys extends PolicyAspect {
  constructor(options?: PolicyOptions) {
    super('NoNonExpiringKeys', options);
  }

  visit(node: IConstruct): void {
    if (node instanceof ApiKeyResource && node.ttlInput === undefined) {
      this.report(node, 'the key never expires; set ttl (e.g. "90d")');
    }
  }
}

export interface ForbiddenRolesOptions extends PolicyOptions {
  /** Service account names that may hold the forbidden roles anyway. @default [] */
  readonly allow?: string[];
}

/** Some roles (e.g. admin) only for an allow-list of service accounts. */
export class ForbiddenRoles extends PolicyAspect {
  constructor(
    private readonly roles: string[],
    private readonly forbidOptions: ForbiddenRolesOptions = {},
  ) {
    super('ForbiddenRoles', forbidOptions);
  }

  visit(node: IConstruct): void {
    const granted = node instanceof RoleAssignment ? [node.roleInput] : node instanceof ServiceAccountRoles ? (node.rolesInput ?? []) : [];
    if (granted.length === 0) {
      return;
    }
    const account = accountOf(node)?.name;
    const allow = this.forbidOptions.allow ?? [];
    const allowed = isKnown(account) && allow.includes(account);
    for (const role of granted) {
      if (isKnown(role) && this.roles.includes(role) && !allowed) {
        const who = isKnown(account) ? `service account "${account}"` : 'this service account';
        this.report(node, `role "${role}" is not allowed for ${who}${allow.length > 0 ? ` (only for ${allow.join(', ')})` : ''}`);
      }
    }
  }
}

/** Service accounts, keys and custom roles must say what they are for. */
export class RequireDescriptions extends PolicyAspect {
  constructor(options?: PolicyOptions) {
    super('RequireDescriptions', options);
  }

  visit(node: IConstruct): void {
    const kind = node instanceof ServiceAccountResource ? 'service account' : node instanceof ApiKeyResource ? 'API key' : node instanceof Role ? 'custom role' : undefined;
    if (kind === undefined) {
      return;
    }
    const description = (node as ServiceAccountResource | ApiKeyResource | Role).descriptionInput;
    if (description === undefined || (!Token.isUnresolved(description) && description.trim() === '')) {
      this.report(node, `the ${kind} has no description; say what it is for`);
    }
  }
}

/** Key labels must follow a naming rule, e.g. `/^(ci|runtime)-[a-z0-9-]+$/`. */
export class LabelNamingRule extends PolicyAspect {
  private readonly pattern: RegExp;

  constructor(pattern: RegExp, options?: PolicyOptions) {
    super('LabelNamingRule', options);
    // Without g/y, test() keeps no lastIndex between keys.
    this.pattern = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  }

  visit(node: IConstruct): void {
    if (node instanceof ApiKeyResource && isKnown(node.labelInput) && !this.pattern.test(node.labelInput)) {
      this.report(node, `label "${node.labelInput}" does not match ${this.pattern}`);
    }
  }
}

/**
 * The policy violations reported under `scope` as `[path] [policy Rule] message`, after
 * aspects ran (e.g. after `Testing.synth`). Errors only unless `includeWarnings`.
 */
export function policyViolations(scope: IConstruct, includeWarnings = false): string[] {
  const levels: string[] = [AnnotationMetadataEntryType.ERROR, ...(includeWarnings ? [AnnotationMetadataEntryType.WARN] : [])];
  return scope.node
    .findAll()
    .flatMap((node) => node.node.metadata.filter((m) => levels.includes(m.type) && String(m.data).startsWith(POLICY_PREFIX)).map((m) => `[${node.node.path}] ${String(m.data)}`));
}
