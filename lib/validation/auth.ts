import { z } from "zod";

export const LoginBody = z
  .object({
    username: z.string().trim().min(1, "username is required").max(100).describe("Your login name, e.g. buyer1"),
    password: z.string().min(1, "password is required").max(200).describe("Your password"),
  })
  .describe("Credentials for POST /api/auth/login");
export type LoginBody = z.infer<typeof LoginBody>;
