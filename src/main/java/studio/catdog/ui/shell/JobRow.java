package studio.catdog.ui.shell;

/**
 * One job as the popup lists it.
 *
 * @param id the job's id (what {@link #cancel(long)} takes)
 * @param title the job in words
 * @param detail step, percentage and time left, "" when nothing is known
 * @param fraction progress 0..1, -1 when unknown
 * @param running whether it runs now (else it waits)
 * @param cancelling whether a cancel was asked and the job has not stopped yet
 */
public record JobRow(long id, String title, String detail, double fraction, boolean running, boolean cancelling) {}
