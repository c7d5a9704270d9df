"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.messageId = messageId;
exports.numericId = numericId;
exports.traceId = traceId;
const node_crypto_1 = require("node:crypto");
/** Ids shaped like Meta's: message ids are base64 "aWdf..." strings, comment and user ids long digit strings. */
function messageId() {
    return Buffer.from(`ig_message_${(0, node_crypto_1.randomBytes)(18).toString('hex')}`).toString('base64url');
}
function numericId(prefix, digits) {
    let id = prefix;
    while (id.length < digits)
        id += String((0, node_crypto_1.randomInt)(0, 10));
    return id;
}
function traceId() {
    return (0, node_crypto_1.randomBytes)(12).toString('base64url');
}
