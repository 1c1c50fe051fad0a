// Organization: the whole desired state of an organization from one validated document,
// so a pull request shows every credential change in one diff.
import { Construct } from 'constructs';
import { Role } from '../generated/providers/warden/role/index.ts';
import { loadDocument, validateDocument, type OrganizationDocument } from '../../sdk/organization-document.ts';
import { ServiceAccount } from './service-account.ts';

/**
 * Every service account, role and key of an organization, from one document.
 *
 * @example
 * const org = Organization.fromFile(this, 'org', 'organization.yaml');
 * org.account('ci-prod').keys[0].exposeSecret('ci_prod_key');
 */
export class Organization extends Construct {
  readonly accounts = new Map<string, ServiceAccount>();
  readonly roles = new Map<string, Role>();
  readonly document: OrganizationDocument;

  static fromFile(scope: Construct, id: string, file: string): Organization {
    return new Organization(scope, id, loadDocument(file));
  }

  constructor(scope: Construct, id: string, document: OrganizationDocument) {
    super(scope, id);
    this.document = validateDocument(document);
    for (const spec of this.document.roles ?? []) {
      this.roles.set(spec.name, new Role(this, `role-${spec.name}`, { name: spec.name, description: spec.description, permissions: spec.permissions }));
    }
    for (const spec of this.document.serviceAccounts) {
      // Custom roles are referenced through their resource, so Terraform creates them first
      // and the provider's plan-time role check waits until they exist.
      const roleRefs = (spec.roles ?? []).map((r) => this.roles.get(r)?.id ?? r);
      const account = new ServiceAccount(this, spec.name, {
        name: spec.name,
        description: spec.description,
        disabled: spec.disabled,
        deletionProtection: spec.deletionProtection,
        roles: roleRefs,
      });
      for (const key of spec.keys ?? []) {
        account.addKey(key);
      }
      this.accounts.set(spec.name, account);
    }
    if ((this.document.removalPolicy ?? 'disable') === 'disable') {
      for (const retired of this.document.retired ?? []) {
        this.accounts.set(retired.name, new ServiceAccount(this, retired.name, { name: retired.name, description: retired.description ?? 'Retired.', disabled: true, roles: [] }));
      }
    }
  }

  /** The construct of one declared account; throws naming the known accounts. */
  account(name: string): ServiceAccount {
    const found = this.accounts.get(name);
    if (!found) {
      throw new Error(`${this.node.path}: no service account "${name}" in the document (known: ${[...this.accounts.keys()].join(', ')})`);
    }
    return found;
  }
}
