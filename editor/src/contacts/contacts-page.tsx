import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import { type ContactFilters, type ContactsApi, contactsCsvUrl, type ContactView } from '../api/contacts-api';
import { navigate } from '../router';
import { dateTimeFormat } from '../runs/run-labels';
import '../business-pages.css';
import { answerText } from './answer-text';

const NO_FILTERS: ContactFilters = { search: '', tag: '', variable: '', value: '' };

/** Every contact of the workspace: search, filter by tag or answer, open one, download the lead list as CSV. */
export function ContactsPage({ contactsApi }: { contactsApi: ContactsApi }) {
  const [form, setForm] = useState<ContactFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<ContactFilters>(NO_FILTERS);
  const [contacts, setContacts] = useState<ContactView[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (filters: ContactFilters, cursor?: string) =>
      contactsApi.list(filters, cursor).then(
        (page) => {
          setError(null);
          setContacts((shown) => (cursor ? [...(shown ?? []), ...page.data] : page.data));
          setNextCursor(page.next_cursor);
        },
        (caught: unknown) => setError(apiErrorMessage(caught, 'Could not load the contacts.')),
      ),
    [contactsApi],
  );
  useEffect(() => {
    void load(applied);
  }, [load, applied]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...form });
  };
  const field = (name: keyof ContactFilters, label: string, placeholder: string) => (
    <div className="filter-field">
      <label htmlFor={`contact-filter-${name}`}>{label}</label>
      <input
        id={`contact-filter-${name}`}
        value={form[name] ?? ''}
        placeholder={placeholder}
        maxLength={100}
        onChange={(event) => setForm({ ...form, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <main className="list-page business-page">
      <header className="list-header">
        <h1>Contacts</h1>
        <a className="button-link" href={contactsCsvUrl(applied)} download="contacts.csv">
          Download CSV
        </a>
      </header>
      <p className="muted">Everyone who commented or wrote to your Instagram account, with the answers they gave your flows.</p>
      <form className="filter-bar" role="search" aria-label="Filter contacts" onSubmit={apply}>
        {field('search', 'Username', 'jane')}
        {field('tag', 'Tag', 'lead')}
        {field('variable', 'Answered (variable)', 'email')}
        {field('value', 'Answer is', 'any answer')}
        <button type="submit">Filter</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setForm(NO_FILTERS);
            setApplied(NO_FILTERS);
          }}
        >
          Clear
        </button>
      </form>
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      {contacts === null ? (
        <p>Loading…</p>
      ) : contacts.length === 0 ? (
        <p className="empty-state">No contacts match. Contacts appear when someone comments or writes to your account.</p>
      ) : (
        <table className="settings-table business-table" aria-label="Contacts">
          <thead>
            <tr>
              <th scope="col">Contact</th>
              <th scope="col">Tags</th>
              <th scope="col">Answers</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((contact) => (
              <tr key={contact.id} data-contact-id={contact.id}>
                <td>
                  <a
                    href={`/contacts/${contact.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate({ page: 'contact', contactId: contact.id });
                    }}
                  >
                    {contact.username ? `@${contact.username}` : `Instagram user ${contact.ig_user_id}`}
                  </a>
                </td>
                <td>
                  <ul className="tag-chips">
                    {contact.tags.map((tag) => (
                      <li key={tag}>{tag}</li>
                    ))}
                  </ul>
                </td>
                <td className="answers-cell">
                  {Object.entries(contact.variables)
                    .map(([name, value]) => `${name}: ${answerText(value)}`)
                    .join(' · ')}
                </td>
                <td>{dateTimeFormat.format(new Date(contact.last_seen_at))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <button type="button" className="secondary" onClick={() => void load(applied, nextCursor)}>
          Show more
        </button>
      )}
    </main>
  );
}
