import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../features/identity';
import { useProcedure, useProcedures } from '../../../features/procedures/hooks';
import { Loading, QueryError, SelectField, usePageTitle } from '../../../features/ui';
import { ApplicationForm } from '../../../features/dossiers/application-form';

/** Counter submission: a reception officer files the same form for a walk-in applicant (channel counter). */
export default function CounterPage() {
  const { t } = useTranslation('staff');
  usePageTitle(t('counter.title'));
  const me = useMe();
  const list = useProcedures({ pageSize: 100 });
  const [code, setCode] = useState('');
  const procedure = useProcedure(code || undefined);
  const counterable = list.data?.items ?? [];
  return (
    <>
      <h1>{t('counter.title')}</h1>
      <p className="lead">{t('counter.intro')}</p>
      {list.isError && <QueryError error={list.error} />}
      <div className="form">
        <SelectField
          id="counter-procedure"
          label={t('counter.procedure')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          blank={t('services:form.choose')}
          choices={counterable.map((p) => ({ value: p.code, label: `${p.code} – ${p.name}` }))}
        />
      </div>
      {code && procedure.isPending && <Loading />}
      {procedure.isError && <QueryError error={procedure.error} />}
      {procedure.data && procedure.data.code === code && (
        <>
          {!procedure.data.channels.includes('counter') && (
            <div className="notice notice--warning">{t('counter.noCounterChannel')}</div>
          )}
          <ApplicationForm
            key={code}
            procedure={procedure.data}
            prefill={{}}
            counterAgency={me.data?.agencyCode ?? null}
          />
        </>
      )}
    </>
  );
}
