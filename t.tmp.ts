import { normalizePostcode, findDates, normalizeCompanyNumber } from './worker/extraction/normalize';
console.log(normalizePostcode('YOI 9RB'), normalizePostcode('SWIA IAA'), normalizePostcode('M1 1AE'), normalizePostcode('EC1V 8B5'), normalizePostcode('NR1 32Z2Z'), normalizePostcode('B1 1AA'));
console.log(findDates('on Ist January 2012'), findDates('date 3O/O1/2024'));
console.log(normalizeCompanyNumber('SC123456'), normalizeCompanyNumber('1234567'), normalizeCompanyNumber('NI1482449'));
