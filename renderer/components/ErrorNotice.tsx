// An error from the core: its words (already actionable) and, when given, a retry.
import type { AppError } from '../../common/result';
import { useI18n } from '../i18n/index';

export function ErrorNotice({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert" data-error-code={error.code}>
      <p>{error.message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}
