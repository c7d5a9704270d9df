"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WEBHOOK_KINDS = void 0;
exports.postWebhookFromControl = postWebhookFromControl;
const meta_webhook_sender_1 = require("./meta-webhook-sender");
exports.WEBHOOK_KINDS = ['comment', 'dm', 'postback'];
function text(fields, name, required) {
    const value = fields[name];
    if (value === undefined && !required)
        return undefined;
    if (typeof value !== 'string' || (required && !value))
        throw new Error(`${name} must be a${required ? ' non-empty' : ''} string`);
    return value;
}
function input(kind, fields) {
    const igUserId = text(fields, 'igUserId', true);
    switch (kind) {
        case 'comment':
            return {
                igUserId,
                text: text(fields, 'text', true),
                mediaId: text(fields, 'mediaId', false),
                commentId: text(fields, 'commentId', false),
                fromId: text(fields, 'fromId', false),
                username: text(fields, 'username', false),
                live: fields.live === true,
            };
        case 'dm':
            return {
                igUserId,
                senderId: text(fields, 'senderId', true),
                text: text(fields, 'text', false),
                mid: text(fields, 'mid', false),
                quickReplyPayload: text(fields, 'quickReplyPayload', false),
                storyId: text(fields, 'storyId', false),
            };
        case 'postback':
            return { igUserId, senderId: text(fields, 'senderId', true), payload: text(fields, 'payload', true), title: text(fields, 'title', false), mid: text(fields, 'mid', false) };
    }
}
/**
 * POST /_sandbox/webhooks/{comment|dm|postback}: signs and posts one Instagram webhook to a dmflow server.
 * The JSON body holds the event fields plus optional `serverUrl` and `appSecret` (defaults: the sandbox's target).
 */
async function postWebhookFromControl(kind, body, target) {
    if (!exports.WEBHOOK_KINDS.includes(kind))
        throw new Error(`webhook kind must be one of ${exports.WEBHOOK_KINDS.join(', ')}`);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new Error('the body must be a JSON object');
    const fields = body;
    const serverUrl = text(fields, 'serverUrl', false) ?? target.serverUrl;
    const appSecret = text(fields, 'appSecret', false) ?? target.appSecret;
    if (!serverUrl || !appSecret)
        throw new Error('no target: pass serverUrl and appSecret, or start the sandbox with SANDBOX_WEBHOOK_TARGET and META_APP_SECRET');
    const sender = new meta_webhook_sender_1.MetaWebhookSender(serverUrl, appSecret);
    const webhookKind = kind;
    switch (webhookKind) {
        case 'comment':
            return sender.comment(input(webhookKind, fields));
        case 'dm':
            return sender.dm(input(webhookKind, fields));
        case 'postback':
            return sender.postback(input(webhookKind, fields));
    }
}
