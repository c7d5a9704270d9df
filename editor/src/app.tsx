import { createEmptyFlow } from '@dmflow/shared';
import { useState } from 'react';
import { FlowCanvas } from './canvas/flow-canvas';

export function App() {
  const [flow] = useState(createEmptyFlow);
  return (
    <div className="app">
      <header className="app-header">
        <h1>dmflow</h1>
      </header>
      <main className="app-main">
        <FlowCanvas flow={flow} />
      </main>
    </div>
  );
}
