/** The public website's pieces the console shares: the same GOV.UK Frontend markup. */
export { hiddenInput, submitButton, startButton, panel, warningText, tag } from '../components.ts';
export { serviceHeader, skipLink } from '../layout.ts';
