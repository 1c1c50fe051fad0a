// Exposes a storage's repositories as its own properties, so `storage.keys.get(...)`
// reads outside a transaction the same way `tx.keys.get(...)` reads inside one.
import type { Repositories } from './types.ts';

export abstract class RepositoryFacade implements Repositories {
  protected abstract readonly repositories: Repositories;

  get orgs() {
    return this.repositories.orgs;
  }
  get principals() {
    return this.repositories.principals;
  }
  get roles() {
    return this.repositories.roles;
  }
  get assignments() {
    return this.repositories.assignments;
  }
  get keys() {
    return this.repositories.keys;
  }
  get audit() {
    return this.repositories.audit;
  }
  get people() {
    return this.repositories.people;
  }
  get idempotency() {
    return this.repositories.idempotency;
  }
}
