"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.withoutVersion = withoutVersion;
exports.answerGraphCall = answerGraphCall;
const ids_1 = require("./ids");
const meta_errors_1 = require("./meta-errors");
const VERSION_PREFIX = /^\/v\d+(\.\d+)?(?=\/)/;
const SEND_PATH = /^\/([A-Za-z0-9_.-]+)\/messages$/;
const REPLIES_PATH = /^\/([A-Za-z0-9_.-]+)\/replies$/;
const PROFILE_PATH = /^\/([A-Za-z0-9_.-]+)$/;
function withoutVersion(path) {
    return path.replace(VERSION_PREFIX, '');
}
const invalid = (message) => ({ status: 400, error: { ...meta_errors_1.META_ERRORS.invalid_parameter, message: `(#100) ${message}` } });
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Commenters answered by a private reply get a stable IGSID, so repeated replies show the same recipient. */
const commenterByComment = new Map();
function sendMessage(body) {
    if (!isObject(body) || !isObject(body.recipient))
        return invalid('param recipient must be a JSON object');
    if (!isObject(body.message))
        return invalid('param message must be a JSON object');
    const { recipient } = body;
    if (typeof recipient.id === 'string' && recipient.id)
        return { status: 200, body: { recipient_id: recipient.id, message_id: (0, ids_1.messageId)() } };
    if (typeof recipient.comment_id === 'string' && recipient.comment_id) {
        const commenter = commenterByComment.get(recipient.comment_id) ?? (0, ids_1.numericId)('', 16);
        commenterByComment.set(recipient.comment_id, commenter);
        return { status: 200, body: { recipient_id: commenter, message_id: (0, ids_1.messageId)() } };
    }
    return invalid('recipient must have an id or a comment_id');
}
function replyToComment(body, query) {
    const text = isObject(body) && typeof body.message === 'string' ? body.message : query.get('message');
    if (!text)
        return invalid('param message must be a non-empty string');
    return { status: 200, body: { id: (0, ids_1.numericId)('178', 17) } };
}
function userProfile(igUserId, profiles) {
    const profile = profiles.get(igUserId) ?? {};
    return { status: 200, body: { id: igUserId, username: profile.username ?? `user_${igUserId}`, ...('is_user_follow_business' in profile ? { is_user_follow_business: profile.is_user_follow_business } : {}) } };
}
function mediaObject(mediaId, media) {
    if (!media)
        return { status: 400, error: { ...meta_errors_1.META_ERRORS.invalid_parameter, subcode: 33, message: `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` } };
    return { status: 200, body: { id: mediaId, timestamp: media.timestamp, media_product_type: media.media_product_type ?? 'FEED' } };
}
/** The subset of the Graph API dmflow calls: the Send API (DMs and private replies), comment replies, user profiles and posts. */
function answerGraphCall(method, path, query, request, directory) {
    if (!request.token)
        return { status: 400, error: { ...meta_errors_1.META_ERRORS.invalid_token, subcode: undefined, message: 'An active access token must be used to query information about the current user.' } };
    const objectPath = PROFILE_PATH.exec(path);
    if (method === 'GET' && objectPath) {
        const id = objectPath[1];
        const asksForPost = (query.get('fields') ?? '').split(',').includes('timestamp');
        return directory.media.has(id) || asksForPost ? mediaObject(id, directory.media.get(id)) : userProfile(id, directory.profiles);
    }
    if (method !== 'POST')
        return invalid(`Unsupported ${method} request.`);
    if (SEND_PATH.test(path))
        return sendMessage(request.body);
    if (REPLIES_PATH.test(path))
        return replyToComment(request.body, query);
    return invalid(`Unsupported post request. Object with ID '${path.split('/')[1] ?? ''}' does not exist.`);
}
