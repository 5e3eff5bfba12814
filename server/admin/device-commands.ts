/** The device commands: enrol-device, revoke-device, list-devices. */
import { z } from 'zod';
import { createDevice, listDevices, revokeDevice } from '../store/devices.ts';
import { CommandFailed, stringOption, UsageError, withDatabase, type AdminCommand } from './command.ts';

const deviceNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the device a name, e.g. --name "Health visiting tablet 3"')
  .max(120, 'The device name must be 120 characters or fewer')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'The device name must not contain control characters');

const deviceIdSchema = z.uuid('A device id looks like 0f8c2d4e-…: copy it from list-devices');

export const enrolDevice: AdminCommand = {
  usage: ['enrol-device --name "Health visiting tablet 3"   create a device and print its one-time enrolment code'],
  options: { name: { type: 'string' } },
  async run(input) {
    const parsed = deviceNameSchema.safeParse(stringOption(input, 'name') ?? '');
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Give the device a name');
    await withDatabase(input.io, async (database, config) => {
      const device = await createDevice(database.db, parsed.data, config.enrolmentCodeHours);
      input.io.stdout.write(
        `Device ${device.deviceId} created.\n` +
          `Enter this code in the app on the device. It works once, and expires at ${device.expiresAt}` +
          ` (in ${config.enrolmentCodeHours} hours):\n${device.code}\n`,
      );
    });
  },
};

export const revokeDeviceCommand: AdminCommand = {
  usage: ['revoke-device <device-id>                         stop a device from sending referrals'],
  async run(input) {
    const deviceId = deviceIdSchema.safeParse(input.positionals[0]);
    if (!deviceId.success) throw new UsageError(deviceId.error.issues[0]?.message ?? 'Give a device id');
    await withDatabase(input.io, async (database) => {
      const outcome = await revokeDevice(database.db, deviceId.data);
      if (outcome === 'not-found') throw new CommandFailed(`There is no device ${deviceId.data}.`);
      input.io.stdout.write(
        outcome === 'revoked'
          ? `Device ${deviceId.data} is revoked: it can no longer send referrals. Anything queued on it stays there.\n`
          : `Device ${deviceId.data} was already revoked.\n`,
      );
    });
  },
};

export const listDevicesCommand: AdminCommand = {
  usage: ['list-devices                                      list devices as JSON'],
  async run(input) {
    await withDatabase(input.io, async (database) => {
      input.io.stdout.write(`${JSON.stringify(await listDevices(database.db), null, 2)}\n`);
    });
  },
};
