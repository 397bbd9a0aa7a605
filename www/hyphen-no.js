/*! hyphen 1.14.1 (npm, ISC licence) and TeX's hyphenation patterns (hyph-utf8): vendor/hyphen-LICENSE */
// The hyphenation patterns for Norwegian (TeX's, through the hyphen package), loaded on use by hyphenate.js.
// One set for bokmål and nynorsk: TeX's hyph-no serves both (the package's nb and nn are copies of it).
export { hyphenateSync } from 'hyphen/no';
