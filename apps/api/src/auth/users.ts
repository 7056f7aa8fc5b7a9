import { randomInt } from 'node:crypto';
import type { AdminUser, SignInWay } from '@ipo/contracts';
import { ROLES, type Role } from '@ipo/domain/access';
import { recordAudit } from '../admin/audit.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Queryable } from '../db/queryable.js';
import { Prisma } from '../generated/prisma/client.ts';
import { lastSignIns } from '../queries/user-sign-ins.js';
import { hashPassword, passwordProblem } from './passwords.js';

/** Users are plain rows: read and written through Prisma (decision 1). */

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    /** The input field at fault, when there is one (the API names it). */
    readonly field?: string,
    /** What the API answers: 400 a refused input, 404 no such user, 409 the address is taken. */
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

/** What a request knows about the signed-in user. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  teams: { id: number; name: string; service: string }[];
  teamIds: number[];
}

export const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  roles: true,
  disabledAt: true,
  teams: {
    select: { team: { select: { id: true, name: true, serviceCode: true } } },
    orderBy: { teamId: 'asc' },
  },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

export function toSessionUser(row: UserRow): SessionUser {
  const teams = row.teams.map(({ team }) => ({
    id: team.id,
    name: team.name,
    service: team.serviceCode,
  }));
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: ROLES.filter((r) => row.roles.includes(r)),
    teams,
    teamIds: teams.map((t) => t.id),
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Team ids for names as people write them: "Examination Team C", or "patents/Examination Team C"
 * (service code first) where two services have a team of that name.
 */
export async function resolveTeams(prisma: PrismaClient, names: readonly string[]) {
  const teams = await prisma.team.findMany({ select: { id: true, name: true, serviceCode: true } });
  return names.map((written) => {
    const slash = written.indexOf('/');
    const service = slash > 0 ? written.slice(0, slash).trim().toLowerCase() : null;
    const name = (slash > 0 ? written.slice(slash + 1) : written).trim().toLowerCase();
    const found = teams.filter(
      (t) => t.name.toLowerCase() === name && (!service || t.serviceCode.toLowerCase() === service),
    );
    if (found.length === 0) throw new UserError(`There is no team called "${written}".`);
    if (found.length > 1) {
      throw new UserError(
        `Several services have a team called "${written}": write it as ${found
          .map((t) => `"${t.serviceCode}/${t.name}"`)
          .join(' or ')}.`,
      );
    }
    return (found[0] as { id: number }).id;
  });
}

export interface NewUser {
  email: string;
  name: string;
  roles: readonly string[];
  teams?: readonly string[];
  /** Omitted: the user signs in only through the identity provider (or the demo). */
  password?: string;
}

export async function createUser(prisma: PrismaClient, input: NewUser): Promise<SessionUser> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw new UserError(`"${input.email}" is not an e-mail address.`);
  const name = input.name.trim();
  if (!name) throw new UserError('A user needs a name.');
  const unknown = input.roles.filter((r) => !isRole(r));
  if (unknown.length || input.roles.length === 0) {
    throw new UserError(`Roles are ${ROLES.join(', ')}; not "${unknown.join('", "')}".`);
  }
  const teamIds = await resolveTeams(prisma, input.teams ?? []);
  if (input.roles.includes('team-lead') && teamIds.length === 0) {
    throw new UserError('A team lead needs at least one team (--team).');
  }
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, { email });
    if (problem) throw new UserError(`The password ${problem}.`);
    passwordHash = await hashPassword(input.password);
  }
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new UserError(`A user with the e-mail address ${email} already exists.`);
  const row = await prisma.user.create({
    data: {
      email,
      name,
      roles: [...new Set(input.roles)],
      passwordHash,
      teams: { create: teamIds.map((teamId) => ({ teamId })) },
    },
    select: USER_SELECT,
  });
  return toSessionUser(row);
}

export async function listUsers(prisma: PrismaClient) {
  const rows = await prisma.user.findMany({
    select: { ...USER_SELECT, createdAt: true, passwordHash: true, oidcSubject: true },
    orderBy: { email: 'asc' },
  });
  return rows.map((row) => ({
    ...toSessionUser(row),
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    signsInWith: [
      ...(row.passwordHash ? ['password'] : []),
      ...(row.oidcSubject ? ['identity provider'] : []),
    ],
  }));
}

/** Disables the account and ends its sessions, in one transaction. */
export async function disableUser(prisma: PrismaClient, emailWritten: string) {
  const email = normaliseEmail(emailWritten);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, disabledAt: true },
    });
    if (!user) throw new UserError(`There is no user with the e-mail address ${email}.`);
    if (!user.disabledAt) {
      await tx.user.update({
        where: { id: user.id },
        data: { disabledAt: new Date(), updatedAt: new Date() },
      });
    }
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    return { alreadyDisabled: !!user.disabledAt, sessionsEnded: count };
  });
}

// ---------------------------------------------------------------------------------------------
// Administration of users from the dashboard (GET/POST/PATCH /api/admin/users): every change is
// audited in the transaction that makes it, with the administrator as the actor.

export const ADMIN_USER_SELECT = {
  ...USER_SELECT,
  createdAt: true,
  passwordHash: true,
  oidcSubject: true,
} satisfies Prisma.UserSelect;

type AdminUserRow = Prisma.UserGetPayload<{ select: typeof ADMIN_USER_SELECT }>;

/** How people may sign in on this installation. */
export interface SignInWays {
  /** An identity provider is configured: anyone it vouches for signs in through it. */
  identityProvider: boolean;
  /** Whether this address is a one-click demo user (demo sign-in on). */
  isDemoUser: (email: string) => boolean;
}

function toAdminUser(row: AdminUserRow, lastSignIn: Date | undefined, ways: SignInWays): AdminUser {
  const user = toSessionUser(row);
  const signsInWith: SignInWay[] = [];
  if (row.passwordHash) signsInWith.push('password');
  if (ways.identityProvider) signsInWith.push('identity-provider');
  if (ways.isDemoUser(row.email)) signsInWith.push('demo');
  return {
    email: user.email,
    name: user.name,
    roles: user.roles,
    teams: user.teams,
    signsInWith,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    lastSignInAt: lastSignIn?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the database layer of these functions needs: Prisma for rows, SQL for the trail. */
export interface UsersDb {
  prisma: PrismaClient;
  pool: Queryable;
}

/** Every user, by e-mail address, with how they sign in and when they last did. */
export async function listAdminUsers(db: UsersDb, ways: SignInWays): Promise<AdminUser[]> {
  const rows = await db.prisma.user.findMany({
    select: ADMIN_USER_SELECT,
    orderBy: { email: 'asc' },
  });
  const last = await lastSignIns(
    db.pool,
    rows.map((r) => r.email),
  );
  return rows.map((row) => toAdminUser(row, last.get(row.email), ways));
}

async function adminUserOf(db: UsersDb, row: AdminUserRow, ways: SignInWays): Promise<AdminUser> {
  const last = await lastSignIns(db.pool, [row.email]);
  return toAdminUser(row, last.get(row.email), ways);
}

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/l/I). */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A first password for a new local account: 20 random characters (about 115 bits), written in
 * groups of five ('k7Qx2-...') so it can be read out or typed. It satisfies passwordProblem.
 */
export function generateInitialPassword(email: string): string {
  for (;;) {
    const chars = Array.from(
      { length: 20 },
      () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)] as string,
    );
    const password = [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
    if (!passwordProblem(password, { email })) return password;
  }
}

/** Refuses team ids that do not exist; answers the teams' names, in the order given. */
async function checkTeams(tx: Prisma.TransactionClient, ids: readonly number[]) {
  const found = await tx.team.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, name: true },
  });
  const names = new Map(found.map((t) => [t.id, t.name]));
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length) {
    throw new UserError(
      `There is no team with the id ${missing.join(', ')}: choose teams from the list.`,
      'teams',
    );
  }
}

export const TEAM_LEAD_NEEDS_TEAM_MESSAGE =
  'A team lead needs at least one team: choose their teams.';

/** What the audit trail keeps of a user's access, before and after a change. */
function accessOf(user: SessionUser) {
  return { roles: user.roles, teams: user.teams.map((t) => t.name) };
}

const inRoleOrder = (roles: readonly Role[]) => ROLES.filter((r) => roles.includes(r));

export interface Invitation {
  email: string;
  name: string;
  roles: readonly Role[];
  /** Team ids. */
  teams: readonly number[];
}

/**
 * Creates a user an administrator invites. Without an identity provider the account gets a
 * generated first password, answered here once (only its hash is stored); with one, none: they
 * sign in through it (and it sets their roles from then on).
 */
export async function inviteUser(
  db: UsersDb,
  input: Invitation,
  options: { actor: string; ways: SignInWays },
): Promise<{ user: AdminUser; initialPassword: string | null }> {
  const email = normaliseEmail(input.email);
  const roles = inRoleOrder(input.roles);
  if (roles.includes('team-lead') && input.teams.length === 0) {
    throw new UserError(TEAM_LEAD_NEEDS_TEAM_MESSAGE, 'teams');
  }
  const initialPassword = options.ways.identityProvider ? null : generateInitialPassword(email);
  // Hashing takes a moment: before the transaction, not inside it.
  const passwordHash = initialPassword ? await hashPassword(initialPassword) : null;
  let row: AdminUserRow;
  try {
    row = await db.prisma.$transaction(async (tx) => {
      await checkTeams(tx, input.teams);
      const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
      if (taken) throw emailTaken(email);
      const created = await tx.user.create({
        data: {
          email,
          name: input.name.trim(),
          roles,
          passwordHash,
          teams: { create: input.teams.map((teamId) => ({ teamId })) },
        },
        select: ADMIN_USER_SELECT,
      });
      await recordAudit(tx, {
        actor: options.actor,
        action: 'user.create',
        entity: 'user',
        entityId: email,
        // Never the password: only how they will sign in.
        details: {
          name: created.name,
          ...accessOf(toSessionUser(created)),
          signsInWith: initialPassword ? 'password' : 'identity provider',
        },
      });
      return created;
    });
  } catch (error) {
    // Two invitations of one address at once: the second finds the unique index.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw emailTaken(email);
    }
    throw error;
  }
  return { user: await adminUserOf(db, row, options.ways), initialPassword };
}

function emailTaken(email: string) {
  return new UserError(`A user with the e-mail address ${email} already exists.`, 'email', 409);
}

function noSuchUser(email: string) {
  return new UserError(`There is no user with the e-mail address ${email}.`, undefined, 404);
}

/**
 * Replaces a user's roles, teams or both. A team lead must keep a team, and administrators may
 * not take away their own administrator role (another administrator must), so nobody locks
 * themselves out by mistake. Audited as `user.update` with the access before and after; a change
 * that changes nothing is not recorded.
 */
export async function updateUserAccess(
  db: UsersDb,
  emailWritten: string,
  change: { roles?: readonly Role[] | undefined; teams?: readonly number[] | undefined },
  options: { actor: string; ways: SignInWays },
): Promise<AdminUser> {
  const email = normaliseEmail(emailWritten);
  const row = await db.prisma.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { email }, select: ADMIN_USER_SELECT });
    if (!current) throw noSuchUser(email);
    const before = toSessionUser(current);
    const roles = change.roles ? inRoleOrder(change.roles) : before.roles;
    const teamIds = change.teams ? [...new Set(change.teams)] : before.teamIds;
    if (change.teams) await checkTeams(tx, teamIds);
    if (roles.includes('team-lead') && teamIds.length === 0) {
      throw new UserError(TEAM_LEAD_NEEDS_TEAM_MESSAGE, 'teams');
    }
    if (email === normaliseEmail(options.actor) && before.roles.includes('admin')) {
      if (!roles.includes('admin')) {
        throw new UserError(
          'You cannot take away your own administrator role: ask another administrator.',
          'roles',
        );
      }
    }
    const sameRoles = roles.join() === before.roles.join();
    const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join();
    const sameTeams = sorted(teamIds) === sorted(before.teamIds);
    if (sameRoles && sameTeams) return current;
    // The update takes the user's row lock: a concurrent change waits for this one.
    await tx.user.update({
      where: { id: current.id },
      data: { roles, updatedAt: new Date() },
      select: { id: true },
    });
    if (!sameTeams) {
      await tx.userTeam.deleteMany({ where: { userId: current.id } });
      await tx.userTeam.createMany({
        data: teamIds.map((teamId) => ({ userId: current.id, teamId })),
        skipDuplicates: true,
      });
    }
    const updated = await tx.user.findUniqueOrThrow({
      where: { id: current.id },
      select: ADMIN_USER_SELECT,
    });
    await recordAudit(tx, {
      actor: options.actor,
      action: 'user.update',
      entity: 'user',
      entityId: email,
      details: { before: accessOf(before), after: accessOf(toSessionUser(updated)) },
    });
    return updated;
  });
  return adminUserOf(db, row, options.ways);
}

/**
 * Disables a user (ending every session they have, at once) or enables them again. An
 * administrator may not disable themselves. Audited as `user.disable` (with the sessions ended)
 * or `user.enable`; asking for the state the user is already in changes and records nothing.
 */
export async function setUserDisabled(
  db: UsersDb,
  emailWritten: string,
  disabled: boolean,
  options: { actor: string; ways: SignInWays },
): Promise<{ user: AdminUser; sessionsEnded: number }> {
  const email = normaliseEmail(emailWritten);
  if (disabled && email === normaliseEmail(options.actor)) {
    throw new UserError('You cannot disable your own account: ask another administrator.');
  }
  const { row, sessionsEnded } = await db.prisma.$transaction(async (tx) => {
    const current = await tx.user.findUnique({
      where: { email },
      select: { id: true, disabledAt: true },
    });
    if (!current) throw noSuchUser(email);
    const changes = disabled !== (current.disabledAt !== null);
    if (changes) {
      await tx.user.update({
        where: { id: current.id },
        data: { disabledAt: disabled ? new Date() : null, updatedAt: new Date() },
        select: { id: true },
      });
    }
    // A disabled user has no session (one left by a race ends here too).
    const ended = disabled
      ? (await tx.session.deleteMany({ where: { userId: current.id } })).count
      : 0;
    if (changes) {
      await recordAudit(tx, {
        actor: options.actor,
        action: disabled ? 'user.disable' : 'user.enable',
        entity: 'user',
        entityId: email,
        details: disabled ? { sessionsEnded: ended } : null,
      });
    }
    const row = await tx.user.findUniqueOrThrow({
      where: { id: current.id },
      select: ADMIN_USER_SELECT,
    });
    return { row, sessionsEnded: ended };
  });
  return { user: await adminUserOf(db, row, options.ways), sessionsEnded };
}
