import { useEffect, useState } from 'react';
import { useWatch, type Control, type FieldValues, type Path } from 'react-hook-form';
import {
  MIN_PASSPHRASE_LENGTH,
  estimatePassphraseStrength,
  passphraseLength,
} from '../../data/crypto/passphrase-policy.ts';
import { PASSPHRASE_MESSAGES } from './passphrase-schemas.ts';

/** Pauses for typing before estimating, so the estimate follows the words rather than each key. */
const ESTIMATE_DELAY_MS = 250;

/** Says in plain words, as the practitioner types, whether a new passphrase would be guessed quickly. */
export function PassphraseStrength<T extends FieldValues>({ control, name }: { control: Control<T>; name: Path<T> }) {
  const watched: unknown = useWatch({ control, name });
  const passphrase = typeof watched === 'string' ? watched : '';
  const [estimate, setEstimate] = useState<{ passphrase: string; acceptable: boolean }>();
  const longEnough = passphraseLength(passphrase) >= MIN_PASSPHRASE_LENGTH;
  useEffect(() => {
    if (!longEnough) return;
    let live = true;
    const timer = setTimeout(() => {
      estimatePassphraseStrength(passphrase).then(
        ({ acceptable }) => live && setEstimate({ passphrase, acceptable }),
        () => undefined, // the form's own check says so on submit
      );
    }, ESTIMATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [passphrase, longEnough]);
  const current = longEnough && estimate?.passphrase === passphrase ? estimate : undefined;
  return (
    <p className="govuk-hint" role="status">
      {current && (current.acceptable ? PASSPHRASE_MESSAGES.strong : `${PASSPHRASE_MESSAGES.weak}.`)}
    </p>
  );
}
