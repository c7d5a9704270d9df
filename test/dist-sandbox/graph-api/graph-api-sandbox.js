"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startGraphSandbox = startGraphSandbox;
const node_http_1 = require("node:http");
const failures_1 = require("./failures");
const graph_api_routes_1 = require("./graph-api-routes");
const ids_1 = require("./ids");
const meta_errors_1 = require("./meta-errors");
const webhook_control_1 = require("../webhooks/webhook-control");
const MAX_BODY_BYTES = 1024 * 1024;
function readBody(request) {
    return new Promise((resolve, reject) => {
        let size = 0;
        const chunks = [];
        request.on('data', (chunk) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES)
                reject(new Error('body too large'));
            else
                chunks.push(chunk);
        });
        request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        request.on('error', reject);
    });
}
function reply(response, status, body) {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
}
function parseJson(text) {
    try {
        return text ? JSON.parse(text) : null;
    }
    catch {
        return { unparsable: text.slice(0, 1000) };
    }
}
function bearerToken(request, query) {
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    return match?.[1] ?? query.get('access_token');
}
/** A real HTTP server speaking the part of Meta's Graph API dmflow uses, recording every call, with failure injection. */
async function startGraphSandbox(options = {}) {
    const calls = [];
    const failures = new failures_1.FailurePlan();
    const profiles = new Map();
    const media = new Map();
    let sequence = 0;
    const control = async (method, path, request, response) => {
        if (method === 'GET' && path === '/_sandbox/calls')
            return reply(response, 200, { calls });
        if (method === 'GET' && path === '/_sandbox/failures')
            return reply(response, 200, { failures: failures.list() });
        if (method === 'GET' && path === '/_sandbox/health')
            return reply(response, 200, { status: 'ok' });
        if (method === 'POST' && path === '/_sandbox/reset') {
            calls.length = 0;
            failures.clear();
            profiles.clear();
            media.clear();
            return reply(response, 200, { reset: true });
        }
        if (method === 'POST' && path === '/_sandbox/profiles') {
            const profile = parseJson(await readBody(request));
            if (typeof profile?.id !== 'string' || !profile.id)
                return reply(response, 400, { error: 'a profile needs an "id" (the IGSID)' });
            profiles.set(profile.id, { username: profile.username, is_user_follow_business: profile.is_user_follow_business });
            return reply(response, 201, { profile });
        }
        if (method === 'POST' && path === '/_sandbox/media') {
            const post = parseJson(await readBody(request));
            if (typeof post?.id !== 'string' || !post.id || typeof post.timestamp !== 'string' || Number.isNaN(Date.parse(post.timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')))) {
                return reply(response, 400, { error: 'a post needs an "id" and an ISO-8601 "timestamp" (when it was published)' });
            }
            media.set(post.id, { timestamp: post.timestamp, media_product_type: post.media_product_type });
            return reply(response, 201, { media: post });
        }
        if (method === 'POST' && path === '/_sandbox/failures') {
            try {
                const rule = (0, failures_1.parseFailureRule)(parseJson(await readBody(request)));
                failures.add(rule);
                return reply(response, 201, { failure: rule });
            }
            catch (error) {
                return reply(response, 400, { error: error.message });
            }
        }
        if (method === 'POST' && path.startsWith('/_sandbox/webhooks/')) {
            try {
                const delivery = await (0, webhook_control_1.postWebhookFromControl)(path.slice('/_sandbox/webhooks/'.length), parseJson(await readBody(request)), options.webhooks ?? {});
                options.log?.(`webhook ${path.slice('/_sandbox/webhooks/'.length)} -> ${delivery.status}`);
                return reply(response, 200, { delivered: delivery.status === 200, status: delivery.status, response: delivery.body, payload: JSON.parse(delivery.payload) });
            }
            catch (error) {
                return reply(response, 400, { error: error.message });
            }
        }
        return reply(response, 404, { error: `no sandbox control route ${method} ${path}` });
    };
    const graph = async (method, path, query, request, response) => {
        const body = parseJson(await readBody(request));
        const token = bearerToken(request, query);
        const decision = failures.decide(path);
        if (decision.latencyMs)
            await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
        const answer = decision.error ? { status: meta_errors_1.META_ERRORS[decision.error].status, error: meta_errors_1.META_ERRORS[decision.error] } : (0, graph_api_routes_1.answerGraphCall)(method, path, query, { path, token, body }, { profiles, media });
        const responseBody = 'error' in answer ? (0, meta_errors_1.metaErrorBody)(answer.error, (0, ids_1.traceId)()) : answer.body;
        calls.push({ sequence: ++sequence, at: new Date().toISOString(), method, path, token, body, status: answer.status, response: responseBody });
        options.log?.(`${method} ${path} -> ${answer.status}`);
        reply(response, answer.status, responseBody);
    };
    const server = (0, node_http_1.createServer)((request, response) => {
        const url = new URL(request.url ?? '/', 'http://sandbox');
        const method = request.method ?? 'GET';
        const handle = url.pathname.startsWith('/_sandbox/') ? control(method, url.pathname, request, response) : graph(method, (0, graph_api_routes_1.withoutVersion)(url.pathname), url.searchParams, request, response);
        handle.catch((error) => reply(response, 500, (0, meta_errors_1.metaErrorBody)({ ...meta_errors_1.META_ERRORS.server_error, message: error.message }, (0, ids_1.traceId)())));
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const { port } = server.address();
    const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`;
    return {
        url,
        graphUrl: `${url}/v25.0`,
        port,
        calls: () => [...calls],
        reset: () => {
            calls.length = 0;
            failures.clear();
            profiles.clear();
            media.clear();
        },
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
