import type { NoteWriter } from './ImportReport';
import { childPath, isRecord, noteUnknownKeys, pick, shown } from './readInput';

const ALERTING_KEYS = [
  'name',
  'labels',
  'annotations',
  'page_alert',
  'pageAlert',
  'ticket_alert',
  'ticketAlert',
];
const ALERT_KEYS = ['disable', 'labels', 'annotations', 'for'];

function noteAlert(
  value: unknown,
  path: string,
  severity: 'page' | 'ticket',
  notes: NoteWriter,
): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    notes.notCarried(
      path,
      `the ${severity} alert settings must be a mapping, not ${shown(value)}.`,
    );
    return;
  }
  noteUnknownKeys(value, ALERT_KEYS, path, notes, `a Sloth ${severity} alert`);
  if (value.disable === true) {
    notes.notCarried(
      childPath(path, 'disable'),
      `the portal always computes ${severity} alerts and \`yarn slo rules\` always writes them; leave out the rules with severity="${severity}" for this SLO, or route them to a receiver that drops them.`,
    );
  }
  if (isRecord(value.labels) && Object.keys(value.labels).length > 0) {
    notes.notCarried(
      childPath(path, 'labels'),
      `${severity} alert labels ${shown(
        value.labels,
      )}: the portal's ${severity} alerts are labelled severity="${severity}", slo_entity and slo_name (plus the SLO's labels); route on those in Alertmanager.`,
    );
  }
  if (
    isRecord(value.annotations) &&
    Object.keys(value.annotations).length > 0
  ) {
    notes.notCarried(
      childPath(path, 'annotations'),
      `${severity} alert annotations (${Object.keys(value.annotations).join(
        ', ',
      )}): the portal's alerts have their own summary, description and slo_url.`,
    );
  }
  if (value.for !== undefined) {
    notes.notCarried(
      childPath(path, 'for'),
      `"for: ${String(
        value.for,
      )}": the portal's burn-rate alerts fire as soon as both windows burn (the short window is the debounce).`,
    );
  }
}

/**
 * Notes what of a Sloth SLO's `alerting` the portal does not carry. The
 * alerts themselves are carried: Sloth's page and ticket alerts are the SRE
 * Workbook's multi-window burn-rate alerts, which the portal computes and
 * `yarn slo rules` writes for every SLO. Names, labels, annotations and
 * `disable` have no place in an SLO annotation.
 */
export function noteSlothAlerting(
  value: unknown,
  path: string,
  notes: NoteWriter,
): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    notes.notCarried(path, `alerting must be a mapping, not ${shown(value)}.`);
    return;
  }
  noteUnknownKeys(value, ALERTING_KEYS, path, notes, 'Sloth alerting');
  if (typeof value.name === 'string' && value.name !== '') {
    notes.notCarried(
      childPath(path, 'name'),
      `the alert name "${value.name}": the portal's rules name every burn-rate alert SloErrorBudgetBurn; tell SLOs apart by the slo_name label.`,
    );
  }
  if (isRecord(value.labels) && Object.keys(value.labels).length > 0) {
    notes.notCarried(
      childPath(path, 'labels'),
      `alert labels ${shown(
        value.labels,
      )}: the portal's alerts carry the SLO's labels; move them to the SLO's labels to keep them (they then label its recording rules too).`,
    );
  }
  if (
    isRecord(value.annotations) &&
    Object.keys(value.annotations).length > 0
  ) {
    notes.notCarried(
      childPath(path, 'annotations'),
      `alert annotations (${Object.keys(value.annotations).join(
        ', ',
      )}): the portal's alerts have their own summary, description and slo_url.`,
    );
  }
  const page = pick(value, 'page_alert', 'pageAlert');
  if (page) noteAlert(page.value, childPath(path, page.key), 'page', notes);
  const ticket = pick(value, 'ticket_alert', 'ticketAlert');
  if (ticket)
    noteAlert(ticket.value, childPath(path, ticket.key), 'ticket', notes);
}
