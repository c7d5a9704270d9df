import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { isPrivateAddress } from './address-policy';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** We read at most this much of a receiver's answer, and keep a short snippet of it in the log. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
export const RESPONSE_SNIPPET_CHARS = 1024;

export interface PostResult {
  statusCode: number | null;
  latencyMs: number;
  responseSnippet: string | null;
  error: string | null;
}

export class BlockedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private or reserved address (set WEBHOOKS_ALLOW_PRIVATE_URLS=true to allow)`);
  }
}

/** A DNS lookup that refuses private addresses: used for the connection itself, so a rebinding DNS can't slip past a check. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = allowPrivate ? undefined : addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(new BlockedAddressError(hostname, refused.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Resolves a URL's host and refuses private addresses (checked when an endpoint is saved). */
export async function checkUrlAddress(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw new BlockedAddressError(host, host);
    return;
  }
  await new Promise<void>((resolve, reject) =>
    guardedLookup(false)(host, { all: true }, (error) => (error ? reject(error) : resolve())),
  );
}

function readCapped(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_SNIPPET_CHARS));
    response.on('data', (chunk: Buffer) => {
      if (size >= MAX_RESPONSE_BYTES) return;
      chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
      size += chunk.length;
      if (size >= MAX_RESPONSE_BYTES) {
        response.destroy();
        finish();
      }
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
}

/** One POST: never follows redirects, gives up after DELIVERY_TIMEOUT_MS, refuses private addresses unless allowed. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<PostResult> {
  const started = Date.now();
  const target = new URL(url);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (result: Omit<PostResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: Date.now() - started });
    };
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
      settle({ statusCode: null, responseSnippet: null, error: new BlockedAddressError(host, host).message });
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(allowPrivate),
      agent: false,
    });
    timer = setTimeout(() => {
      request.destroy();
      settle({ statusCode: null, responseSnippet: null, error: `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` });
    }, DELIVERY_TIMEOUT_MS);
    request.on('response', (response) => {
      void readCapped(response).then((snippet) => settle({ statusCode: response.statusCode ?? null, responseSnippet: snippet || null, error: null }));
    });
    request.on('error', (error) => settle({ statusCode: null, responseSnippet: null, error: error.message }));
    request.end(body);
  });
}
