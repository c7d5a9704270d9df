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
  const [qrCode, setQrCode] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const valid = REF_PATTERN.test(value);
  const link = valid ? refLink(username, value) : null;

  useEffect(() => {
    let live = true;
    setCopied(false);
    if (!link) {
      setQrCode(null);
      return;
    }
    toDataURL(link, { type: 'image/png', width: 240, margin: 2, errorCorrectionLevel: 'M' })
      .then((png) => {
        if (live) setQrCode(png);
      })
      .catch(() => {
        if (live) setQrCode(null);
      });
    return () => {
      live = false;
    };
  }, [link]);

  const copy = () => {
    if (!link) return;
    void navigator.clipboard
      ?.writeText(link)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
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
