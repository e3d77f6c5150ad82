/** How the channels table pages and refreshes (the test reads these too). */

/** Channels per page; "Show more" asks for the next page. */
export const CHANNELS_PAGE_SIZE = 20;

/** Each shown page is read again this often: an offline channel going live shows up within it. */
export const CHANNELS_POLL_MS = 10_000;
