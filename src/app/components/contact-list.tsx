import type { Contact } from '../../domain/thresholds/schema.ts';

const telHref = (phone: string) => `tel:${phone.split(',')[0]?.replace(/[^\d+]/g, '')}`;

export function ContactList({ contacts }: { contacts: readonly Contact[] }) {
  if (!contacts.length) return null;
  return (
    <ul className="contact-list">
      {contacts.map((contact) => (
        <li key={contact.id} className="contact-list__item">
          <strong>{contact.name}</strong>
          {contact.phone && (
            <>
              {' '}
              <a className="contact-list__phone" href={telHref(contact.phone)}>
                {contact.phone}
              </a>
            </>
          )}
          {contact.hours && <span className="hint"> {contact.hours}</span>}
          {contact.url && (
            <>
              {' '}
              <a href={contact.url}>Website</a>
            </>
          )}
          {contact.note && <p className="contact-list__note">{contact.note}</p>}
          {contact.verify && <p className="tag tag--draft">Not yet confirmed by the partnership</p>}
        </li>
      ))}
    </ul>
  );
}
