import type { Contact } from '../../domain/thresholds/schema.ts';

const telHref = (phone: string) => `tel:${phone.split(',')[0]?.replace(/[^\d+]/g, '')}`;

/** With `brief`, only the name, the number to tap and the hours: for the first screen of a result. */
export function ContactList({ contacts, brief = false }: { contacts: readonly Contact[]; brief?: boolean }) {
  if (!contacts.length) return null;
  return (
    <ul className={brief ? 'contact-list contact-list--brief' : 'contact-list'}>
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
          {contact.hours && <span className="govuk-hint"> {contact.hours}</span>}
          {!brief && contact.url && (
            <>
              {' '}
              <a href={contact.url}>Website</a>
            </>
          )}
          {!brief && contact.note && <p className="contact-list__note">{contact.note}</p>}
          {contact.verify &&
            (brief ? (
              <span className="govuk-tag govuk-tag--yellow">Not yet confirmed</span>
            ) : (
              <p className="govuk-tag govuk-tag--yellow">Not yet confirmed by the partnership</p>
            ))}
        </li>
      ))}
    </ul>
  );
}
