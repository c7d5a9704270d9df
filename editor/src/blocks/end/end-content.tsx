import { Meta } from '../block-content-parts';

export function EndContent() {
  return <Meta>Completes the flow and sends flow_completed</Meta>;
}
