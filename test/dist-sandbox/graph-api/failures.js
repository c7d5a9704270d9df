"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FailurePlan = void 0;
exports.parseFailureRule = parseFailureRule;
const meta_errors_1 = require("./meta-errors");
function parseFailureRule(input) {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new Error('a failure rule must be a JSON object');
    const rule = input;
    const optionalNumber = (name, min, max) => {
        const value = rule[name];
        if (value === undefined)
            return undefined;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
            throw new Error(`${name} must be a number from ${min} to ${max}`);
        return value;
    };
    if (rule.error !== undefined && !meta_errors_1.FAILURE_KINDS.includes(rule.error))
        throw new Error(`error must be one of ${meta_errors_1.FAILURE_KINDS.join(', ')}`);
    if (rule.pathContains !== undefined && typeof rule.pathContains !== 'string')
        throw new Error('pathContains must be a string');
    return {
        pathContains: rule.pathContains,
        error: rule.error,
        count: optionalNumber('count', 1, 1_000_000),
        ratio: optionalNumber('ratio', 0, 1),
        latencyMs: optionalNumber('latencyMs', 0, 120_000),
    };
}
/** The standing failure rules; each call consumes from the first rules that match it. */
class FailurePlan {
    constructor() {
        this.rules = [];
    }
    add(rule) {
        this.rules.push({ ...rule, remaining: rule.count });
    }
    list() {
        return this.rules.map((rule) => ({ ...rule }));
    }
    clear() {
        this.rules = [];
    }
    decide(path, random = Math.random) {
        let latencyMs = 0;
        let error = null;
        for (const rule of this.rules) {
            if (rule.pathContains && !path.includes(rule.pathContains))
                continue;
            latencyMs = Math.max(latencyMs, rule.latencyMs ?? 0);
            if (error || !rule.error)
                continue;
            if (rule.remaining !== undefined) {
                if (rule.remaining <= 0)
                    continue;
                rule.remaining -= 1;
                error = rule.error;
            }
            else if (rule.ratio !== undefined ? random() < rule.ratio : true) {
                error = rule.error;
            }
        }
        this.rules = this.rules.filter((rule) => rule.remaining === undefined || rule.remaining > 0 || rule.latencyMs);
        return { error, latencyMs };
    }
}
exports.FailurePlan = FailurePlan;
