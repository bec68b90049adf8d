import { isValid } from 'postcode';
const compact = 'YOI9RB';
const s = 'YO19RB';
console.log(`${s.slice(0, -3)} ${s.slice(-3)}`, isValid(`${s.slice(0, -3)} ${s.slice(-3)}`), isValid('Y0I 9RB'), isValid('YOI 9R8'), isValid('Y01 9RB'));
