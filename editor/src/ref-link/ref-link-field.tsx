import { REF_PATTERN } from '@dmflow/shared';
import { toDataURL } from 'qrcode';
import { type InputHTMLAttributes, useEffect, useState } from 'react';
import { useInstagramApi } from '../api/use-instagram-api';
import { refLink } from './ref-link';

export interface RefLinkFieldProps {
  inputProps: InputHTMLAttributes<HTMLInputElement>;
  value: string;
  maxLength?: number;
  onChange: (ref: string) => void;
}

/** The account's username for the link; "<username>" where no session is at hand (unit tests) or none is connected. */
function useUsername(): string {
  const instagramApi = useInstagramApi();
  const [username, setUsername] = useState('<username>');
  useEffect(() => {
    if (!instagramApi) return;
    let live = true;
    instagramApi
      .list()
      .then((accounts) => {
        if (live && accounts[0]) setUsername(accounts[0].username);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [instagramApi]);
  return username;
}

/** A ref trigger's `ref`, with the whole ig.me link and its QR code (PNG) to copy or download. */
export function RefLinkField({ inputProps, value, maxLength, onChange }: RefLinkFieldProps) {
  const username = useUsername();
  // Kept with the link they were made for, so an edited ref never shows the previous link's QR code or "copied".
  const [qr, setQr] = useState<{ link: string; png: string } | null>(null);
  const [copiedLink, setCopiedLink] = useState<string | null>(null);
  const link = REF_PATTERN.test(value) ? refLink(username, value) : null;
  const qrCode = link && qr?.link === link ? qr.png : null;
  const copied = link !== null && copiedLink === link;

  useEffect(() => {
    if (!link) return;
    let live = true;
    toDataURL(link, { type: 'image/png', width: 240, margin: 2, errorCorrectionLevel: 'M' })
      .then((png) => {
        if (live) setQr({ link, png });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [link]);

  const copy = () => {
    if (!link) return;
    void navigator.clipboard
      ?.writeText(link)
      .then(() => setCopiedLink(link))
      .catch(() => setCopiedLink(null));
  };

  return (
    <div className="ref-link-field">
      <input {...inputProps} type="text" value={value} maxLength={maxLength} onChange={(event) => onChange(event.target.value)} />
      {link && (
        <div className="ref-link" aria-label="Ref link">
          <output className="ref-link-url">{link}</output>
          <button type="button" onClick={copy}>
            {copied ? 'Link copied' : 'Copy link'}
          </button>
          {qrCode && (
            <>
              <img className="ref-link-qr" src={qrCode} width={160} height={160} alt={`QR code for ${link}`} />
              <a href={qrCode} download={`ref-${value}.png`}>
                Download QR code (PNG)
              </a>
            </>
          )}
        </div>
      )}
    </div>
  );
}
