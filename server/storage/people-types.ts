// Storage shapes of people (issue #12): users, their memberships (principals of type
// 'user' linked by user_id), invitations, browser sessions and sign-in failures.
import type { Page, PageRequest, PrincipalRow } from './types.ts';

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
