// Shapes of the Open API answers (spec §3). Everything is validated: code is a
// string ("0" = ok) though a number is tolerated; values may be strings.
import { z } from 'zod';

export const ApiEnvelopeSchema = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  message: z.string().optional(),
  data: z.unknown().optional(),
});

const intLike = z.union([z.number().int(), z.string().regex(/^\d{1,5}$/).transform(Number)]);

export const CertificationSchema = z.object({
  certificateAccount: z.string().min(1).max(200),
  certificatePassword: z.string().min(1).max(200),
  url: z.string().min(1).max(255),
  port: intLike.pipe(z.number().int().min(1).max(65535)),
  protocol: z.string().max(16).default('mqtts'),
});
export type MqttCredentials = z.infer<typeof CertificationSchema>;

const onlineFlag = z.union([z.number(), z.string(), z.boolean()]).transform((v) => v === 1 || v === '1' || v === true);

export const CloudDeviceSchema = z.object({
  sn: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  deviceName: z.string().max(200).optional(),
  productName: z.string().max(200).optional(),
  online: onlineFlag.optional(),
});
export type CloudDevice = z.infer<typeof CloudDeviceSchema>;
