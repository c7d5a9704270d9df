"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GraphSandboxClient = void 0;
/** Drives a running sandbox through its HTTP control API (works the same against the docker-compose service). */
class GraphSandboxClient {
    constructor(url) {
        this.url = url;
    }
    async calls(pathContains) {
        const response = await fetch(`${this.url}/_sandbox/calls`);
        const { calls } = (await response.json());
        return pathContains ? calls.filter((call) => call.path.includes(pathContains)) : calls;
    }
    async fail(rule) {
        const response = await fetch(`${this.url}/_sandbox/failures`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rule) });
        if (response.status !== 201)
            throw new Error(`sandbox refused the failure rule: ${await response.text()}`);
    }
    /** What GET /<igsid> answers for this person (username, is_user_follow_business). */
    async setProfile(profile) {
        const response = await fetch(`${this.url}/_sandbox/profiles`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(profile) });
        if (response.status !== 201)
            throw new Error(`sandbox refused the profile: ${await response.text()}`);
    }
    /** A post of the business account, published at `timestamp` (what GET /<media-id>?fields=timestamp answers). */
    async publishMedia(post) {
        const response = await fetch(`${this.url}/_sandbox/media`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(post) });
        if (response.status !== 201)
            throw new Error(`sandbox refused the post: ${await response.text()}`);
    }
    async reset() {
        await fetch(`${this.url}/_sandbox/reset`, { method: 'POST' });
    }
}
exports.GraphSandboxClient = GraphSandboxClient;
