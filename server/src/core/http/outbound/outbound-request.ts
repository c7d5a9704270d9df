import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { isPrivateAddress } from './address-policy';

/** Calls to addresses our users choose (webhook receivers, a flow's HTTP request block) all go through here. */
export interface OutboundRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The response is read up to this many bytes; the rest is dropped. */
  maxResponseBytes: number;
  /** Self-hosted and test installs may reach private, loopback and link-local addresses. */
  allowPrivate: boolean;
  /** Names the setting that allows private addresses, for the refusal message. */
  allowPrivateSetting: string;
}

export interface OutboundResponse {
  statusCode: number | null;
  latencyMs: number;
  /** At most maxResponseBytes of the body, as UTF-8; null when there was no response. */
  body: string | null;
  error: string | null;
  /** The response's headers (a 429's Retry-After); absent when there was no response. */
  headers?: IncomingMessage['headers'];
}

/** Names the host only: saying what an internal name resolves to would let anyone map internal DNS. */
export class BlockedAddressError extends Error {
  constructor(host: string, setting: string) {
    super(`${host} is not allowed: it points to a private or reserved address (set ${setting}=true to allow)`);
  }
}

/** A DNS lookup that refuses private addresses: used for the connection itself, so a rebinding DNS can't slip past a check. */
export function guardedLookup(allowPrivate: boolean, setting: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = !allowPrivate && addresses.some((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(new BlockedAddressError(hostname, setting), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Resolves a URL's host and refuses private addresses (checked when a URL is saved, before any request). */
export async function checkUrlAddress(url: URL, allowPrivate: boolean, setting: string): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw new BlockedAddressError(host, setting);
    return;
  }
  await new Promise<void>((resolve, reject) =>
    guardedLookup(false, setting)(host, { all: true }, (error) => (error ? reject(error) : resolve())),
  );
}

function readCapped(response: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      if (size >= maxBytes) return;
      chunks.push(chunk.subarray(0, maxBytes - size));
      size += chunk.length;
      if (size >= maxBytes) {
        response.destroy();
        finish();
      }
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
}

/**
 * One request that never follows redirects (a redirect could point anywhere, private addresses included),
 * gives up after timeoutMs, reads a bounded answer, and refuses private addresses unless allowed.
 * Never throws: failures come back in `error`.
 */
export function sendOutboundRequest(outbound: OutboundRequest): Promise<OutboundResponse> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (result: Omit<OutboundResponse, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: Date.now() - started });
    };
    let target: URL;
    try {
      target = new URL(outbound.url);
    } catch {
      return settle({ statusCode: null, body: null, error: `${outbound.url} is not a valid URL` });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      return settle({ statusCode: null, body: null, error: `${target.protocol} URLs are not allowed` });
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!outbound.allowPrivate && isIP(host) && isPrivateAddress(host)) {
      return settle({ statusCode: null, body: null, error: new BlockedAddressError(host, outbound.allowPrivateSetting).message });
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers =
      outbound.body === undefined ? outbound.headers : { ...outbound.headers, 'Content-Length': String(Buffer.byteLength(outbound.body)) };
    let request: ReturnType<typeof send>;
    try {
      request = send(target, {
        method: outbound.method,
        headers,
        lookup: guardedLookup(outbound.allowPrivate, outbound.allowPrivateSetting),
        agent: false,
      });
    } catch (error) {
      // Node checks headers as it builds the request: a value it can't send (a control character, an emoji) throws here.
      return settle({ statusCode: null, body: null, error: (error as Error).message });
    }
    timer = setTimeout(() => {
      request.destroy();
      settle({ statusCode: null, body: null, error: `no answer within ${outbound.timeoutMs / 1000} s` });
    }, outbound.timeoutMs);
    request.on('response', (response) => {
      void readCapped(response, outbound.maxResponseBytes).then((body) =>
        settle({ statusCode: response.statusCode ?? null, body, error: null, headers: response.headers }),
      );
    });
    request.on('error', (error) => settle({ statusCode: null, body: null, error: error.message }));
    request.end(outbound.body);
  });
}
