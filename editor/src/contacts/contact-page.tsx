import { useCallback } from 'react';
import type { ContactsApi, ContactView } from '../api/contacts-api';
import type { FlowsApi } from '../api/flows-api';
import type { RunsApi, RunView } from '../api/runs-api';
import { navigate } from '../router';
import { dateTimeFormat, RUN_STATUS_LABELS, runReason } from '../runs/run-labels';
import { useFlowNames } from '../runs/use-flow-names';
import { useLoaded } from '../settings/use-loaded';
import '../business-pages.css';
import { answerText } from './answer-text';

interface ContactPageProps {
  contactId: string;
  contactsApi: ContactsApi;
  runsApi: RunsApi;
  flowsApi: FlowsApi;
}

/** One contact: their answers, tags and every run of a flow they went through. */
export function ContactPage({ contactId, contactsApi, runsApi, flowsApi }: ContactPageProps) {
  const loaded = useLoaded(
    useCallback(async (): Promise<{ contact: ContactView; runs: RunView[] }> => {
      const [contact, runs] = await Promise.all([contactsApi.get(contactId), runsApi.list({ contactId })]);
      return { contact, runs: runs.data };
    }, [contactsApi, runsApi, contactId]),
    'the contact',
  );
  const flowNames = useFlowNames(flowsApi);
  const contact = loaded.value?.contact;
  const answers = Object.entries(contact?.variables ?? {});

  return (
    <main className="list-page business-page">
      <p>
        <a
          href="/contacts"
          onClick={(event) => {
            event.preventDefault();
            navigate({ page: 'contacts' });
          }}
        >
          ← All contacts
        </a>
      </p>
      {loaded.error && (
        <p className="problem" role="alert">
          {loaded.error}
        </p>
      )}
      {!contact ? (
        !loaded.error && <p>Loading…</p>
      ) : (
        <>
          <h1>{contact.username ? `@${contact.username}` : `Instagram user ${contact.ig_user_id}`}</h1>
          <p className="muted">
            First seen {dateTimeFormat.format(new Date(contact.first_seen_at))} · last seen{' '}
            {dateTimeFormat.format(new Date(contact.last_seen_at))}
          </p>
          <section aria-labelledby="contact-tags">
            <h2 id="contact-tags">Tags</h2>
            {contact.tags.length === 0 ? (
              <p className="muted">No tags.</p>
            ) : (
              <ul className="tag-chips">
                {contact.tags.map((tag) => (
                  <li key={tag}>{tag}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="contact-answers">
            <h2 id="contact-answers">Answers</h2>
            {answers.length === 0 ? (
              <p className="muted">No answers yet.</p>
            ) : (
              <table className="settings-table business-table" aria-labelledby="contact-answers">
                <thead>
                  <tr>
                    <th scope="col">Question (variable)</th>
                    <th scope="col">Answer</th>
                  </tr>
                </thead>
                <tbody>
                  {answers.map(([name, value]) => (
                    <tr key={name}>
                      <td>{name}</td>
                      <td>{answerText(value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="contact-runs">
            <h2 id="contact-runs">Runs</h2>
            {loaded.value?.runs.length === 0 ? (
              <p className="muted">This contact has not gone through a flow.</p>
            ) : (
              <table className="settings-table business-table" aria-labelledby="contact-runs">
                <thead>
                  <tr>
                    <th scope="col">Flow</th>
                    <th scope="col">Status</th>
                    <th scope="col">Started</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.value?.runs.map((run) => (
                    <tr key={run.id} data-run-id={run.id}>
                      <td>
                        <a
                          href={`/flows/${run.flow_id}`}
                          onClick={(event) => {
                            event.preventDefault();
                            navigate({ page: 'flow', flowId: run.flow_id });
                          }}
                        >
                          {flowNames.get(run.flow_id) ?? 'Flow'}
                        </a>
                      </td>
                      <td>
                        <span className={`status status-run-${run.status}`}>{RUN_STATUS_LABELS[run.status]}</span>
                      </td>
                      <td>{dateTimeFormat.format(new Date(run.started_at))}</td>
                      <td className="run-reason">{runReason(run.status, run.error)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </main>
  );
}
