import { extractByRules } from '../../worker/extraction/rules';

/** The rules' fields of one page, given as its text or as its printed lines. */
export function readPage(documentType: Parameters<typeof extractByRules>[0]['documentType'], page: string | string[]) {
  return extractByRules({ pages: [typeof page === 'string' ? page : page.join('\n')], pageInfo: [], documentType });
}
