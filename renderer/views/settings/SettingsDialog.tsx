// Settings in a modal <dialog> (focus stays inside, Esc closes). Secrets are
// write-only; every field shows its own problem; "Test" buttons check the
// unsaved values.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { NOTIFICATION_KINDS, type SecretName, type SettingsView } from '../../../common/settings';
import type { AppError } from '../../../common/result';
import { useClient } from '../../api/client-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n, type MessageKey } from '../../i18n/index';
import { ConnectionTest } from './ConnectionTest';
import { CheckField, fieldId, SecretField, SelectField, TextField } from './fields';
import { formFromView, hasErrors, validateForm, type NumberField, type SettingsForm } from './settings-form';

interface Props {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  onClose: () => void;
}

export function SettingsDialog({ view, onSaved, onClose }: Props) {
  const client = useClient();
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<SettingsForm>(() => formFromView(view));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const checked = useMemo(() => validateForm(view, form), [view, form]);
  const errors = submitted ? checked.errors : {};
  const set = (patch: Partial<SettingsForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const setNumber = (f: NumberField) => (v: string) => set({ numbers: { ...form.numbers, [f]: v } });
  const options = <T extends string>(prefix: string, values: readonly T[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (hasErrors(checked.errors)) {
      const first = Object.keys(checked.errors)[0];
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setSaving(true);
    const r = await client['settings:update'](checked.patch);
    setSaving(false);
    if (!r.ok) {
      setSaveError(r.error);
      return;
    }
    setSaveError(null);
    setSaved(true);
    setSubmitted(false);
    onSaved(r.value);
    setForm(formFromView(r.value));
  };
  const testPatch = () => (hasErrors(checked.errors) ? undefined : checked.patch);
  const secretField = (name: SecretName, label: MessageKey) => (
    <SecretField name={name} label={t(label)} isSet={view.secrets[name].isSet} input={form.secrets[name]} onChange={(v) => set({ secrets: { ...form.secrets, [name]: v } })} errors={errors} />
  );

  return (
    <dialog ref={dialog} className="settings-dialog" aria-labelledby="settings-title" onClose={onClose} data-testid="settings-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <header className="dialog-head">
          <h2 id="settings-title">{t('settings.title')}</h2>
          <button type="button" className="button button-quiet" onClick={() => dialog.current?.close()} data-testid="settings-close">
            {t('settings.close')}
          </button>
        </header>
        <div className="dialog-body">
          {!view.secretStorage.available && view.secretStorage.reason ? <p className="notice">{t('settings.secretUnavailable', { reason: view.secretStorage.reason })}</p> : null}
          <fieldset>
            <legend>{t('settings.section.ecoflow')}</legend>
            {secretField('ecoflowAccessKey', 'settings.accessKey')}
            {secretField('ecoflowSecretKey', 'settings.secretKey')}
            <SelectField path="ecoflow.region" label={t('settings.region')} value={form.region} options={options('settings.region', ['eu', 'us', 'custom'] as const)} onChange={(region) => set({ region })} />
            {form.region === 'custom' ? (
              <TextField path="ecoflow.customUrl" label={t('settings.customUrl')} value={form.customUrl} onChange={(customUrl) => set({ customUrl })} errors={errors} inputMode="url" placeholder="https://api-e.ecoflow.com" />
            ) : null}
            <TextField path="ecoflow.devices" label={t('settings.devices')} value={form.devices} onChange={(devices) => set({ devices })} errors={errors} help={t('settings.devicesHelp')} multiline />
            <ConnectionTest target="ecoflow" label="settings.testEcoflow" patch={testPatch} />
          </fieldset>
          <fieldset>
            <legend>{t('settings.section.collection')}</legend>
            <TextField path="sampleSeconds" label={t('settings.sampleSeconds')} value={form.numbers.sampleSeconds} onChange={setNumber('sampleSeconds')} errors={errors} inputMode="numeric" />
          </fieldset>
          <fieldset>
            <legend>{t('settings.section.postgres')}</legend>
            <TextField path="postgres.url" label={t('settings.pgUrl')} value={form.pgUrl} onChange={(pgUrl) => set({ pgUrl })} errors={errors} help={t('settings.pgUrlHelp')} inputMode="url" />
            {secretField('postgresPassword', 'settings.pgPassword')}
            <SelectField path="postgres.sslmode" label={t('settings.sslmode')} value={form.sslmode} options={options('settings.sslmode', ['disable', 'require', 'verify-full'] as const)} onChange={(sslmode) => set({ sslmode })} />
            <TextField path="postgres.caFile" label={t('settings.caFile')} value={form.caFile} onChange={(caFile) => set({ caFile })} errors={errors} placeholder="/etc/ssl/paku-ca.pem" />
            <ConnectionTest target="postgres" label="settings.testPostgres" patch={testPatch} />
          </fieldset>
          <fieldset>
            <legend>{t('settings.section.republish')}</legend>
            <CheckField path="republish.enabled" label={t('settings.republishEnabled')} checked={form.republishEnabled} onChange={(republishEnabled) => set({ republishEnabled })} />
            <TextField path="republish.url" label={t('settings.republishUrl')} value={form.republishUrl} onChange={(republishUrl) => set({ republishUrl })} errors={errors} inputMode="url" placeholder="mqtt://192.168.1.10:1883" />
            <TextField path="republish.username" label={t('settings.republishUser')} value={form.republishUser} onChange={(republishUser) => set({ republishUser })} errors={errors} />
            {secretField('republishPassword', 'settings.republishPassword')}
          </fieldset>
          <fieldset>
            <legend>{t('settings.section.notifications')}</legend>
            <div className="field-row">
              <TextField path="notifications.lowSoc" label={t('settings.lowSoc')} value={form.numbers['notifications.lowSoc']} onChange={setNumber('notifications.lowSoc')} errors={errors} inputMode="numeric" />
              <TextField path="notifications.criticalSoc" label={t('settings.criticalSoc')} value={form.numbers['notifications.criticalSoc']} onChange={setNumber('notifications.criticalSoc')} errors={errors} inputMode="numeric" />
              <TextField path="notifications.gridLostAfterSec" label={t('settings.gridLostAfterSec')} value={form.numbers['notifications.gridLostAfterSec']} onChange={setNumber('notifications.gridLostAfterSec')} errors={errors} inputMode="numeric" />
              <TextField path="notifications.staleAfterMin" label={t('settings.staleAfterMin')} value={form.numbers['notifications.staleAfterMin']} onChange={setNumber('notifications.staleAfterMin')} errors={errors} inputMode="numeric" />
              <TextField path="notifications.syncFailingAfterMin" label={t('settings.syncFailingAfterMin')} value={form.numbers['notifications.syncFailingAfterMin']} onChange={setNumber('notifications.syncFailingAfterMin')} errors={errors} inputMode="numeric" />
            </div>
            <div className="checks-grid" role="group" aria-label={t('settings.notify')}>
              {NOTIFICATION_KINDS.map((k) => (
                <CheckField key={k} path={`notifications.enabled.${k}`} label={t(`settings.notify.${k}` as MessageKey)} checked={form.notify[k]} onChange={(v) => set({ notify: { ...form.notify, [k]: v } })} />
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('settings.section.app')}</legend>
            <CheckField path="startAtLogin" label={t('settings.startAtLogin')} checked={form.startAtLogin} onChange={(startAtLogin) => set({ startAtLogin })} />
            <SelectField path="theme" label={t('settings.theme')} value={form.theme} options={options('settings.theme', ['system', 'light', 'dark'] as const)} onChange={(theme) => set({ theme })} />
            <SelectField path="language" label={t('settings.language')} value={form.language} options={options('settings.language', ['en', 'fi'] as const)} onChange={(language) => set({ language })} />
          </fieldset>
        </div>
        <footer className="dialog-foot">
          <span role="status" className="muted" data-testid="settings-status">
            {submitted && hasErrors(checked.errors) ? t('settings.fixErrors') : saved ? t('settings.saved') : ''}
          </span>
          {saveError ? <ErrorNotice error={saveError} /> : null}
          <button type="button" className="button button-quiet" onClick={() => dialog.current?.close()}>
            {t('settings.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={saving} data-testid="settings-save">
            {saving ? t('settings.saving') : t('settings.save')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
