import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import { type DeliveryView, WEBHOOK_EVENTS, type WebhookEndpointView, type WebhooksApi } from '../api/webhooks-api';
import { dateTimeFormat } from '../runs/run-labels';
import { useLoaded } from '../settings/use-loaded';
import '../business-pages.css';
import { TableHead } from '../tables/table-head';

const DELIVERY_LABELS: Record<DeliveryView['status'], string> = {
  pending: 'Will retry',
  queued: 'Queued',
  sending: 'Sending',
  succeeded: 'Delivered',
  failed: 'Failed',
};

/** Where the workspace's events go (a CRM, Zapier), what was delivered, and a redeliver for what was not. */
export function WebhooksPage({ webhooksApi }: { webhooksApi: WebhooksApi }) {
  const endpoints = useLoaded(
    useCallback(async () => (await webhooksApi.list()).data, [webhooksApi]),
    'the webhooks',
  );
  const [selected, setSelected] = useState<WebhookEndpointView | null>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['question_answered', 'flow_completed']);
  const [secret, setSecret] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    endpoints.setError(null);
    try {
      const created = await webhooksApi.create(url.trim(), events);
      setSecret(created.secret);
      setUrl('');
      setSelected(created);
    } catch (caught) {
      endpoints.setError(apiErrorMessage(caught, 'The endpoint could not be added.'));
    }
    await endpoints.reload();
  };

  return (
    <main className="list-page business-page">
      <h1>Webhooks</h1>
      <p className="muted">dmflow posts each event to your endpoints, signed with the endpoint's secret, and retries when they fail.</p>
      {endpoints.error && (
        <p className="problem" role="alert">
          {endpoints.error}
        </p>
      )}
      <form className="filter-bar" aria-label="Add an endpoint" onSubmit={(event) => void create(event)}>
        <div className="filter-field wide">
          <label htmlFor="webhook-url">Endpoint URL</label>
          <input
            id="webhook-url"
            type="url"
            required
            value={url}
            placeholder="https://example.com/dmflow"
            onChange={(event) => setUrl(event.target.value)}
          />
        </div>
        <fieldset className="event-choices">
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((choice) => (
            <label key={choice.value}>
              <input
                type="checkbox"
                checked={events.includes(choice.value)}
                onChange={(event) =>
                  setEvents(event.target.checked ? [...events, choice.value] : events.filter((value) => value !== choice.value))
                }
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={events.length === 0}>
          Add endpoint
        </button>
      </form>
      {secret && (
        <div className="field one-time-secret">
          <label htmlFor="webhook-secret">Signing secret: copy it now, it is not shown again</label>
          <input id="webhook-secret" readOnly value={secret} onFocus={(event) => event.target.select()} />
        </div>
      )}
      {endpoints.value?.length === 0 && <p className="empty-state">No endpoints yet.</p>}
      {endpoints.value && endpoints.value.length > 0 && (
        <table className="settings-table business-table" aria-label="Endpoints">
          <TableHead columns={['Endpoint', 'Events', 'State']} />
          <tbody>
            {endpoints.value.map((endpoint) => (
              <tr key={endpoint.id} aria-selected={selected?.id === endpoint.id}>
                <td className="wrap-anywhere">{endpoint.url}</td>
                <td>
                  {endpoint.events.map((value) => WEBHOOK_EVENTS.find((choice) => choice.value === value)?.label ?? value).join(', ')}
                </td>
                <td>{endpoint.enabled ? 'On' : `Off${endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : ''}`}</td>
                <td className="row-actions">
                  <button type="button" className="secondary" onClick={() => setSelected(endpoint)}>
                    Delivery log
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && <DeliveryLog key={selected.id} endpoint={selected} webhooksApi={webhooksApi} />}
    </main>
  );
}

function DeliveryLog({ endpoint, webhooksApi }: { endpoint: WebhookEndpointView; webhooksApi: WebhooksApi }) {
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(
    () =>
      webhooksApi.deliveries(endpoint.id).then(
        (page) => setDeliveries(page.data),
        (caught: unknown) => setError(apiErrorMessage(caught, 'Could not load the deliveries.')),
      ),
    [webhooksApi, endpoint.id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const redeliver = async (delivery: DeliveryView) => {
    setError(null);
    try {
      await webhooksApi.redeliver(endpoint.id, delivery.id);
      setNotice('Sent again: the new attempt is at the top of the log.');
    } catch (caught) {
      setError(apiErrorMessage(caught, 'Could not redeliver.'));
    }
    await load();
  };

  return (
    <section aria-labelledby="delivery-log">
      <h2 id="delivery-log">Delivery log: {endpoint.url}</h2>
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {deliveries === null ? (
        !error && <p>Loading…</p>
      ) : deliveries.length === 0 ? (
        <p className="muted">Nothing delivered yet.</p>
      ) : (
        <table className="settings-table business-table" aria-labelledby="delivery-log">
          <TableHead columns={['Event', 'Result', 'Attempts', 'Last answer', 'Created']} />
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id} data-delivery-id={delivery.id}>
                <td>{WEBHOOK_EVENTS.find((choice) => choice.value === delivery.event_type)?.label ?? delivery.event_type}</td>
                <td>
                  <span className={`status status-delivery-${delivery.status}`}>{DELIVERY_LABELS[delivery.status]}</span>
                </td>
                <td>{delivery.attempts}</td>
                <td className="wrap-anywhere">
                  {delivery.last_status_code ? `HTTP ${delivery.last_status_code}` : ''}
                  {delivery.last_error ? ` ${delivery.last_error}` : ''}
                </td>
                <td>{dateTimeFormat.format(new Date(delivery.created_at))}</td>
                <td className="row-actions">
                  <button type="button" className="secondary" onClick={() => void redeliver(delivery)}>
                    Redeliver
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
