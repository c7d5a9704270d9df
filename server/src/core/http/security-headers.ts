import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * helmet on every response. The CSP fits the editor: its own scripts only; inline styles (React Flow positions
 * nodes with style attributes); images from Instagram's CDN in the simulator (https:); no framing anywhere
 * (frame-ancestors 'none' + X-Frame-Options DENY). No upgrade-insecure-requests: installs reached over plain http on
 * a LAN would break. X-Powered-By is removed.
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(securityHeaders());
}

/** The helmet middleware useSecurityHeaders installs, for routes served before Express (serveMetaWebhookDirectly). */
export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    // Meta and other servers never read these; browsers do, and the editor loads nothing cross-origin.
    crossOriginEmbedderPolicy: false,
  });
}
