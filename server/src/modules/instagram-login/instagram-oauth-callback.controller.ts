import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InstagramLoginService } from './instagram-login.service';
import { clearLoginCookie, loginCookieOf } from './login-cookie';

/** Where the editor shows the outcome. The server serves the editor, so a path on this origin. */
const EDITOR_CONNECT_PAGE = '/connect';

function single(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** Instagram sends the browser back here (META_OAUTH_REDIRECT_URL); it always answers with a redirect to the editor. */
@ApiExcludeController()
@Controller('instagram/oauth')
export class InstagramOAuthCallbackController {
  constructor(private readonly login: InstagramLoginService) {}

  @Get('callback')
  async callback(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const outcome = await this.login.completeLogin(
      { code: single(query.code), state: single(query.state), error: single(query.error) },
      loginCookieOf(request),
    );
    clearLoginCookie(response);
    const back = new URLSearchParams(
      outcome.connected ? { instagram: 'connected', username: outcome.username } : { instagram_error: outcome.error },
    );
    response.redirect(302, `${EDITOR_CONNECT_PAGE}?${back.toString()}`);
  }
}
