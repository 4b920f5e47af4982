/** Lengths shared by the forms (maxlength) and the server's validation. */
export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 3000;
export const LISTING_TITLE_MAX = 120;
export const LISTING_TEXT_MAX = 2000;
