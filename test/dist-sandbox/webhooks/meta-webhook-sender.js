"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MetaWebhookSender = void 0;
exports.metaSignature = metaSignature;
const node_crypto_1 = require("node:crypto");
const meta_webhook_events_1 = require("./meta-webhook-events");
/** X-Hub-Signature-256 as Meta computes it: `sha256=` + hex HMAC-SHA256 of the raw body with the app secret. */
function metaSignature(rawBody, appSecret) {
    return `sha256=${(0, node_crypto_1.createHmac)('sha256', appSecret).update(rawBody).digest('hex')}`;
}
/** Plays Meta: posts signed Instagram webhooks to a dmflow server's /meta/webhook. */
class MetaWebhookSender {
    constructor(
    /** The dmflow server's base URL, e.g. http://127.0.0.1:3000. */
    serverUrl, appSecret) {
        this.serverUrl = serverUrl;
        this.appSecret = appSecret;
    }
    comment(input) {
        return this.post(JSON.stringify((0, meta_webhook_events_1.commentWebhook)(input)));
    }
    dm(input) {
        return this.post(JSON.stringify((0, meta_webhook_events_1.dmWebhook)(input)));
    }
    postback(input) {
        return this.post(JSON.stringify((0, meta_webhook_events_1.postbackWebhook)(input)));
    }
    /** Posts a raw body signed with the app secret (Meta's retries resend the same bytes). */
    async post(payload, headers = {}) {
        const url = `${this.serverUrl.replace(/\/+$/, '')}/meta/webhook`;
        let response;
        try {
            response = await fetch(url, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': metaSignature(payload, this.appSecret), ...headers },
                body: payload,
            });
        }
        catch (error) {
            throw new Error(`could not reach ${url}: ${error.message}`);
        }
        const text = await response.text();
        let body = text;
        try {
            body = JSON.parse(text);
        }
        catch {
            // keep the text
        }
        return { status: response.status, body, payload };
    }
}
exports.MetaWebhookSender = MetaWebhookSender;
