import { canonicalLocale, isTimeZone, type InstagramAccountView } from '@dmflow/shared';
import { useId, useMemo, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { InstagramAccountsApi } from '../api/instagram-accounts-api';

export interface AccountClockSettingsProps {
  api: Pick<InstagramAccountsApi, 'update'>;
  account: Pick<InstagramAccountView, 'id' | 'username' | 'time_zone' | 'locale'>;
}

const COMMON_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'de-DE', 'es-ES', 'es-MX', 'fr-FR', 'it-IT', 'nl-NL', 'pt-BR', 'ja-JP'];

/** The zones this browser knows, for the suggestions; the server has the last word. */
function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

/** An account's time zone (business-hours delays read it) and locale (date answers are read in it). */
export function AccountClockSettings({ api, account }: AccountClockSettingsProps) {
  const id = useId();
  const zones = useMemo(() => knownTimeZones(), []);
  const [timeZone, setTimeZone] = useState(account.time_zone);
  const [locale, setLocale] = useState(account.locale);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);

  const save = async () => {
    // The same checks the server makes, so a typo shows before the round trip.
    if (!isTimeZone(timeZone)) return setProblem(`"${timeZone}" is not a time zone: pick one like Europe/London.`);
    if (!canonicalLocale(locale)) return setProblem(`"${locale}" is not a locale: use a tag like en-GB.`);
    setSaving(true);
    try {
      const saved = await api.update(account.id, { time_zone: timeZone, locale });
      setTimeZone(saved.time_zone);
      setLocale(saved.locale);
      setProblem(null);
      setStatus('Saved.');
    } catch (caught) {
      setProblem(apiErrorMessage(caught, 'Could not save the time zone and locale.'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="account-clock" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>@{account.username}: time zone and language</h3>
      <div className="field">
        <label htmlFor={`${id}-zone`}>Time zone</label>
        <input
          id={`${id}-zone`}
          list={`${id}-zones`}
          value={timeZone}
          onChange={(event) => {
            setTimeZone(event.target.value);
            setStatus('');
          }}
        />
        <datalist id={`${id}-zones`}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <p className="field-help">Delays that wait for business hours read their days and times in this zone.</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-locale`}>Locale</label>
        <input
          id={`${id}-locale`}
          list={`${id}-locales`}
          value={locale}
          onChange={(event) => {
            setLocale(event.target.value);
            setStatus('');
          }}
        />
        <datalist id={`${id}-locales`}>
          {COMMON_LOCALES.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <p className="field-help">Date answers follow its day/month order: 12/03/2026 is 12 March in en-GB, 3 December in en-US.</p>
      </div>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="button" disabled={saving} onClick={() => void save()}>
        {saving ? 'Saving…' : 'Save time zone and locale'}
      </button>
      <span role="status">{status}</span>
    </section>
  );
}
