/** What the deployment's settings and scripts accept as an email address: something@somewhere.tld. */
export const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
