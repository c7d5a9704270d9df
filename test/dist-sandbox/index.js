"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
__exportStar(require("./graph-api/graph-api-sandbox"), exports);
__exportStar(require("./graph-api/graph-sandbox-client"), exports);
__exportStar(require("./graph-api/failures"), exports);
__exportStar(require("./graph-api/meta-errors"), exports);
__exportStar(require("./webhooks/meta-webhook-events"), exports);
__exportStar(require("./webhooks/meta-webhook-sender"), exports);
__exportStar(require("./webhooks/webhook-control"), exports);
