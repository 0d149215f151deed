declare module "hoodiecrow-imap" {
  import type { Server } from "node:net";

  type Message = { raw: string; flags?: string[]; internaldate?: string };
  type Options = {
    plugins?: string[];
    storage?: Record<string, { messages: Message[] }>;
    users?: Record<string, { password: string }>;
  };
  type Hoodiecrow = { server: Server; listen(port: number, host: string, cb: () => void): void; close(cb?: () => void): void };
  export default function hoodiecrow(options: Options): Hoodiecrow;
}
