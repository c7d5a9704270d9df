import { GALLERY_CARDS, type TemplateCard } from '@dmflow/shared/template-cards';
import './templates.css';

/** The campaigns a new flow can start from; picking one opens its wizard. */
export function TemplateGallery({ onPick }: { onPick: (card: TemplateCard) => void }) {
  return (
    <section className="template-gallery" aria-labelledby="template-gallery-title">
      <h2 id="template-gallery-title">Start from a template</h2>
      <ul className="template-cards">
        {GALLERY_CARDS.map((template) => (
          <li key={template.id}>
            <button type="button" className="template-card" data-template={template.id} onClick={() => onPick(template)}>
              <span className="template-name">{template.name}</span>
              <span className="template-description">{template.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
