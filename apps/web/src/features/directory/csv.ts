import type { CsvColumn } from '../csv/csv';
import type { Agency } from './hooks';

/** The columns of an agency list exported to CSV (public directory and administration alike). */
export function agencyCsvColumns(t: (k: string) => string): CsvColumn<Agency>[] {
  return [
    { header: t('directory:fields.code'), value: (a) => a.code },
    { header: t('directory:fields.legacyCode'), value: (a) => a.legacyCode },
    { header: t('directory:fields.name'), value: (a) => a.name },
    { header: t('directory:fields.nameEn'), value: (a) => a.nameEn },
    { header: t('directory:fields.level'), value: (a) => t(`directory:levels.${a.level}`) },
    { header: t('directory:fields.parentCode'), value: (a) => a.parentCode },
    { header: t('directory:fields.address'), value: (a) => a.address },
    { header: t('directory:fields.phone'), value: (a) => a.phone },
    { header: t('directory:fields.email'), value: (a) => a.email },
    { header: t('directory:fields.website'), value: (a) => a.website },
  ];
}
