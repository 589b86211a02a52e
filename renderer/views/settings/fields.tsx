// Labelled form controls with their error and help text wired for screen readers.
import type { ReactNode } from 'react';
import type { SecretName } from '../../../common/settings';
import { useI18n } from '../../i18n/index';
import type { FieldErrors, SecretInput } from './settings-form';

export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

function Described({ path, errors, help, children }: { path: string; errors: FieldErrors; help?: string | undefined; children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const { t } = useI18n();
  const e = errors[path];
  const ids = [help ? `${fieldId(path)}-help` : null, e ? `${fieldId(path)}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      {children(ids, Boolean(e))}
      {help ? (
        <span className="help" id={`${fieldId(path)}-help`}>
          {help}
        </span>
      ) : null}
      {e ? (
        <span className="field-error" id={`${fieldId(path)}-error`} data-testid={`error-${path}`}>
          {e.key ? t(e.key) : e.message}
        </span>
      ) : null}
    </>
  );
}

interface TextProps {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: FieldErrors;
  help?: string;
  inputMode?: 'numeric' | 'url' | 'text';
  multiline?: boolean;
  placeholder?: string;
}

export function TextField({ path, label, value, onChange, errors, help, inputMode = 'text', multiline, placeholder }: TextProps) {
  return (
    <div className="field">
      <label htmlFor={fieldId(path)}>{label}</label>
      <Described path={path} errors={errors} help={help}>
        {(describedBy, invalid) =>
          multiline ? (
            <textarea id={fieldId(path)} value={value} rows={3} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} spellCheck={false} />
          ) : (
            <input
              id={fieldId(path)}
              type="text"
              inputMode={inputMode}
              value={value}
              placeholder={placeholder}
              onChange={(e) => onChange(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              spellCheck={false}
              autoComplete="off"
            />
          )
        }
      </Described>
    </div>
  );
}

export function SelectField<T extends string>({ path, label, value, options, onChange }: { path: string; label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <div className="field">
      <label htmlFor={fieldId(path)}>{label}</label>
      <select id={fieldId(path)} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckField({ path, label, checked, onChange }: { path: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="field field-check">
      <input id={fieldId(path)} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={fieldId(path)}>{label}</label>
    </div>
  );
}

/** Write-only: shows whether a value is stored, never the value; typing replaces it. */
export function SecretField({ name, label, isSet, input, onChange, errors }: { name: SecretName; label: string; isSet: boolean; input: SecretInput; onChange: (v: SecretInput) => void; errors: FieldErrors }) {
  const { t } = useI18n();
  const path = `secrets.${name}`;
  const state = input.clear ? t('settings.secretWillClear') : isSet ? t('settings.secretSet') : t('settings.secretNotSet');
  return (
    <div className="field">
      <label htmlFor={fieldId(path)}>
        {label} <span className={`secret-state ${isSet ? 'is-set' : ''}`} data-testid={`secret-state-${name}`}>({state})</span>
      </label>
      <Described path={path} errors={errors}>
        {(describedBy, invalid) => (
          <input
            id={fieldId(path)}
            type="password"
            value={input.value}
            disabled={input.clear}
            onChange={(e) => onChange({ value: e.target.value, clear: false })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            autoComplete="new-password"
            spellCheck={false}
          />
        )}
      </Described>
      {isSet ? (
        <label className="inline-check">
          <input type="checkbox" checked={input.clear} onChange={(e) => onChange({ value: '', clear: e.target.checked })} aria-label={t('settings.secretClearNamed', { name: label })} />
          {t('settings.secretClear')}
        </label>
      ) : null}
    </div>
  );
}
