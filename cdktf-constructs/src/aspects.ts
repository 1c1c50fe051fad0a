// Policy aspects: organization rules checked at synthesis, before anything reaches a plan.
// WardenPolicy turns the shared warden-policy.yaml (also read by `warden review` and
// `warden audit-drift`) into these aspects.
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
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { AnnotationMetadataEntryType, Aspects, DefaultTokenResolver, StringConcat, TerraformStack, Token, Tokenization, type IAspect } from 'cdktf';
import { parse } from 'yaml';
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
import policySchema from '../warden-policy.schema.json' with { type: 'json' };
import { MANAGEMENT_PERMISSIONS as SDK_MANAGEMENT_PERMISSIONS } from '@wardenhq/sdk';

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

/** Permissions that manage permissions: a role holding one is as good as admin. */
export const MANAGEMENT_PERMISSIONS: readonly string[] = SDK_MANAGEMENT_PERMISSIONS;

export interface ForbiddenRolesOptions extends PolicyOptions {
  /** Service account names that may hold the forbidden roles anyway. @default [] */
  readonly allow?: string[];
  /**
   * Custom roles holding any of these permissions are forbidden like the named roles.
   * @default MANAGEMENT_PERMISSIONS (roles:write, role_assignments:write) when `admin` is forbidden, else []
   */
  readonly permissions?: string[];
}

/** The custom role (`warden_role`) a granted value names or refers to, if it is one of this app's. */
function customRoleFor(node: IConstruct, value: string): Role | undefined {
  const roles = node.node.root.node.findAll().filter((n): n is Role => n instanceof Role);
  if (isKnown(value)) {
    return roles.find((role) => role.nameInput === value);
  }
  // A reference (CustomRole passes `${warden_role.<id>.id}`): match the resource it points at.
  const resolved = String(Tokenization.resolve(value, { scope: TerraformStack.of(node), resolver: new DefaultTokenResolver(new StringConcat()) }));
  return roles.find((role) => resolved.includes(`\${${role.terraformResourceType}.${role.friendlyUniqueId}.`));
}

/** Some roles (e.g. admin) only for an allow-list of service accounts; custom roles are judged by their permissions too. */
export class ForbiddenRoles extends PolicyAspect {
  private readonly permissions: readonly string[];

  constructor(
    private readonly roles: string[],
    private readonly forbidOptions: ForbiddenRolesOptions = {},
  ) {
    super('ForbiddenRoles', forbidOptions);
    this.permissions = forbidOptions.permissions ?? (roles.includes('admin') ? MANAGEMENT_PERMISSIONS : []);
  }

  visit(node: IConstruct): void {
    const granted = node instanceof RoleAssignment ? [node.roleInput] : node instanceof ServiceAccountRoles ? (node.rolesInput ?? []) : [];
    if (granted.length === 0) {
      return;
    }
    const account = accountOf(node)?.name;
    const allow = this.forbidOptions.allow ?? [];
    if (isKnown(account) && allow.includes(account)) {
      return;
    }
    const who = isKnown(account) ? `service account "${account}"` : 'this service account';
    const only = allow.length > 0 ? ` (only for ${allow.join(', ')})` : '';
    for (const role of granted) {
      if (typeof role !== 'string') {
        continue;
      }
      if (isKnown(role) && this.roles.includes(role)) {
        this.report(node, `role "${role}" is not allowed for ${who}${only}`);
        continue;
      }
      const custom = customRoleFor(node, role);
      const held = (custom?.permissionsInput ?? []).filter((p) => isKnown(p) && this.permissions.includes(p));
      if (custom && held.length > 0) {
        const name = isKnown(custom.nameInput) ? custom.nameInput : custom.node.path;
        this.report(
          node,
          `custom role "${name}" holds ${held.join(', ')}, which manage permissions like ${this.roles.join(', ')}: not allowed for ${who}${only}`,
        );
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
    const kind =
      node instanceof ServiceAccountResource
        ? 'service account'
        : node instanceof ApiKeyResource
          ? 'API key'
          : node instanceof Role
            ? 'custom role'
            : undefined;
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
    .flatMap((node) =>
      node.node.metadata.filter((m) => levels.includes(m.type) && String(m.data).startsWith(POLICY_PREFIX)).map((m) => `[${node.node.path}] ${String(m.data)}`),
    );
}

// ---- warden-policy.yaml ----

/** The review rules whose aspects fail synthesis unless `fail_on` says otherwise (as `warden review` fails on them). */
const DEFAULT_FAIL_ON = ['escalation', 'non-expiring', 'ttl-above-limit', 'delete-in-use', 'revoke-in-use', 'disable-in-use'];
const ALL_RULES = [...DEFAULT_FAIL_ON, 'rotation-without-grace'];

const validatePolicy = new Ajv2020({ allErrors: true, strict: false }).compile(policySchema);

/** Thrown for a policy file that does not match warden-policy.schema.json; names the field. */
export class PolicyFileError extends Error {
  override name = 'PolicyFileError';
}

interface PolicyData {
  fail_on?: string[] | string;
  max_ttl?: string;
  allow_admin?: string[] | string;
  synth?: { forbidden_roles?: string[] | string; require_descriptions?: boolean; label_pattern?: string } | null;
}

const list = (value: string[] | string | undefined): string[] | undefined =>
  value === undefined ? undefined : (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean);

/**
 * The one policy file (`warden-policy.yaml`, schema: `wardenPolicySchema`) that also drives
 * `warden review` and `warden audit-drift`, turned into the aspects it implies:
 * MaxKeyTtl (`max_ttl`, default 90d), NoNonExpiringKeys, ForbiddenRoles (`synth.forbidden_roles`,
 * default admin, allowed for `allow_admin`, custom roles judged by their permissions), and
 * RequireDescriptions / LabelNamingRule when `synth` asks for them. A rule listed in
 * `fail_on` (default: the high-severity rules) fails synthesis; others only warn.
 *
 * @example
 * WardenPolicy.apply(stack, 'warden-policy.yaml');
 */
export class WardenPolicy {
  /** The aspects this policy adds. */
  readonly aspects: PolicyAspect[];

  private constructor(data: PolicyData) {
    const failOn = list(data.fail_on) ?? DEFAULT_FAIL_ON;
    const rules = failOn.length === 1 && failOn[0] === 'all' ? ALL_RULES : failOn.length === 1 && failOn[0] === 'none' ? [] : failOn;
    const level = (rule: string): PolicyOptions => ({ level: rules.includes(rule) ? 'error' : 'warning' });
    const synth = data.synth ?? {};
    this.aspects = [
      new MaxKeyTtl(data.max_ttl ?? '90d', level('ttl-above-limit')),
      new NoNonExpiringKeys(level('non-expiring')),
      new ForbiddenRoles(list(synth.forbidden_roles) ?? ['admin'], { allow: list(data.allow_admin) ?? [], ...level('escalation') }),
      ...(synth.require_descriptions ? [new RequireDescriptions()] : []),
      ...(synth.label_pattern ? [new LabelNamingRule(new RegExp(synth.label_pattern))] : []),
    ];
  }

  /** Validates `data` (a parsed policy) against the schema; `source` names it in errors. */
  static fromObject(data: unknown, source = 'warden-policy'): WardenPolicy {
    if (data === null || data === undefined) {
      return new WardenPolicy({});
    }
    if (!validatePolicy(data)) {
      const problems = (validatePolicy.errors ?? [])
        .filter((e) => e.keyword !== 'oneOf')
        .map((e) => {
          const field = e.instancePath.split('/').slice(1).join('.');
          const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
          return `${source}${field ? ` ${field}` : ''}: ${e.message}${extra}`;
        });
      throw new PolicyFileError([...new Set(problems)].join('; '));
    }
    const synth = (data as PolicyData).synth;
    if (synth?.label_pattern) {
      try {
        new RegExp(synth.label_pattern);
      } catch (error) {
        throw new PolicyFileError(`${source} synth.label_pattern: not a valid regular expression: ${(error as Error).message}`);
      }
    }
    return new WardenPolicy(data as PolicyData);
  }

  /** Reads and validates a policy file (YAML or JSON). */
  static fromFile(path: string): WardenPolicy {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new PolicyFileError(`cannot read the policy ${path}: ${(error as Error).message}`);
    }
    let data: unknown;
    try {
      data = parse(text);
    } catch (error) {
      throw new PolicyFileError(`${path} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
    }
    return WardenPolicy.fromObject(data, path);
  }

  /** Reads `path` and adds its aspects to `scope` (a stack or the app). */
  static apply(scope: IConstruct, path: string): WardenPolicy {
    return WardenPolicy.fromFile(path).applyTo(scope);
  }

  /** Adds this policy's aspects to `scope`. */
  applyTo(scope: IConstruct): this {
    for (const aspect of this.aspects) {
      Aspects.of(scope).add(aspect);
    }
    return this;
  }
}

/** The JSON Schema of warden-policy.yaml (the same file `warden review --policy` validates against). */
export { policySchema as wardenPolicySchema };
