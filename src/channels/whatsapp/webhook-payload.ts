import { z } from "zod";

// The parts of a Cloud API webhook frontdesk reads
// (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components); the rest passes through.
const media = z.object({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional() });

export const inboundMessage = z.looseObject({
  id: z.string().min(1).max(200),
  from: z.string().min(1).max(40),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: media.optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
    })
    .optional(),
  button: z.object({ text: z.string(), payload: z.string().optional() }).optional(),
});
export type WhatsAppMessage = z.infer<typeof inboundMessage>;

export const deliveryStatus = z.looseObject({
  id: z.string(),
  status: z.string(),
  recipient_id: z.string(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).optional(),
});
export type WhatsAppStatus = z.infer<typeof deliveryStatus>;

export const webhookPayload = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        changes: z.array(
          z.object({
            field: z.string(),
            value: z.looseObject({
              contacts: z.array(z.looseObject({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
              messages: z.array(inboundMessage).optional(),
              statuses: z.array(deliveryStatus).optional(),
            }),
          }),
        ),
      }),
    )
    .max(100),
});
