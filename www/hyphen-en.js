/*! hyphen 1.14.1 (npm, ISC licence) and TeX's hyphenation patterns (hyph-utf8): vendor/hyphen-LICENSE */
// The hyphenation patterns for English (the American set: it breaks more of the page's words than the British one, «Thurs-day», «every-thing») (TeX's, through the hyphen package), loaded on use by hyphenate.js.
export { hyphenateSync } from 'hyphen/en-us';
