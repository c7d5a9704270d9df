"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.commentWebhook = commentWebhook;
exports.dmWebhook = dmWebhook;
exports.postbackWebhook = postbackWebhook;
const ids_1 = require("../graph-api/ids");
function commentWebhook(input) {
    const value = {
        from: { id: input.fromId ?? (0, ids_1.numericId)('', 17), username: input.username ?? 'sandbox_user' },
        media: { id: input.mediaId ?? (0, ids_1.numericId)('18', 17), media_product_type: input.live ? 'LIVE' : 'FEED' },
        id: input.commentId ?? (0, ids_1.numericId)('179', 17),
        text: input.text,
    };
    return { object: 'instagram', entry: [{ id: input.igUserId, time: Math.floor(Date.now() / 1000), changes: [{ field: input.live ? 'live_comments' : 'comments', value }] }] };
}
function dmWebhook(input) {
    const message = { mid: input.mid ?? (0, ids_1.messageId)(), text: input.text ?? '' };
    if (input.quickReplyPayload)
        message.quick_reply = { payload: input.quickReplyPayload };
    if (input.storyId)
        message.reply_to = { story: { id: input.storyId, url: `https://cdn.sandbox/story/${input.storyId}` } };
    return messagingWebhook(input.igUserId, input.senderId, { message });
}
function postbackWebhook(input) {
    return messagingWebhook(input.igUserId, input.senderId, { postback: { mid: input.mid ?? (0, ids_1.messageId)(), title: input.title ?? 'Button', payload: input.payload } });
}
function messagingWebhook(igUserId, senderId, event) {
    const now = Date.now();
    return { object: 'instagram', entry: [{ id: igUserId, time: now, messaging: [{ sender: { id: senderId }, recipient: { id: igUserId }, timestamp: now, ...event }] }] };
}
