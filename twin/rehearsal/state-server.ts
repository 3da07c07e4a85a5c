/*
 * Where a rehearsal's Terraform keeps each stack's state: the file terraform.<stack>.tfstate of the scratch folder (the
 * same file the stacks that read it open through their local terraform_remote_state, and the one a review starts
 * from and keeps), served on loopback through Terraform's http backend, which the rehearsal writes into each stack's
 * scratch copy as an override.
 *
 * Why not the local backend the synthesis declares: Terraform's local state manager rewrites the whole state file
 * after every resource it applies, so an apply costs the square of the stack's size (600 resources: 44 s against
 * 2.5 s for the same apply through the http backend, which keeps the state in memory and writes it every 20 s and at
 * the end). The file is the same, written whole (through a temporary file and a rename) each time Terraform sends it.
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface StateServer {
  /** The http backend's address for `stack`'s state. */
  address(stack: string): string;
  close(): Promise<void>;
}

/** A stack's name as the manifest gives it: nothing that could leave the folder. */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The state file of `stack` in the rehearsal's scratch folder. */
export function stateFileName(stack: string): string {
  return `terraform.${stack}.tfstate`;
}

/** Terraform's http backend configuration for `stack`, as an override file's content. */
export function httpBackendOverride(server: StateServer, stack: string): string {
  return `${JSON.stringify({ terraform: { backend: { http: { address: server.address(stack) } } } }, null, 2)}\n`;
}

/**
 * Serves the state files of `folder` on 127.0.0.1, at a path with a random part: another local process that does not
 * know it reads nothing (the states hold the rehearsal's made-up values, a review's base state among them).
 */
export async function serveStates(folder: string): Promise<StateServer> {
  const secret = randomBytes(16).toString("hex");
  const server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(error instanceof Error ? error.message : String(error));
    });
  });
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [, given, stack, ...rest] = new URL(request.url ?? "/", "http://localhost").pathname.split("/");
    if (given !== secret || stack === undefined || !STACK_NAME.test(stack) || rest.length > 0) {
      response.statusCode = 404;
      response.end();
      return;
    }
    const file = join(folder, stateFileName(stack));
    switch (request.method) {
      case "GET": {
        try {
          const body = await readFile(file);
          response.setHeader("Content-Type", "application/json");
          response.end(body);
        } catch (error) {
          // No state yet: Terraform's http backend reads a 404 as an empty state.
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
          response.statusCode = 404;
          response.end();
        }
        return;
      }
      case "POST": {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
        await writeFile(temporary, Buffer.concat(chunks), { mode: 0o600 });
        await rename(temporary, file);
        response.end();
        return;
      }
      case "DELETE": {
        await unlink(file).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "ENOENT") throw error;
        });
        response.end();
        return;
      }
      default:
        // No lock address is configured, so Terraform never sends LOCK or UNLOCK: each stack runs one command at a time.
        response.statusCode = 405;
        response.end();
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: (stack) => `http://127.0.0.1:${port}/${secret}/${stack}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
