import { type FormEvent, useContext, useEffect, useMemo, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import { ContactsApi, type ContactView } from '../api/contacts-api';
import type { FlowsApi } from '../api/flows-api';
import { RunsApi } from '../api/runs-api';
import { ApiClientContext } from '../api/use-instagram-api';

interface TestSendProps {
  flowsApi: FlowsApi;
  flowId: string;
  /** Handed to the flow as what the contact wrote or commented. */
  triggerText: string;
}

const NOT_STARTED: Record<string, string> = {
  run_in_progress: 'This contact is already in a run of this flow: finish or cancel it on the Runs page first.',
  already_ran: 'This flow runs once per contact, and this contact already went through it.',
};

const contactName = (contact: ContactView) => (contact.username ? `@${contact.username}` : `Instagram user ${contact.ig_user_id}`);

/**
 * Runs the published flow for real for one contact of the account (yourself, from a second Instagram account):
 * the server sends the messages through Instagram, as for a comment.
 */
export function TestSend({ flowsApi, flowId, triggerText }: TestSendProps) {
  const client = useContext(ApiClientContext);
  const apis = useMemo(() => (client ? { contacts: new ContactsApi(client), runs: new RunsApi(client) } : null), [client]);
  const [search, setSearch] = useState('');
  const [contacts, setContacts] = useState<ContactView[]>([]);
  const [contactId, setContactId] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!apis) return;
    let current = true;
    apis.contacts.list({ search }, undefined, 25).then(
      (page) => {
        if (!current) return;
        setContacts(page.data);
        setContactId((chosen) => (page.data.some((contact) => contact.id === chosen) ? chosen : (page.data[0]?.id ?? '')));
      },
      () => current && setContacts([]),
    );
    return () => {
      current = false;
    };
  }, [apis, search]);

  if (!apis) return null;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    try {
      const flow = await flowsApi.get(flowId);
      if (!flow.published_version_id) {
        setOutcome({ ok: false, text: 'Publish the flow first: a test runs the published version.' });
        return;
      }
      const started = await apis.runs.start(flow.published_version_id, contactId, triggerText.trim() || undefined);
      const chosen = contacts.find((contact) => contact.id === contactId);
      setOutcome(
        started.started
          ? {
              ok: true,
              text: `Sent: ${chosen ? contactName(chosen) : 'the contact'} gets the flow on Instagram now${flow.has_unpublished_changes ? ' (the published version, without your unpublished changes)' : ''}.`,
            }
          : { ok: false, text: NOT_STARTED[started.reason ?? ''] ?? 'The test did not start.' },
      );
    } catch (caught) {
      setOutcome({ ok: false, text: apiErrorMessage(caught, 'The test could not be sent.') });
    }
  };

  return (
    <section className="test-send" aria-labelledby="test-send-heading">
      <h3 id="test-send-heading">Send a test to my Instagram</h3>
      <form onSubmit={(event) => void send(event)}>
        <label htmlFor="test-send-search">Find a contact</label>
        <input
          id="test-send-search"
          value={search}
          placeholder="your username"
          maxLength={100}
          onChange={(event) => setSearch(event.target.value)}
        />
        <label htmlFor="test-send-contact">Send to</label>
        <select id="test-send-contact" value={contactId} onChange={(event) => setContactId(event.target.value)}>
          {contacts.length === 0 && <option value="">No contact found: comment on your post from your own account first</option>}
          {contacts.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {contactName(contact)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!contactId}>
          Send test
        </button>
      </form>
      {outcome && (
        <p className={outcome.ok ? 'test-send-ok' : 'problem'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
