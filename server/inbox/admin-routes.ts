/**
 * For the admin role only: the staff who can sign in and the enrolled devices, with one action
 * each: disable a member of staff (their sessions end at once), revoke a device. Adding staff and
 * enrolling devices need a password or a one-time code shown once, so they stay in the admin CLI.
 */
import type { FastifyInstance } from 'fastify';
import { listDevices, revokeDevice, type DeviceSummary } from '../store/devices.ts';
import { formToken } from './web-security.ts';
import { guard, sendHtml, sessionOf, type InboxContext, type SignInResponder } from './context.ts';
import { html } from './html.ts';
import { recordAudit } from './store/audit.ts';
import { disableUser, listUsers, type UserSummary } from './store/staff.ts';
import { dateTime, hiddenCsrf, notification, tag } from './views/components.ts';
import { page } from './views/layout.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEVICE_STATUS: Record<DeviceSummary['status'], string> = {
  'awaiting-enrolment': 'Awaiting enrolment',
  enrolled: 'Enrolled',
  revoked: 'Revoked',
};

function adminPage(users: UserSummary[], devices: DeviceSummary[], csrfToken: string, me: string, notice?: string) {
  const staff = html`<table class="govuk-table">
    <caption class="govuk-table__caption govuk-table__caption--m">
      Staff
    </caption>
    <thead>
      <tr>
        <th scope="col">Username</th>
        <th scope="col">Role</th>
        <th scope="col">Added</th>
        <th scope="col">Status</th>
        <th scope="col"><span class="govuk-visually-hidden">Action</span></th>
      </tr>
    </thead>
    <tbody>
      ${users.map(
        (user) =>
          html`<tr>
            <th scope="row">${user.username}</th>
            <td>${user.role === 'admin' ? 'Administrator' : 'Triage'}</td>
            <td>${dateTime(user.createdAt)}</td>
            <td>${user.disabledAt ? tag('Disabled', 'grey') : tag('Active', 'green')}</td>
            <td>
              ${
                user.disabledAt || user.username === me
                  ? ''
                  : html`<form method="post" action="/inbox/admin/staff/${user.id}/disable">
                      ${hiddenCsrf(csrfToken)}<button
                        class="govuk-button govuk-button--warning app-button--small"
                        type="submit"
                      >
                        Disable<span class="govuk-visually-hidden"> ${user.username}</span>
                      </button>
                    </form>`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  const deviceTable = html`<table class="govuk-table">
    <caption class="govuk-table__caption govuk-table__caption--m">
      Devices
    </caption>
    <thead>
      <tr>
        <th scope="col">Name</th>
        <th scope="col">Status</th>
        <th scope="col" class="govuk-table__cell--numeric">Referrals</th>
        <th scope="col">Last referral</th>
        <th scope="col"><span class="govuk-visually-hidden">Action</span></th>
      </tr>
    </thead>
    <tbody>
      ${devices.map(
        (device) =>
          html`<tr>
            <th scope="row">${device.name}</th>
            <td>${DEVICE_STATUS[device.status]}</td>
            <td class="govuk-table__cell--numeric">${device.submissions}</td>
            <td>${device.lastSubmissionAt ? dateTime(device.lastSubmissionAt) : 'None'}</td>
            <td>
              ${
                device.status === 'revoked'
                  ? ''
                  : html`<form method="post" action="/inbox/admin/devices/${device.id}/revoke">
                      ${hiddenCsrf(csrfToken)}<button
                        class="govuk-button govuk-button--warning app-button--small"
                        type="submit"
                      >
                        Revoke<span class="govuk-visually-hidden"> ${device.name}</span>
                      </button>
                    </form>`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  return html`${notice ? notification(notice) : ''}
    <h1 class="govuk-heading-l">Staff and devices</h1>
    <p class="govuk-body">
      Add staff with <code class="code">npm run admin:production -- add-user &lt;username&gt; --role triage</code> and
      enrol devices with <code class="code">npm run admin:production -- enrol-device --name "…"</code> on the server
      (<code class="code">npm run admin -- …</code> in a development checkout).
    </p>
    ${staff} ${deviceTable}`;
}

const NOTICES: Record<string, string> = {
  'staff-disabled': 'The account is disabled and its sessions have ended',
  'device-revoked': 'The device is revoked: it can no longer send referrals',
};

export function registerAdminRoutes(inbox: FastifyInstance, context: InboxContext, signIn: SignInResponder) {
  const adminPageGuard = guard(signIn, { kind: 'page', role: 'admin' });
  const adminForm = guard(signIn, { kind: 'form', role: 'admin' });

  inbox.get('/admin', { preHandler: adminPageGuard }, async (request, reply) => {
    const session = sessionOf(request);
    const [users, devices] = await Promise.all([listUsers(context.db), listDevices(context.db)]);
    const notice = NOTICES[String((request.query as Record<string, unknown>).notice)];
    const csrfToken = formToken(request, reply);
    const body = adminPage(users, devices, csrfToken, session.user.username, notice);
    return sendHtml(
      reply,
      200,
      page({ title: 'Staff and devices', body, user: session.user, csrfToken, section: 'admin' }),
    );
  });

  inbox.post('/admin/staff/:id/disable', { preHandler: adminForm }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const users = await listUsers(context.db);
    const user = UUID_PATTERN.test(id) ? users.find((candidate) => candidate.id === id) : undefined;
    const session = sessionOf(request);
    if (user && user.id !== session.user.id) await disableUser(context.db, user.username, session.user, context.now());
    return reply.redirect('/inbox/admin?notice=staff-disabled', 303);
  });

  inbox.post('/admin/devices/:id/revoke', { preHandler: adminForm }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    if (UUID_PATTERN.test(id) && (await revokeDevice(context.db, id, context.now())) === 'revoked') {
      await recordAudit(
        context.db,
        { actor: sessionOf(request).user, action: 'revoked-device', details: { deviceId: id } },
        context.now(),
      );
    }
    return reply.redirect('/inbox/admin?notice=device-revoked', 303);
  });
}
