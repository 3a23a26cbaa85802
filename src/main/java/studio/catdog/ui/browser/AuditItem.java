package studio.catdog.ui.browser;

import java.nio.file.Path;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;

/**
 * One image of a finding and what became of it.
 *
 * @param sample the image as the audit saw it (its path then, its content hash)
 * @param className the class folder it is in now
 * @param path where the file is now
 * @param status what the user did to it
 */
public record AuditItem(ImageSample sample, String className, Path path, AuditRows.Status status) {

    /** @return whether move, exclude and keep are offered */
    public boolean actionable() {
        return status == AuditRows.Status.OPEN;
    }

    /** @return the file name, for captions */
    public String fileName() {
        return path.getFileName().toString();
    }

    /** @return "training · cats" */
    public String where() {
        return Formats.split(sample.split()) + " · " + className;
    }

    /** @return the state in words: "", "Moved to dogs", "Excluded", "Kept as cats", "Working…" */
    public String statusText() {
        return switch (status) {
            case OPEN -> "";
            case WORKING -> Messages.get("audit.status.working");
            case MOVED -> Messages.get("audit.status.moved", className);
            case EXCLUDED -> Messages.get("audit.status.excluded");
            case KEPT -> Messages.get("audit.status.kept", className);
        };
    }

    AuditItem with(AuditRows.Status s, String cls, Path p) {
        return new AuditItem(sample, cls, p, s);
    }

    /** An image as a report found it: in its class folder, nothing done to it yet. */
    static AuditItem audited(ImageSample s, AuditReport r) {
        String cls =
                s.label() >= 0 && s.label() < r.classes().size() ? r.classes().get(s.label()) : "?";
        return new AuditItem(s, cls, s.path(), AuditRows.Status.OPEN);
    }
}
