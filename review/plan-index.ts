// Answers the questions a review asks of a whole plan rather than one resource change:
// which service account does this key or assignment belong to (by id from prior state,
// or — for accounts created in this very plan, whose id is unknown — by following the
// configuration's references, through module variables if need be, or CDKTF's
// cdk.tf.json), and which permissions does a role hold after this plan.
import type { CdktfMetadata } from './cdktf.ts';
import { BUILTIN_ROLE_PERMISSIONS } from './permissions.ts';
import { SafeValues } from './safe-values.ts';
import { stateResources, type ConfigModule, type Expression, type PlanJson, type ResourceChange, type StateResource } from './plan-types.ts';

const ACCOUNT = 'warden_service_account';

export interface AccountRef {
  /** The name when known, else the id, else the Terraform address. */
  display: string;
  id?: string;
  name?: string;
  address?: string;
}

type ConfigModuleExpressions = Record<string, Expression | Expression[] | undefined>;

/** `module.a[0].module.b` → `module.a.module.b.` (config addresses have no instance keys). */
const configPrefix = (moduleAddress: string | undefined): string => (moduleAddress ? `${moduleAddress.replace(/\[[^\]]*\]/g, '')}.` : '');

/** Splits `module.a["x"].module.b` into its parent (`module.a["x"]`) and the call name (`b`). */
function parentOf(moduleAddress: string): { parent: string; call: string } | undefined {
  const match = /^(.*?)(?:\.)?module\.([^.[]+)(\[[^\]]*\])?$/.exec(moduleAddress);
  return match ? { parent: match[1] ?? '', call: match[2]! } : undefined;
}

const refsOf = (expression: Expression | Expression[] | undefined): string[] =>
  Array.isArray(expression) ? expression.flatMap((e) => e.references ?? []) : (expression?.references ?? []);

export class PlanIndex {
  /** Full address (module and index included) → what is known of the account there. */
  private readonly accounts = new Map<string, { id?: string; name?: string }>();
  private readonly nameById = new Map<string, string>();
  private readonly config = new Map<string, ConfigModuleExpressions>();
  private readonly moduleCalls = new Map<string, ConfigModuleExpressions>();
  private readonly roles = new Map<string, readonly string[]>();
  private readonly pendingRoles = new Set<string>();
  /** warden_role address (instance keys included) → its name after this plan, or before it. */
  private readonly roleNames = new Map<string, string>();

  constructor(
    private readonly plan: PlanJson,
    private readonly cdktf?: CdktfMetadata,
  ) {
    const prior = stateResources(plan.prior_state?.values?.root_module);
    for (const resource of [...prior, ...stateResources(plan.planned_values?.root_module)]) {
      this.noteState(resource);
    }
    for (const rc of plan.resource_changes ?? []) {
      if (rc.type === ACCOUNT) {
        for (const side of [
          new SafeValues(rc.change.before, rc.change.before_sensitive),
          new SafeValues(rc.change.after, rc.change.after_sensitive, rc.change.after_unknown),
        ]) {
          this.noteAccount(rc.address, side.text('id'), side.text('name'));
        }
      }
    }
    this.walkConfig(plan.configuration?.root_module, '');
    for (const [name, permissions] of BUILTIN_ROLE_PERMISSIONS) {
      this.roles.set(name, permissions);
    }
    for (const resource of prior.filter((r) => r.type === 'warden_role' && r.mode !== 'data')) {
      const values = new SafeValues(resource.values, resource.sensitive_values);
      const name = values.text('name');
      const permissions = values.strings('permissions');
      if (name && permissions.state === 'known') {
        this.roles.set(name, permissions.value);
      }
      if (name) {
        this.roleNames.set(resource.address, name);
      }
    }
    // Roles as they will be after this plan: a grant is judged by what the role will hold.
    for (const rc of (plan.resource_changes ?? []).filter((r) => r.type === 'warden_role' && r.mode !== 'data')) {
      const after = new SafeValues(rc.change.after, rc.change.after_sensitive, rc.change.after_unknown);
      const before = new SafeValues(rc.change.before, rc.change.before_sensitive);
      const name = after.text('name') ?? before.text('name');
      if (!name) {
        continue;
      }
      this.roleNames.set(rc.address, name);
      const permissions = after.strings('permissions');
      if (permissions.state === 'known') {
        this.roles.set(name, permissions.value);
      } else if (after.exists) {
        this.pendingRoles.add(name);
      }
    }
  }

  private noteState(resource: StateResource): void {
    if (resource.type !== ACCOUNT) {
      return;
    }
    const values = new SafeValues(resource.values, resource.sensitive_values);
    this.noteAccount(resource.address, values.text('id'), values.text('name'));
  }

  private noteAccount(address: string, id: string | undefined, name: string | undefined): void {
    const known = this.accounts.get(address) ?? {};
    this.accounts.set(address, { id: known.id ?? id, name: known.name ?? name });
    if (id && name) {
      this.nameById.set(id, name);
    }
  }

  private walkConfig(module: ConfigModule | undefined, prefix: string): void {
    for (const resource of module?.resources ?? []) {
      this.config.set(`${prefix}${resource.address}`, resource.expressions ?? {});
    }
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      this.moduleCalls.set(`${prefix}module.${name}`, call.expressions ?? {});
      this.walkConfig(call.module, `${prefix}module.${name}.`);
    }
  }

  /** The account name for an id, when the plan or its prior state knows it. */
  nameOf(id: string): string | undefined {
    return this.nameById.get(id);
  }

  /** The CDKTF construct path of an address, when the plan comes from a CDKTF stack. */
  constructOf(address: string): string | undefined {
    return this.cdktf?.constructs.get(address);
  }

  /** Permissions a role will hold after this plan: undefined when unknown (not in plan, state or built-ins). */
  permissionsOf(role: string): readonly string[] | undefined {
    return this.roles.get(role);
  }

  /** True when the plan defines the role but its permissions are known only after apply. */
  roleIsPending(role: string): boolean {
    return this.pendingRoles.has(role);
  }

  /**
   * The names of the custom roles an assignment or role set refers to in its configuration
   * (`role = warden_role.x.id`), for a role value known only after apply — typically a role
   * created in the same plan. Empty when the references lead to no role of this plan.
   */
  rolesReferencedBy(rc: ResourceChange): string[] {
    const configAddress = `${configPrefix(rc.module_address)}${rc.type}.${rc.name}`;
    const expressions = this.config.get(configAddress);
    const references = [...refsOf(expressions?.role), ...refsOf(expressions?.roles), ...(this.cdktf?.roleReferences.get(rc.address) ?? [])];
    const prefix = rc.module_address ? `${rc.module_address}.` : '';
    const names = new Set<string>();
    for (const reference of references) {
      const match = /^(warden_role\.[A-Za-z0-9_-]+)(\[[^\]]*\])?/.exec(reference);
      if (!match) {
        continue;
      }
      const base = `${prefix}${match[1]}`;
      const sameIndex = rc.index === undefined ? undefined : `${base}[${JSON.stringify(rc.index)}]`;
      const name = (match[2] && this.roleNames.get(`${base}${match[2]}`)) || this.roleNames.get(base) || (sameIndex && this.roleNames.get(sameIndex));
      if (name) {
        names.add(name);
      }
    }
    return [...names].sort();
  }

  /** The service account a key, assignment or role set belongs to. */
  accountOf(rc: ResourceChange): AccountRef {
    const after = new SafeValues(rc.change.after, rc.change.after_sensitive, rc.change.after_unknown);
    const before = new SafeValues(rc.change.before, rc.change.before_sensitive);
    const id = after.text('service_account_id') ?? before.text('service_account_id');
    if (id && this.nameById.has(id)) {
      return { display: this.nameById.get(id)!, id, name: this.nameById.get(id)! };
    }
    const configAddress = `${configPrefix(rc.module_address)}${rc.mode === 'data' ? 'data.' : ''}${rc.type}.${rc.name}`;
    const expression = this.config.get(configAddress)?.service_account_id;
    const viaConfig = this.resolve(refsOf(expression), rc.module_address ?? '', rc.index, 0);
    const viaCdktf = viaConfig ?? this.resolve(this.cdktf?.accountReferences.get(rc.address) ?? [], '', rc.index, 0);
    const found = viaConfig ?? viaCdktf;
    if (found) {
      const account = this.accounts.get(found)!;
      return { display: account.name ?? account.id ?? id ?? found, id: account.id ?? id, name: account.name, address: found };
    }
    return id ? { display: id, id } : { display: `(account of ${rc.address})` };
  }

  /** Follows references in module `moduleAddress` to the address of a service account, if any. */
  private resolve(references: string[], moduleAddress: string, index: string | number | undefined, depth: number): string | undefined {
    if (depth > 10) {
      return undefined;
    }
    const prefix = moduleAddress ? `${moduleAddress}.` : '';
    for (const reference of references) {
      const account = /^((?:data\.)?warden_service_account\.[A-Za-z0-9_-]+)(\[[^\]]*\])?/.exec(reference);
      if (account) {
        const base = `${prefix}${account[1]}`;
        const exact = account[2] ? `${base}${account[2]}` : undefined;
        if (exact && this.accounts.has(exact)) {
          return exact;
        }
        if (this.accounts.has(base)) {
          return base;
        }
        // `for_each`/`count` over the same keys: the key at the same index as the referrer.
        const sameIndex = index === undefined ? undefined : `${base}[${JSON.stringify(index)}]`;
        if (sameIndex && this.accounts.has(sameIndex)) {
          return sameIndex;
        }
        continue;
      }
      const variable = /^var\.([A-Za-z0-9_-]+)/.exec(reference);
      const parent = variable && moduleAddress ? parentOf(moduleAddress) : undefined;
      if (variable && parent) {
        const callExpressions = this.moduleCalls.get(`${configPrefix(parent.parent)}module.${parent.call}`);
        const found = this.resolve(refsOf(callExpressions?.[variable[1]!]), parent.parent, undefined, depth + 1);
        if (found) {
          return found;
        }
      }
    }
    return undefined;
  }
}
