import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { InstagramAccountView } from '../accounts/dto/instagram-account.dto';
import { ConnectInstagramAccountDto, InstagramLoginStartView } from './dto/connect-instagram-account.dto';
import { InstagramConnectionsService } from './instagram-connections.service';
import { InstagramLoginService } from './instagram-login.service';
import { setLoginCookie } from './login-cookie';

@V1Controller('instagram-accounts')
export class InstagramConnectController {
  constructor(
    private readonly login: InstagramLoginService,
    private readonly connections: InstagramConnectionsService,
  ) {}

  @Post('oauth/start')
  @ApiOperation({ summary: 'Start "Connect Instagram": where to send the browser (Business Login for Instagram)' })
  @ApiCreatedResponse({ type: InstagramLoginStartView })
  start(@CurrentAccount() account: AuthenticatedAccount, @Res({ passthrough: true }) response: Response): InstagramLoginStartView {
    const started = this.login.startLogin(account.id);
    setLoginCookie(response, started.browserNonce, started.expiresAt, started.secure);
    return { authorize_url: started.authorizeUrl, expires_at: started.expiresAt.toISOString() };
  }

  @Post()
  @ApiOperation({ summary: 'Connect with a token obtained elsewhere; GET /me decides which Instagram account it connects' })
  @ApiCreatedResponse({ type: InstagramAccountView })
  async connect(@CurrentAccount() account: AuthenticatedAccount, @Body() body: ConnectInstagramAccountDto): Promise<InstagramAccountView> {
    const connected = await this.connections.connectWithToken(
      { accountId: account.id, accessToken: body.access_token, tokenExpiresAt: null },
      body.ig_user_id ?? null,
    );
    return InstagramAccountView.of(connected);
  }
}
