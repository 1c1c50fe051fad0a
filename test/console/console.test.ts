// The web console in real headless Chromium against the real server: a person signs in from
// an invitation, creates a service account, adds a key (its secret shown once and gone after
// the dialog and after a reload), revokes it, disables and enables the account, invites a
// member, creates a personal key, and finds every step in the audit log. Every page passes
// axe-core and raises no Content-Security-Policy violation; no request leaves the origin.
// One browser for the file; the steps share one page and run in order.
import type { Browser, Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { axeViolations, launchChromium, screenshot, watchedPage, type WatchedPage } from '../helpers/browser.ts';
import { invite } from '../helpers/people.ts';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a new and longer passphrase';
const FULL_TOKEN = /wdn_[0-9A-Za-z]{49}/;
// Assertions on secrets compare booleans: a failing match must not print the secret.
const isToken = (value: string) => new RegExp(`^${FULL_TOKEN.source}$`).test(value);

let server: TestServer;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
let admin: ReturnType<typeof httpClient>;
const secrets: string[] = [];

/** axe-core finds nothing, no CSP violation so far, nothing fetched from another origin. */
async function checkPage(what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  expect(await watched.cspViolations(), what).toEqual([]);
  expect(watched.foreignRequests, what).toEqual([]);
}

/** No secret of this run (nor anything token-shaped) in the page's DOM. */
async function expectNoSecretInDom(): Promise<void> {
  const html = await page.content();
  for (const secret of secrets) {
    expect(html.includes(secret), 'a secret of this run is in the DOM').toBe(false);
  }
  expect(FULL_TOKEN.test(html), 'a token-shaped string is in the DOM').toBe(false);
}

function heading(name: string) {
  return page.getByRole('heading', { name, level: 1, exact: true });
}

async function goTo(link: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: link, exact: true }).click();
  await heading(title).waitFor();
}

beforeAll(async () => {
  // The server's clock starts at the real time, so the browser's "now" and the server's agree.
  server = await startTestServer({ clock: new ManualClock(Date.now()) });
  admin = httpClient(server.url, server.adminToken);
  browser = await launchChromium();
  watched = await watchedPage(browser, server.url);
  page = watched.page;
});

// A failed step leaves a picture of the page (secrets painted over) to look at.
beforeEach(() => {
  onTestFailed(async () => {
    const path = join(tmpdir(), `warden-console-failure-${Date.now()}.png`);
    await page.screenshot({ path, mask: [page.getByTestId('secret')] });
    process.stderr.write(`console test failed; the page is in ${path}\n`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the web console in headless Chromium', () => {
  it('signs in from an invitation', async () => {
    const url = await invite(admin, server.org, EMAIL, 'admin');
    expect(url.startsWith(`${server.url}/console/#/accept?token=`), 'the invitation URL points at the console').toBe(true);
    await page.goto(url);
    await heading('Accept your invitation').waitFor();
    await checkPage('accept invitation');
    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await heading('Service accounts').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/orgs/${server.org}/service-accounts`);
    await expect(page.getByText('Signed in as').textContent()).resolves.toContain('Ada Lovelace');
    // The session cookie is HttpOnly: the page's scripts cannot read it.
    expect(await page.evaluate<string>('document.cookie')).not.toContain('warden_session');
    await checkPage('service accounts');
  });

  it('creates a service account and adds a key: the secret is shown once, and is gone after closing and after a reload', async () => {
    await page.getByRole('button', { name: 'Create service account' }).click();
    const create = page.getByRole('dialog', { name: 'Create service account' });
    await create.getByLabel('Name').fill('ci-deployer');
    await create.getByLabel('Description').fill('Deploys from CI');
    await checkPage('create service account dialog');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await heading('ci-deployer').waitFor();

    await page.getByRole('button', { name: 'Add API key' }).click();
    const add = page.getByRole('dialog', { name: 'Add API key' });
    await add.getByLabel('Label').fill('github-actions');
    await add.getByLabel('Description').fill('The deploy workflow');
    await add.getByLabel('Expires after').selectOption('30d');
    await add.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: 'API key created' });
    await shown.waitFor();
    const secret = (await shown.getByTestId('secret').textContent())!.trim();
    expect(isToken(secret), 'the dialog shows a whole wdn_ token').toBe(true);
    secrets.push(secret);
    await expect(shown.getByRole('button', { name: 'Copy API key' }).isVisible()).resolves.toBe(true);
    await expect(shown.getByRole('note').textContent()).resolves.toContain('shown only this once');
    // The copy button puts exactly the secret on the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await shown.getByRole('button', { name: 'Copy API key' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    expect((await page.evaluate<string>('navigator.clipboard.readText()')) === secret, 'the clipboard holds the secret').toBe(true);
    await checkPage('key created dialog');
    await screenshot(page, 'key-created', [shown.getByTestId('secret')]);

    // The secret is a working key of that account.
    const whoami = await httpClient(server.url, secret)('GET', '/v1/whoami');
    expect(whoami.status).toBe(200);
    expect(whoami.body.principal.name).toBe('ci-deployer');

    // Escape closes the dialog (keyboard use); the secret leaves the DOM with it.
    await page.keyboard.press('Escape');
    // A closed <dialog> leaves the accessibility tree at once and the DOM on the next render.
    await page.getByTestId('secret').waitFor({ state: 'detached' });
    await expectNoSecretInDom();

    await page.reload();
    await heading('ci-deployer').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'github-actions' });
    await expect(row.textContent()).resolves.toContain('Active');
    await expect(row.textContent()).resolves.toContain(secret.slice(0, 12));
    await expectNoSecretInDom();
    await checkPage('service account detail');
    await screenshot(page, 'service-account');
  });

  it('revokes the key', async () => {
    await page.getByRole('button', { name: 'Revoke key github-actions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke key github-actions?' });
    await dialog.getByLabel('When').selectOption('');
    await checkPage('revoke dialog');
    await dialog.getByRole('button', { name: 'Revoke key', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'github-actions' });
    await row.getByText('Revoked').waitFor();
    expect((await httpClient(server.url, secrets[0])('GET', '/v1/whoami')).status).toBe(401);
  });

  it('disables and enables the account', async () => {
    const id = new URL(page.url()).hash.split('/').pop()!;
    const state = async () => (await admin('GET', `/v1/orgs/${server.org}/service-accounts/${id}`)).body.disabled;
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByRole('button', { name: 'Enable', exact: true }).waitFor();
    expect(await state()).toBe(true);
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await page.getByRole('button', { name: 'Disable', exact: true }).waitFor();
    expect(await state()).toBe(false);
  });

  it("sets the account's roles", async () => {
    await page.getByRole('button', { name: 'Roles…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roles of ci-deployer' });
    await dialog.getByRole('checkbox', { name: /^reader/ }).check();
    await checkPage('service account roles dialog');
    await dialog.getByRole('button', { name: 'Save roles' }).click();
    await dialog.waitFor({ state: 'detached' });
    const id = new URL(page.url()).hash.split('/').pop()!;
    await expect.poll(async () => (await admin('GET', `/v1/orgs/${server.org}/service-accounts/${id}/roles`)).body.roles).toEqual(['reader']);
    await page
      .getByRole('definition')
      .filter({ hasText: /^reader$/ })
      .waitFor();
  });

  it('lists the accounts with search, status, roles and key count', async () => {
    await goTo('Service accounts', 'Service accounts');
    const table = page.getByRole('table');
    await table.getByRole('link', { name: 'ci-deployer' }).waitFor();
    const rows = await table.getByRole('row').count();
    expect(rows).toBeGreaterThanOrEqual(3);
    await page.getByLabel('Search').fill('deploys from');
    await expect.poll(async () => table.getByRole('row').count()).toBe(2);
    await expect(table.getByRole('row').nth(1).textContent()).resolves.toMatch(/ci-deployer.*Active.*reader.*0/);
    await page.getByLabel('Search').fill('');
  });

  it('marks objects managed by Terraform and warns that the next plan reverts a change made here', async () => {
    const created = await admin(
      'POST',
      `/v1/orgs/${server.org}/service-accounts`,
      { name: 'tf-deployer' },
      { 'user-agent': 'terraform-provider-warden/0.1.0' },
    );
    expect(created.status).toBe(201);
    expect(created.body.managed_by).toBe('terraform');
    await page.reload();
    const table = page.getByRole('table');
    await expect(table.getByRole('row').filter({ hasText: 'tf-deployer' }).textContent()).resolves.toContain('Terraform');
    await expect(table.getByRole('row').filter({ hasText: 'ci-deployer' }).textContent()).resolves.toContain('this console');
    await screenshot(page, 'service-accounts');

    await table.getByRole('link', { name: 'tf-deployer' }).click();
    await page.getByRole('heading', { level: 1, name: /tf-deployer/ }).waitFor();
    await expect(page.getByRole('main').getByRole('note').first().textContent()).resolves.toContain('managed by Terraform');
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable tf-deployer?' });
    await expect(dialog.textContent()).resolves.toMatch(/managed by Terraform.*next terraform apply/);
    await checkPage('terraform warning');
    await screenshot(page, 'terraform-warning');
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByRole('button', { name: 'Enable', exact: true }).waitFor();
    const after = await admin('GET', `/v1/orgs/${server.org}/service-accounts/${created.body.id}`);
    expect(after.body.disabled).toBe(true);
    expect(after.body.last_changed_by_client).toBe('console');
  });

  it('invites a member: the invitation URL is shown once, and it signs the invitee in', async () => {
    await goTo('Members', 'Members');
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite member' });
    await dialog.getByLabel('Email').fill('bob@example.com');
    await dialog.getByLabel('Role').selectOption('member');
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    const shown = page.getByRole('dialog', { name: 'Invitation created' });
    const url = (await shown.getByTestId('secret').textContent())!.trim();
    expect(url.includes('/console/#/accept?token='), 'the dialog shows the invitation URL').toBe(true);
    await checkPage('invitation dialog');
    await shown.getByRole('button', { name: /close/ }).click();
    // A closed <dialog> leaves the accessibility tree at once and the DOM on the next render.
    await page.getByTestId('secret').waitFor({ state: 'detached' });
    expect((await page.content()).includes(url.split('token=')[1]!), 'the invitation token is still in the DOM').toBe(false);
    await page.getByRole('row').filter({ hasText: 'bob@example.com' }).getByText('pending').waitFor();

    const bob = await watchedPage(browser, server.url);
    await bob.page.goto(url);
    await bob.page.getByLabel('Display name').fill('Bob');
    await bob.page.getByLabel('Password').fill('another long passphrase');
    await bob.page.getByRole('button', { name: 'Accept and sign in' }).click();
    await bob.page.getByRole('heading', { name: 'Service accounts', level: 1 }).waitFor();
    expect(await bob.cspViolations()).toEqual([]);
    await bob.page.context().close();

    // The link works once: opened again, the page says so.
    const again = await watchedPage(browser, server.url);
    await again.page.goto(url);
    await again.page.getByLabel('Display name').fill('Bob again');
    await again.page.getByLabel('Password').fill('another long passphrase');
    await again.page.getByRole('button', { name: 'Accept and sign in' }).click();
    await expect(again.page.getByRole('alert').textContent()).resolves.toMatch(/already|used/i);
    await again.page.context().close();

    await page.reload();
    await heading('Members').waitFor();
    await expect(page.getByRole('row').filter({ hasText: 'bob@example.com' }).first().textContent()).resolves.toContain('member');
    await checkPage('members');
    await screenshot(page, 'members');
  });

  it("changes a member's roles and revokes a pending invitation", async () => {
    await page.getByRole('button', { name: 'Change roles of bob@example.com' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roles of bob@example.com' });
    await dialog.getByRole('checkbox', { name: 'member', exact: true }).uncheck();
    await dialog.getByRole('checkbox', { name: 'reader', exact: true }).check();
    await checkPage('roles dialog');
    await dialog.getByRole('button', { name: 'Save roles' }).click();
    await dialog.waitFor({ state: 'detached' });
    const members = page.getByRole('table', { name: `Members of ${server.org}` });
    await members.getByRole('row').filter({ hasText: 'bob@example.com' }).getByText('reader').waitFor();
    const bob = await admin('GET', `/v1/orgs/${server.org}/users?email=bob@example.com`);
    expect(bob.body.items[0].roles).toEqual(['reader']);

    await invite(admin, server.org, 'carol@example.com', 'reader');
    await page.reload();
    await page.getByRole('button', { name: 'Revoke invitation of carol@example.com' }).click();
    await page.getByRole('dialog', { name: 'Revoke the invitation of carol@example.com?' }).getByRole('button', { name: 'Revoke invitation' }).click();
    const invitations = page.getByRole('table', { name: `Invitations to ${server.org}` });
    await invitations.getByRole('row').filter({ hasText: 'carol@example.com' }).getByText('revoked').waitFor();
  });

  it('creates a personal key, shown once', async () => {
    await goTo('Personal API keys', 'Personal API keys');
    await expect(page.getByText('0 of 5 active keys').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Create personal key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create personal key' });
    await dialog.getByLabel('Label').fill('laptop');
    await dialog.getByLabel('Expires after').selectOption('30d');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('dialog', { name: 'Personal key created' });
    const secret = (await shown.getByTestId('secret').textContent())!.trim();
    expect(isToken(secret), 'the dialog shows a whole wdn_ token').toBe(true);
    secrets.push(secret);
    await page.keyboard.press('Escape');
    // A closed <dialog> leaves the accessibility tree at once and the DOM on the next render.
    await page.getByTestId('secret').waitFor({ state: 'detached' });
    await expectNoSecretInDom();
    await page.getByText('1 of 5 active keys').waitFor();
    const me = await httpClient(server.url, secret)('GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(EMAIL);
    await checkPage('personal keys');
  });

  it('shows keys expiring within 7, 30 or 90 days', async () => {
    await goTo('Expiring keys', 'Expiring keys');
    const table = page.getByRole('table');
    await table.getByRole('row').filter({ hasText: 'laptop' }).waitFor();
    await checkPage('expiring');
    await page.getByLabel('7 days').check();
    await table.getByText('No active key expires within 7 days.').waitFor();
    await page.getByLabel('90 days').check();
    await table.getByRole('row').filter({ hasText: 'laptop' }).waitFor();
  });

  it('revokes a personal key', async () => {
    await goTo('Personal API keys', 'Personal API keys');
    await page.getByRole('button', { name: 'Revoke personal key laptop' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke personal key laptop?' });
    await dialog.getByRole('button', { name: 'Revoke key', exact: true }).click();
    await page.getByText('0 of 5 active keys').waitFor();
    await page.getByRole('row').filter({ hasText: 'laptop' }).getByText('revoked').waitFor();
    expect((await httpClient(server.url, secrets[1])('GET', '/v1/me')).status).toBe(401);
  });

  it('changes the password: a wrong current one is refused without ending the session', async () => {
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not the password at all');
    await form.getByLabel('New password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain('do not match');
    await heading('Personal API keys').waitFor();
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByLabel('New password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Password changed.').waitFor();
    await checkPage('password changed');
    expect(
      (
        await fetch(`${server.url}/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: EMAIL, password: NEW_PASSWORD }),
        })
      ).status,
    ).toBe(200);
  });

  it('the audit log shows each step, filtered by principal and action', async () => {
    await goTo('Audit log', 'Audit log');
    const table = page.getByRole('table');
    await table.getByRole('row').nth(1).waitFor();
    const text = (await table.textContent())!;
    for (const action of [
      'user.join',
      'service_account.create',
      'api_key.create',
      'api_key.revoke',
      'service_account.disable',
      'service_account.enable',
      'invitation.create',
    ]) {
      expect(text, action).toContain(action);
    }
    await checkPage('audit log');
    await screenshot(page, 'audit-log');

    await page.getByLabel('Action').fill('api_key.revoke');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => table.getByRole('row').count()).toBe(2);
    await expect(table.getByRole('row').nth(1).textContent()).resolves.toContain(EMAIL);

    // A time window that starts after every event shows none.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('From (UTC)').fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.getByText('No events match.').waitFor();

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Principal').selectOption({ label: 'Bob <bob@example.com>' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => (await table.textContent()) ?? '').not.toContain('service_account.create');
    expect(await table.textContent()).toContain('user.join');

    // Personal keys are audited in the user's personal organization: switch to it.
    const personal = await page
      .getByLabel('Organization')
      .getByRole('option', { name: /\(personal\)$/ })
      .getAttribute('value');
    await page.getByLabel('Organization').selectOption(personal!);
    await page.waitForURL(`**/#/orgs/${personal}/audit`);
    await page.getByRole('table').getByText('personal_key.create').waitFor();
  });

  it('shows the roles with their permission matrix', async () => {
    const custom = { name: 'deployer', description: 'Deploys services', permissions: ['keys:read', 'service_accounts:read'] };
    expect((await admin('POST', `/v1/orgs/${server.org}/roles`, custom, { 'user-agent': 'terraform-provider-warden/0.1.0' })).status).toBe(201);
    await page.getByLabel('Organization').selectOption(server.org);
    await goTo('Roles', 'Roles');
    const matrix = page.getByRole('table', { name: 'Permission matrix' });
    await matrix.waitFor();
    await expect(page.getByRole('listitem').filter({ hasText: 'deployer' }).textContent()).resolves.toMatch(/Custom.*Terraform/);
    const keysRead = matrix.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^keys:read/ }) });
    await expect(keysRead.getByRole('cell').last().textContent()).resolves.toBe('✓granted');
    for (const role of ['admin', 'member', 'reader', 'deployer']) {
      await matrix.getByRole('columnheader', { name: role, exact: true }).waitFor();
    }
    expect(await matrix.getByText('granted', { exact: true }).count()).toBeGreaterThan(5);
    await checkPage('roles');
    await screenshot(page, 'roles');
  });

  it('deletes a service account only after its name is typed', async () => {
    await goTo('Service accounts', 'Service accounts');
    await page.getByRole('table').getByRole('link', { name: 'tf-deployer' }).click();
    await page.getByRole('heading', { level: 1, name: /tf-deployer/ }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete tf-deployer?' });
    const confirm = dialog.getByRole('button', { name: 'Delete service account' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type tf-deployer to confirm').fill('tf-deploye');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type tf-deployer to confirm').fill('tf-deployer');
    await checkPage('delete dialog');
    await confirm.click();
    await heading('Service accounts').waitFor();
    await page.getByRole('table').getByRole('link', { name: 'ci-deployer' }).waitFor();
    expect(await page.getByRole('table').getByRole('link', { name: 'tf-deployer' }).count()).toBe(0);
    expect((await admin('GET', `/v1/orgs/${server.org}/service-accounts?name=tf-deployer`)).body.items).toEqual([]);
  });

  it('shows a reader no buttons for changes their roles do not allow', async () => {
    const bob = await watchedPage(browser, server.url);
    await bob.page.goto(`${server.url}/console/`);
    await bob.page.getByLabel('Email').fill('bob@example.com');
    await bob.page.getByLabel('Password').fill('another long passphrase');
    await bob.page.getByRole('button', { name: 'Sign in' }).click();
    await bob.page.getByRole('heading', { name: 'Service accounts', level: 1 }).waitFor();
    await bob.page.getByRole('table').getByRole('link', { name: 'ci-deployer' }).click();
    await bob.page.getByRole('heading', { name: 'API keys', level: 2 }).waitFor();
    for (const name of ['Add API key', 'Disable', 'Roles…', 'Delete']) {
      expect(await bob.page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    await bob.page.getByRole('link', { name: 'Members', exact: true }).click();
    await bob.page.getByRole('table', { name: `Members of ${server.org}` }).waitFor();
    expect(await bob.page.getByRole('button', { name: 'Invite member' }).count()).toBe(0);
    expect(await bob.page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await bob.cspViolations()).toEqual([]);
    await bob.page.context().close();
  });

  it('signs out, signs in again by keyboard alone, and an expired session leads back to sign-in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Sign in to Warden').waitFor();
    await checkPage('sign in');
    await screenshot(page, 'sign-in');
    expect((await page.context().cookies()).find((cookie) => cookie.name === 'warden_session')).toBeUndefined();

    // A wrong password is refused with a message, and nothing else happens.
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('do not match');
    await page.getByLabel('Email').fill('');
    await page.getByLabel('Password').fill('');
    await page.reload();
    await heading('Sign in to Warden').waitFor();

    // Keyboard only: Tab to the email field, type, Tab to the password, Enter submits.
    for (let presses = 0; presses < 5 && !(await page.evaluate<boolean>("document.activeElement?.type === 'email'")); presses++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await heading('Service accounts').waitFor();
    // The page's own requests are answered before the clock moves on.
    await page.getByRole('table').getByRole('link', { name: 'ci-deployer' }).waitFor();

    // Past the absolute lifetime (12 h), the next call answers 401 and the console shows sign-in.
    server.clock.advance(13 * 3_600_000);
    await goTo('Roles', 'Sign in to Warden');
    await page.getByText('Your session has expired').waitFor();
    expect(await watched.cspViolations()).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});
