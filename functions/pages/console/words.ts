/** Words the console's screens say alike. */
import { html, type SafeHtml } from '../html.ts';

/** A moment, as staff read it in the UK: "3 December 2026 at 15:04". */
export const dateAndTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Someone's words, escaped, their line breaks kept. */
export const withLineBreaks = (text: string): SafeHtml => html`${text.split('\n').map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}`;

const CHANNEL_NAMES: Readonly<Record<string, string>> = { online: 'Online', phone: 'Phone' };

/** How a contact reached the service: "Online", "Phone". */
export const channelName = (channel: string): string => CHANNEL_NAMES[channel] ?? channel;
