// The storage interface every handler goes through. Handlers never see SQL, so a
// PostgreSQL implementation can sit beside the SQLite one without touching them.
// Times are ISO-8601 UTC strings with milliseconds, which sort correctly as text.

export interface OrgRow {
  id: string;
  name: string;
  kind: 'personal' | 'shared';
  created_at: string;
}

export interface PrincipalRow {
  id: string;
  org_id: string;
  type: 'service_account' | 'user';
  name: string;
  description: string;
  disabled: boolean;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
  /** For type 'user': the user this membership belongs to. */
  user_id?: string | null;
  /** The client that created / last changed it (client-name.ts); null before it was recorded. */
  created_by_client?: string | null;
  changed_by_client?: string | null;
}

export interface RoleRow {
  org_id: string;
  name: string;
  description: string;
  permissions: string[];
  created_at: string;
  updated_at: string;
  version: number;
  /** The client that created / last changed it (client-name.ts); null before it was recorded. */
  created_by_client?: string | null;
  changed_by_client?: string | null;
}

export interface AssignmentRow {
  id: string;
  org_id: string;
  principal_id: string;
  role: string;
  created_at: string;
}

export interface KeyRow {
  id: string;
  org_id: string;
  principal_id: string;
  label: string;
  description: string;
  prefix: string;
  hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  version: number;
  /** The client that created / last changed it (client-name.ts); null before it was recorded. */
  created_by_client?: string | null;
  changed_by_client?: string | null;
}

export interface AuditRow {
  id: string;
  org_id: string;
  occurred_at: string;
  principal_id: string;
  principal_type: 'service_account' | 'user';
  principal_name: string;
  action: string;
  target_type: 'organization' | 'service_account' | 'role' | 'role_assignment' | 'api_key' | 'user' | 'invitation';
  target_id: string;
  target_name: string;
  details: Record<string, unknown>;
}

export interface IdempotencyRow {
  principal_id: string;
  operation: string;
  /** A one-way hash of the Idempotency-Key (server/secret-seal.ts); the key itself is never stored. */
  key_hash: string;
  request_hash: string;
  resource_id: string;
  created_at: string;
  /** The created secret sealed under the Idempotency-Key, until `sealed_until`; then erased. */
  sealed_secret: string | null;
  sealed_until: string | null;
}

/** A page of rows; `next` is an opaque position to continue after. */
export interface Page<T> {
  items: T[];
  next: number | null;
}

export interface PageRequest {
  limit: number;
  after?: number;
}

export type KeyStatus = 'active' | 'expired' | 'revoked';

export interface Repositories {
  /** Users, memberships, invitations, sessions (the people types below). */
  people: PeopleRepositories;
  orgs: {
    byName(name: string): Promise<OrgRow | undefined>;
    byId(id: string): Promise<OrgRow | undefined>;
    insert(row: OrgRow): Promise<void>;
    /** Serializes admin-affecting changes of one organization until the transaction ends. */
    lock(id: string): Promise<void>;
    /**
     * A counter the repositories bump, in the writing transaction, on every change that
     * can affect authentication or permissions (key revoke/update, account update, disable
     * or delete, role assignment or custom role change). undefined for an unknown org.
     */
    authVersion(id: string): Promise<number | undefined>;
  };
  principals: {
    get(orgId: string, id: string): Promise<PrincipalRow | undefined>;
    byName(orgId: string, name: string): Promise<PrincipalRow | undefined>;
    list(orgId: string, filter: { name?: string }, page: PageRequest): Promise<Page<PrincipalRow>>;
    insert(row: PrincipalRow): Promise<void>;
    update(row: PrincipalRow): Promise<void>;
    /**
     * Enabled, live principals holding `admin` with at least one key that is unexpired at
     * `now` and not revoked (nor scheduled for revocation), or that are a person's membership
     * (people sign in with a password): those who can still manage the org.
     */
    countUsableAdmins(orgId: string, now: string): Promise<number>;
  };
  roles: {
    get(orgId: string, name: string): Promise<RoleRow | undefined>;
    list(orgId: string, filter: { name?: string }, page: PageRequest): Promise<Page<RoleRow>>;
    insert(row: RoleRow): Promise<void>;
    update(row: RoleRow): Promise<void>;
    delete(orgId: string, name: string): Promise<void>;
  };
  assignments: {
    get(orgId: string, id: string): Promise<AssignmentRow | undefined>;
    find(principalId: string, role: string): Promise<AssignmentRow | undefined>;
    list(orgId: string, filter: { principalId?: string; role?: string; ids?: string[] }, page: PageRequest): Promise<Page<AssignmentRow>>;
    rolesOf(principalId: string): Promise<string[]>;
    countForRole(orgId: string, role: string): Promise<number>;
    insert(row: AssignmentRow): Promise<void>;
    delete(id: string): Promise<void>;
  };
  keys: {
    get(orgId: string, id: string): Promise<KeyRow | undefined>;
    byHash(hash: string): Promise<KeyRow | undefined>;
    /** Every key with this public prefix (almost always one). */
    byPrefix(prefix: string): Promise<KeyRow[]>;
    list(
      orgId: string,
      filter: { principalId?: string; label?: string; status?: KeyStatus; ids?: string[]; now: string },
      page: PageRequest,
    ): Promise<Page<KeyRow>>;
    countActive(principalId: string, now: string): Promise<number>;
    insert(row: KeyRow): Promise<void>;
    update(row: KeyRow): Promise<void>;
    revokeAll(principalId: string, at: string): Promise<number>;
    touch(id: string, at: string): Promise<void>;
  };
  audit: {
    insert(row: AuditRow): Promise<void>;
    /** `since` inclusive, `until` exclusive (ISO times). */
    list(
      orgId: string,
      filter: { targetId?: string; principalId?: string; action?: string; since?: string; until?: string },
      page: PageRequest,
    ): Promise<Page<AuditRow>>;
    count(orgId: string): Promise<number>;
  };
  idempotency: {
    get(principalId: string, operation: string, keyHash: string): Promise<IdempotencyRow | undefined>;
    insert(row: IdempotencyRow): Promise<void>;
    /** Forgets records created before `at`. */
    purgeBefore(at: string): Promise<void>;
    /** Erases every sealed secret whose window ended at or before `now`; returns how many. */
    eraseSealedUntil(now: string): Promise<number>;
  };
}

export interface TransactionOptions {
  /**
   * Transactions naming the same value here run one after another, across replicas too
   * (e.g. an account id, so that its key count cannot be raced). Others are unaffected.
   */
  serializeOn?: string;
}

/**
 * The storage stayed too contended to commit (conflicts after every retry, or a lock
 * not granted in time). Nothing was written; the same request may be retried shortly.
 */
export class StorageBusyError extends Error {
  constructor(
    message: string,
    /** A sensible wait before retrying, in seconds. */
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
    this.name = 'StorageBusyError';
  }
}

export interface Storage extends Repositories {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs fn atomically; writes of concurrent transactions never interleave. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ---- People (issue #12): users, their memberships (principals of type 'user' linked by
// user_id), invitations, browser sessions and sign-in failures.

export interface UserRow {
  id: string;
  /** Lowercased; unique. */
  email: string;
  display_name: string;
  /** scrypt, self-describing (server/passwords.ts); never the password. */
  password_hash: string;
  personal_org_id: string;
  created_at: string;
  updated_at: string;
}

/** A user's principal in one organization, with the user it belongs to. */
export interface MembershipRow {
  principal: PrincipalRow;
  user: UserRow;
}

export interface InvitationRow {
  id: string;
  org_id: string;
  email: string;
  role: string;
  /** SHA-256 of the one-time token; the token itself is only in the invitation URL. */
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface SessionRow {
  /** SHA-256 of the cookie's value. */
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface SignInFailureRow {
  email_hash: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export interface PeopleRepositories {
  users: {
    get(id: string): Promise<UserRow | undefined>;
    byEmail(email: string): Promise<UserRow | undefined>;
    insert(row: UserRow): Promise<void>;
    setPassword(id: string, passwordHash: string, at: string): Promise<void>;
  };
  memberships: {
    /** The live principal of `userId` in `orgId`. */
    find(orgId: string, userId: string): Promise<PrincipalRow | undefined>;
    /** Live memberships of a user across organizations, personal included. */
    ofUser(userId: string): Promise<PrincipalRow[]>;
    list(orgId: string, filter: { email?: string }, page: PageRequest): Promise<Page<MembershipRow>>;
    insert(row: PrincipalRow & { user_id: string }): Promise<void>;
  };
  invitations: {
    get(orgId: string, id: string): Promise<InvitationRow | undefined>;
    byTokenHash(hash: string): Promise<InvitationRow | undefined>;
    list(orgId: string, page: PageRequest): Promise<Page<InvitationRow>>;
    insert(row: InvitationRow): Promise<void>;
    markAccepted(id: string, at: string): Promise<number>;
    markRevoked(id: string, at: string): Promise<void>;
  };
  sessions: {
    get(idHash: string): Promise<SessionRow | undefined>;
    insert(row: SessionRow): Promise<void>;
    touch(idHash: string, at: string): Promise<void>;
    delete(idHash: string): Promise<void>;
    /** Deletes every session of the user but `keepIdHash` (if given). */
    deleteForUser(userId: string, keepIdHash?: string): Promise<void>;
    /** Deletes sessions idle since `idleBefore` or created before `createdBefore`; returns how many. */
    purge(idleBefore: string, createdBefore: string): Promise<number>;
  };
  /** Records which client created or last changed a service account, key or custom role. */
  clientMarks: {
    mark(target: ClientMarkTarget, client: string, created: boolean): Promise<void>;
  };
  signInFailures: {
    get(emailHash: string): Promise<SignInFailureRow | undefined>;
    put(row: SignInFailureRow): Promise<void>;
    clear(emailHash: string): Promise<void>;
    /** Forgets failures last seen before `before` whose lock (if any) ended by `now`. */
    purge(before: string, now: string): Promise<number>;
  };
}

export type ClientMarkTarget = { table: 'principals' | 'api_keys'; id: string } | { table: 'roles'; orgId: string; name: string };
